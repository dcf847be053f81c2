import { Button, Checkbox, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Zone } from '../api/types';
import { ASSET_CATEGORIES, categoryLabel } from '../api/vocabulary';
import { DECISION_INFO, DECISIONS_BY_URGENCY } from '../api/vuln-vocabulary';
import { readDecisions, type VulnListState } from '../lib/vuln-list-params';

interface VulnFiltersProps {
  readonly state: VulnListState;
  readonly zones: readonly Zone[];
  readonly onChange: (change: Partial<VulnListState>) => void;
  readonly onReset: () => void;
}

const DECISION_OPTIONS = DECISIONS_BY_URGENCY.map((value) => ({
  value,
  label: DECISION_INFO[value].label,
}));
const CATEGORY_OPTIONS = ASSET_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));

type Flag = 'kev' | 'ransomware' | 'overdue' | 'includeClosed';
const FLAG_LABELS: Record<Flag, string> = {
  kev: 'Known exploited (KEV)',
  ransomware: 'Used by ransomware',
  overdue: 'Overdue only',
  includeClosed: 'Include closed',
};

/** Text, SSVC decision, zone, category and exploitation filters of the vulnerability list. */
export function VulnFilters({ state, zones, onChange, onReset }: VulnFiltersProps) {
  const [text, setText] = useState(state.q);
  const [debounced] = useDebouncedValue(text, 300);

  useEffect(() => {
    if (debounced !== state.q) onChange({ q: debounced });
  }, [debounced]);

  useEffect(() => {
    if (state.q !== debounced) setText(state.q);
  }, [state.q]);

  return (
    <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="CVE, title, component or asset"
        w={260}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
        }}
      />
      <MultiSelect
        label="SSVC decision"
        placeholder={state.decisions.length === 0 ? 'Any decision' : undefined}
        w={260}
        clearable
        data={DECISION_OPTIONS}
        value={[...state.decisions]}
        onChange={(values) => {
          onChange({ decisions: readDecisions(values.join(',')) });
        }}
      />
      <Select
        label="Zone"
        placeholder="All zones"
        w={200}
        clearable
        searchable
        data={zones.map((zone) => ({ value: zone.id, label: zone.name }))}
        value={state.zoneId === '' ? null : state.zoneId}
        onChange={(value) => {
          onChange({ zoneId: value ?? '' });
        }}
      />
      <Select
        label="Category"
        placeholder="All categories"
        w={190}
        clearable
        data={CATEGORY_OPTIONS}
        value={state.category === '' ? null : state.category}
        onChange={(value) => {
          onChange({ category: value ?? '' });
        }}
      />
      <Group gap="md" pb={6}>
        {(Object.keys(FLAG_LABELS) as Flag[]).map((flag) => (
          <Checkbox
            key={flag}
            label={FLAG_LABELS[flag]}
            checked={state[flag]}
            onChange={(e) => {
              onChange({ [flag]: e.currentTarget.checked });
            }}
          />
        ))}
      </Group>
      <Button variant="default" onClick={onReset}>
        Clear filters
      </Button>
    </Group>
  );
}
