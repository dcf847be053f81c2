import { Badge, List, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { DetectionRule, LogSource } from '../api/detect-types';
import { ORIGIN_LABELS } from '../api/detect-vocabulary';
import { formatDateTime } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { LevelBadge } from './detect-badges';
import { ErrorAlert } from './error-alert';

export function logsourceText(logsource: LogSource): string {
  const parts = [logsource.product, logsource.category, logsource.service].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  return parts.length === 0 ? 'any' : parts.join(' / ');
}

function Problems({ rule }: { readonly rule: DetectionRule }) {
  if (rule.problems.length === 0) return <>—</>;
  return (
    <Tooltip
      multiline
      maw={420}
      label={
        <List size="xs">
          {rule.problems.map((problem, i) => (
            <List.Item key={i}>{problem}</List.Item>
          ))}
        </List>
      }
    >
      <Badge color="red" variant="light" data-testid="rule-problems">
        {rule.problems.length} {rule.problems.length === 1 ? 'problem' : 'problems'}
      </Badge>
    </Tooltip>
  );
}

/** The switch that turns a rule on or off, for the roles that may. */
function EnabledSwitch({ rule }: { readonly rule: DetectionRule }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => api.detect.rules.setEnabled(rule.id, enabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['detection-rules'] }),
  });
  return (
    <Stack gap={2}>
      <Switch
        checked={toggle.isPending ? toggle.variables : rule.enabled}
        disabled={toggle.isPending}
        aria-label={`Run the rule ${rule.title}`}
        onChange={(e) => {
          toggle.mutate(e.currentTarget.checked);
        }}
      />
      <ErrorAlert error={toggle.error} title="Not changed" />
    </Stack>
  );
}

function columns(canToggle: boolean): Column<DetectionRule>[] {
  return [
    {
      header: 'Enabled',
      cell: (r) =>
        canToggle ? (
          <EnabledSwitch rule={r} />
        ) : (
          <Text size="sm" data-testid="rule-enabled">
            {r.enabled ? 'On' : 'Off'}
          </Text>
        ),
    },
    {
      header: 'Rule',
      cell: (r) => (
        <Stack gap={0}>
          <Text size="sm">{r.title}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {r.ruleId}
          </Text>
        </Stack>
      ),
    },
    { header: 'Level', cell: (r) => <LevelBadge level={r.level} />, nowrap: true },
    { header: 'Kind', cell: (r) => (r.kind === 'correlation' ? 'Correlation' : 'Rule') },
    { header: 'Log source', cell: (r) => logsourceText(r.logsource), mono: true },
    { header: 'Origin', cell: (r) => ORIGIN_LABELS[r.origin] },
    { header: 'Problems', cell: (r) => <Problems rule={r} /> },
    { header: 'Updated', cell: (r) => formatDateTime(r.updatedAt), nowrap: true },
  ];
}

interface RulesTableProps {
  readonly rules: readonly DetectionRule[];
  readonly canToggle: boolean;
}

/** The stored Sigma rules, whether each runs, and what kept it from compiling. */
export function RulesTable({ rules, canToggle }: RulesTableProps) {
  return (
    <DataTable
      label="Detection rules"
      rows={rules}
      columns={columns(canToggle)}
      rowKey={(r) => r.id}
      empty="No rule matches."
      minWidth={1040}
      testId="rules-table"
      rowProps={() => ({ 'data-testid': 'rule-row' })}
    />
  );
}
