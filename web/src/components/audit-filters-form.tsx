import { Button, Group, Select, TextInput } from '@mantine/core';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import type { AuditFilterForm } from '../lib/audit-filters';
import { EMPTY_AUDIT_FILTERS } from '../lib/audit-filters';

interface AuditFiltersFormProps {
  readonly initial: AuditFilterForm;
  readonly onApply: (filters: AuditFilterForm) => void;
}

const OUTCOMES = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
];

/** Filters for the audit log, applied together with one button so each search is deliberate. */
export function AuditFiltersForm({ initial, onApply }: AuditFiltersFormProps) {
  const [form, setForm] = useState(initial);
  const set = (change: Partial<AuditFilterForm>) => {
    setForm({ ...form, ...change });
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply(form);
  };

  return (
    <form onSubmit={submit} aria-label="Audit log filters">
      <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
        <TextInput
          label="Action"
          placeholder="Exact, e.g. user.create"
          w={180}
          value={form.action}
          onChange={(e) => {
            set({ action: e.currentTarget.value });
          }}
        />
        <TextInput
          label="Actor"
          placeholder="Part of a name"
          w={160}
          value={form.actor}
          onChange={(e) => {
            set({ actor: e.currentTarget.value });
          }}
        />
        <Select
          label="Outcome"
          placeholder="Any"
          w={130}
          clearable
          data={OUTCOMES}
          value={form.outcome === '' ? null : form.outcome}
          onChange={(value) => {
            set({ outcome: value === 'success' || value === 'failure' ? value : '' });
          }}
        />
        <TextInput
          label="From (UTC)"
          type="date"
          w={160}
          value={form.fromDay}
          onChange={(e) => {
            set({ fromDay: e.currentTarget.value });
          }}
        />
        <TextInput
          label="To (UTC)"
          type="date"
          w={160}
          value={form.toDay}
          onChange={(e) => {
            set({ toDay: e.currentTarget.value });
          }}
        />
        <Button type="submit">Apply filters</Button>
        <Button
          variant="default"
          onClick={() => {
            setForm(EMPTY_AUDIT_FILTERS);
            onApply(EMPTY_AUDIT_FILTERS);
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}
