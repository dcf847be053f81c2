import {
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { api } from '../api';
import type { GroupCount, SlaDashboard } from '../api/vuln-types';
import { DECISION_INFO, DECISIONS_BY_URGENCY } from '../api/vuln-vocabulary';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { DecisionBadge } from '../components/vuln-badges';
import { VulnAreaTabs } from '../components/vuln-area-tabs';
import { formatCount, formatDateTime } from '../lib/format';

// recharts is large; only this page needs it.
const SlaTrendChart = lazy(() =>
  import('../components/sla-trend-chart').then((module) => ({ default: module.SlaTrendChart })),
);

function StatCard(props: {
  readonly label: string;
  readonly value: number;
  readonly testId: string;
  readonly alert?: boolean;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={props.testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fz={28} fw={700} c={props.alert === true && props.value > 0 ? 'red' : undefined}>
        {formatCount(props.value)}
      </Text>
    </Paper>
  );
}

interface CountRow {
  readonly key: string;
  readonly label: ReactNode;
  readonly open: number;
  readonly overdue: number;
}

function CountsTable(props: {
  readonly title: string;
  readonly keyHeader: string;
  readonly rows: readonly CountRow[];
}) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {props.title}
      </Title>
      {props.rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No open findings.
        </Text>
      ) : (
        <Table striped aria-label={props.title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{props.keyHeader}</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Overdue</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td ta="right">{formatCount(row.open)}</Table.Td>
                <Table.Td ta="right" c={row.overdue > 0 ? 'red' : undefined}>
                  {formatCount(row.overdue)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function groupRows(groups: readonly GroupCount[], none: string): CountRow[] {
  return groups.map((g) => ({
    key: g.key ?? '',
    label: g.key ?? none,
    open: g.open,
    overdue: g.overdue,
  }));
}

function decisionRows(dashboard: SlaDashboard): CountRow[] {
  return DECISIONS_BY_URGENCY.flatMap((decision) => {
    const found = dashboard.byDecision.find((d) => d.decision === decision);
    return found === undefined
      ? []
      : [
          {
            key: decision,
            label: <DecisionBadge decision={decision} />,
            open: found.open,
            overdue: found.overdue,
          },
        ];
  });
}

function TrendTable({ trend }: { readonly trend: SlaDashboard['trend'] }) {
  return (
    <Table.ScrollContainer minWidth={360} mah={360}>
      <Table striped aria-label="Open and overdue findings by day" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            <Table.Th ta="right">Overdue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...trend].reverse().map((point) => (
            <Table.Tr key={point.date}>
              <Table.Td>{point.date}</Table.Td>
              <Table.Td ta="right">{formatCount(point.open)}</Table.Td>
              <Table.Td ta="right">{formatCount(point.overdue)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Trend({ trend }: { readonly trend: SlaDashboard['trend'] }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Open and overdue, last 90 days
        </Title>
        <SegmentedControl
          aria-label="Show the trend as"
          size="xs"
          value={view}
          onChange={(value) => {
            setView(value === 'table' ? 'table' : 'chart');
          }}
          data={[
            { value: 'chart', label: 'Chart' },
            { value: 'table', label: 'Table' },
          ]}
        />
      </Group>
      {view === 'chart' ? (
        <Suspense fallback={<Loader aria-label="Loading the chart" m="md" />}>
          <SlaTrendChart trend={trend} />
        </Suspense>
      ) : (
        <TrendTable trend={trend} />
      )}
    </Paper>
  );
}

/** Patch deadlines: how many findings are open and overdue, where, whose, and the trend. */
export function VulnDashboardPage() {
  const dashboard = useQuery({ queryKey: ['vuln-dashboard'], queryFn: api.vulns.dashboard });
  const data = dashboard.data;
  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        description="Patch deadlines by SSVC decision, as the patch policy sets them: open findings, those past due, and where they are."
      />
      <VulnAreaTabs />
      <ErrorAlert error={dashboard.error} title="Dashboard unavailable" />
      {dashboard.isPending && <Loader aria-label="Loading the dashboard" />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg">
            <StatCard label="Open findings" value={data.totals.open} testId="stat-open" />
            <StatCard label="Overdue" value={data.totals.overdue} testId="stat-overdue" alert />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 3 }} mb="lg">
            <CountsTable title="By decision" keyHeader="Decision" rows={decisionRows(data)} />
            <CountsTable
              title="By site"
              keyHeader="Site"
              rows={groupRows(data.bySite, 'No site')}
            />
            <CountsTable
              title="By owner"
              keyHeader="Owner"
              rows={groupRows(data.byOwner, 'No owner')}
            />
          </SimpleGrid>
          <Trend trend={data.trend} />
          <Text size="xs" c="dimmed" mt="xs">
            As of {formatDateTime(data.generatedAt)}. {DECISION_INFO.act.label} findings are due
            soonest; see Exceptions and policy for the deadlines.
          </Text>
        </>
      )}
    </>
  );
}
