import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import {
  ALERT_STATUS_INFO,
  ALERT_STATUSES,
  LEVEL_INFO,
  LEVELS_BY_SEVERITY,
} from '../api/detect-vocabulary';
import { readAlertList, type AlertListState } from '../lib/alert-list-params';

interface AlertFiltersProps {
  readonly state: AlertListState;
  readonly onChange: (change: Partial<AlertListState>) => void;
  readonly onReset: () => void;
}

const STATUS_OPTIONS = ALERT_STATUSES.map((value) => ({
  value,
  label: ALERT_STATUS_INFO[value].label,
}));
const LEVEL_OPTIONS = LEVELS_BY_SEVERITY.map((value) => ({
  value,
  label: LEVEL_INFO[value].label,
}));

/** A select value checked against the vocabulary, as the URL reader checks it. */
function pick(key: 'status' | 'level', value: string | null): Partial<AlertListState> {
  const read = readAlertList(new URLSearchParams(value === null ? '' : { [key]: value }));
  return { [key]: read[key] };
}

/** Text, status and level filters of the alert queue. */
export function AlertFilters({ state, onChange, onReset }: AlertFiltersProps) {
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
        placeholder="Rule title, host or asset"
        w={280}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
        }}
      />
      <Select
        label="Status"
        placeholder="Any status"
        w={180}
        clearable
        data={STATUS_OPTIONS}
        value={state.status === '' ? null : state.status}
        onChange={(value) => {
          onChange(pick('status', value));
        }}
      />
      <Select
        label="Level"
        placeholder="Any level"
        w={180}
        clearable
        data={LEVEL_OPTIONS}
        value={state.level === '' ? null : state.level}
        onChange={(value) => {
          onChange(pick('level', value));
        }}
      />
      <Button variant="subtle" onClick={onReset}>
        Clear filters
      </Button>
    </Group>
  );
}
