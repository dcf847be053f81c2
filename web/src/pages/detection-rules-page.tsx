import { Group, Loader, Paper, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { DetectionLevel, RuleOrigin, RuleQuery } from '../api/detect-types';
import {
  DETECTION_LEVELS,
  LEVEL_INFO,
  LEVELS_BY_SEVERITY,
  ORIGIN_LABELS,
  RULE_ORIGINS,
} from '../api/detect-vocabulary';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import { RuleTestPanel } from '../components/rule-test-panel';
import { RuleUpload } from '../components/rule-upload';
import { RulesTable } from '../components/rules-table';
import { DEFAULT_PAGE_SIZE } from '../lib/paging';
import { useDetectAccess } from '../session/use-detect-access';

interface RuleFilters {
  readonly q: string;
  readonly origin: RuleOrigin | null;
  readonly level: DetectionLevel | null;
  readonly enabled: 'on' | 'off' | null;
}

const ORIGIN_OPTIONS = RULE_ORIGINS.map((value) => ({ value, label: ORIGIN_LABELS[value] }));
const LEVEL_OPTIONS = LEVELS_BY_SEVERITY.map((value) => ({
  value,
  label: LEVEL_INFO[value].label,
}));
const ENABLED_OPTIONS = [
  { value: 'on', label: 'Enabled' },
  { value: 'off', label: 'Disabled' },
];

function toRuleQuery(filters: RuleFilters, limit: number, offset: number): RuleQuery {
  return {
    limit,
    offset,
    ...(filters.q.trim() === '' ? {} : { q: filters.q.trim() }),
    ...(filters.origin === null ? {} : { origin: filters.origin }),
    ...(filters.level === null ? {} : { level: filters.level }),
    ...(filters.enabled === null ? {} : { enabled: filters.enabled === 'on' }),
  };
}

function RuleFilterBar(props: {
  readonly filters: RuleFilters;
  readonly onChange: (change: Partial<RuleFilters>) => void;
}) {
  const { filters, onChange } = props;
  return (
    <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
      <TextInput
        label="Search rules"
        placeholder="Title, id or tag"
        type="search"
        w={260}
        value={filters.q}
        onChange={(e) => {
          onChange({ q: e.currentTarget.value });
        }}
      />
      <Select
        label="Origin"
        placeholder="Any origin"
        clearable
        w={170}
        data={ORIGIN_OPTIONS}
        value={filters.origin}
        onChange={(value) => {
          onChange({ origin: RULE_ORIGINS.find((o) => o === value) ?? null });
        }}
      />
      <Select
        label="Rule level"
        placeholder="Any level"
        clearable
        w={170}
        data={LEVEL_OPTIONS}
        value={filters.level}
        onChange={(value) => {
          onChange({ level: DETECTION_LEVELS.find((l) => l === value) ?? null });
        }}
      />
      <Select
        label="Enabled"
        placeholder="Enabled or not"
        clearable
        w={170}
        data={ENABLED_OPTIONS}
        value={filters.enabled}
        onChange={(value) => {
          onChange({ enabled: value === 'on' || value === 'off' ? value : null });
        }}
      />
    </Group>
  );
}

/** The Sigma rules Wardline runs: the bundled pack, uploads and the rules folder. */
export function DetectionRulesPage() {
  const access = useDetectAccess();
  const [filters, setFilters] = useState<RuleFilters>({
    q: '',
    origin: null,
    level: null,
    enabled: null,
  });
  const [debouncedQ] = useDebouncedValue(filters.q, 300);
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const [offset, setOffset] = useState(0);
  const query = toRuleQuery({ ...filters, q: debouncedQ }, limit, offset);
  const rules = useQuery({
    queryKey: ['detection-rules', query],
    queryFn: () => api.detect.rules.list(query),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="Detection rules"
        description="Sigma rules evaluated on every event as it arrives. A rule with problems did not compile and does not run."
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="sm" data-testid="rules-list">
          <RuleFilterBar
            filters={filters}
            onChange={(change) => {
              setFilters({ ...filters, ...change });
              setOffset(0);
            }}
          />
          <ErrorAlert error={rules.error} title="Rules unavailable" />
          {rules.isPending ? (
            <Loader aria-label="Loading rules" m="md" />
          ) : (
            <RulesTable rules={rules.data?.items ?? []} canToggle={access.engineer} />
          )}
          <Pager
            total={rules.data?.total ?? 0}
            shown={rules.data?.items.length ?? 0}
            limit={limit}
            offset={offset}
            onOffsetChange={setOffset}
            onLimitChange={(next) => {
              setLimit(next);
              setOffset(0);
            }}
          />
        </Paper>
        {access.engineer && <RuleUpload />}
        {access.engineer && <RuleTestPanel />}
      </Stack>
    </>
  );
}
