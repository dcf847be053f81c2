import { Anchor, Badge, Button, Menu, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Finding, FindingMatch, StatusEvent } from '../api/vuln-types';
import { EVENT_LABELS, MATCH_KIND_LABELS } from '../api/vuln-vocabulary';
import { availableEvents } from '../lib/finding-events';
import { orDash } from '../lib/format';
import type { VulnAccess } from '../lib/vuln-access';
import { formatConfidence } from '../lib/vuln-format';
import { DataTable, type Column } from './data-table';
import { FindingHistoryModal } from './finding-history-modal';
import { FindingStatusModal } from './finding-status-modal';
import { DecisionBadge, DueDate, ExploitBadges, FindingStatusBadge } from './vuln-badges';

/** The best match first: the server orders them, the first explains the finding. */
function primary(finding: Finding): FindingMatch | undefined {
  return finding.matches[0];
}

function MoreMatches({ finding }: { readonly finding: Finding }) {
  const rest = finding.matches.slice(1);
  if (rest.length === 0) return null;
  const list = rest.map((m) => `${m.component} ${m.version ?? ''}`.trim()).join(', ');
  return (
    <Tooltip label={list} multiline maw={360}>
      <Text size="xs" c="dimmed">
        and {rest.length} more
      </Text>
    </Tooltip>
  );
}

function MatchCell({ finding }: { readonly finding: Finding }) {
  const match = primary(finding);
  return (
    <Stack gap={0}>
      <Text size="sm">{MATCH_KIND_LABELS[finding.matchKind]}</Text>
      <Text size="xs" c="dimmed" title={match?.explanation}>
        {formatConfidence(finding.confidence)} confidence
      </Text>
    </Stack>
  );
}

function ComponentCell({ finding }: { readonly finding: Finding }) {
  const match = primary(finding);
  if (match === undefined) return <>—</>;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {match.component}{' '}
        <Text span ff="monospace" size="sm">
          {orDash(match.version)}
        </Text>
      </Text>
      <MoreMatches finding={finding} />
    </Stack>
  );
}

interface ActionsProps {
  readonly finding: Finding;
  readonly access: VulnAccess;
  readonly onEvent: (event: StatusEvent) => void;
  readonly onHistory: () => void;
}

/** The status changes open to this user for this finding, and its history. */
function Actions({ finding, access, onEvent, onHistory }: ActionsProps) {
  const events = availableEvents(finding.status, access);
  const label = `${finding.vulnId} on ${finding.assetName}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="light"
          aria-label={events.length === 0 ? `History of ${label}` : `Change the status of ${label}`}
        >
          {events.length === 0 ? 'History' : 'Change status'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {events.map((event) => (
          <Menu.Item
            key={event}
            onClick={() => {
              onEvent(event);
            }}
          >
            {EVENT_LABELS[event]}
          </Menu.Item>
        ))}
        {events.length > 0 && <Menu.Divider />}
        <Menu.Item onClick={onHistory}>Show history</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function subjectColumn(subject: 'asset' | 'vulnerability'): Column<Finding> {
  if (subject === 'asset') {
    return {
      header: 'Asset',
      cell: (f) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/assets/${encodeURIComponent(f.assetId)}`} size="sm">
            {f.assetName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {orDash(f.zoneName)}
          </Text>
        </Stack>
      ),
    };
  }
  return {
    header: 'Vulnerability',
    cell: (f) => (
      <Stack gap={2}>
        <Anchor
          component={Link}
          to={`/vulnerabilities/${encodeURIComponent(f.vulnId)}`}
          size="sm"
          ff="monospace"
        >
          {f.vulnId}
        </Anchor>
        <ExploitBadges kev={f.kev} ransomware={f.ransomware} />
      </Stack>
    ),
  };
}

interface FindingsTableProps {
  readonly findings: readonly Finding[];
  /** What the first column names: the asset (on a vulnerability's page) or the vulnerability. */
  readonly subject: 'asset' | 'vulnerability';
  readonly access: VulnAccess;
  readonly label: string;
  readonly empty: string;
  readonly testId?: string;
}

interface Pending {
  readonly finding: Finding;
  readonly event: StatusEvent | 'history';
}

/** Findings with how they matched, their deadline, and the status changes a person may make. */
export function FindingsTable(props: FindingsTableProps) {
  const { findings, subject, access, label, empty, testId } = props;
  const [pending, setPending] = useState<Pending | null>(null);
  const columns: Column<Finding>[] = [
    subjectColumn(subject),
    { header: 'Decision', cell: (f) => <DecisionBadge decision={f.decision} /> },
    { header: 'Status', cell: (f) => <FindingStatusBadge status={f.status} />, nowrap: true },
    { header: 'Match', cell: (f) => <MatchCell finding={f} /> },
    { header: 'Component', cell: (f) => <ComponentCell finding={f} /> },
    { header: 'Affected range', cell: (f) => orDash(primary(f)?.range), mono: true },
    { header: 'Fixed in', cell: (f) => orDash(f.fixedVersion ?? primary(f)?.fixedVersion) },
    {
      header: 'Due',
      cell: (f) => <DueDate due={f.dueAt} overdue={f.overdue} />,
      nowrap: true,
    },
    {
      header: 'VEX',
      cell: (f) =>
        f.vex === null ? (
          '—'
        ) : (
          <Badge variant="light" color="gray" size="sm" title={f.vex.statement ?? undefined}>
            {f.vex.advisory}
          </Badge>
        ),
    },
    {
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      cell: (f) => (
        <Actions
          finding={f}
          access={access}
          onEvent={(event) => {
            setPending({ finding: f, event });
          }}
          onHistory={() => {
            setPending({ finding: f, event: 'history' });
          }}
        />
      ),
      align: 'right',
    },
  ];
  const close = () => {
    setPending(null);
  };
  return (
    <>
      <DataTable
        label={label}
        rows={findings}
        columns={columns}
        rowKey={(f) => f.id}
        empty={empty}
        minWidth={1040}
        testId={testId}
        rowProps={(f) => ({ 'data-testid': `finding-${f.assetName}-${f.vulnId}` })}
      />
      {pending !== null && pending.event !== 'history' && (
        <FindingStatusModal finding={pending.finding} event={pending.event} onClose={close} />
      )}
      {pending?.event === 'history' && (
        <FindingHistoryModal finding={pending.finding} onClose={close} />
      )}
    </>
  );
}
