import {
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { HuntProgress } from '../components/hunt-progress';
import { PageHeader } from '../components/page-header';
import { EMPTY_HUNT, prepareHunt, type HuntValues } from '../lib/hunt-form';
import { useDetectAccess } from '../session/use-detect-access';

/** The most rules one page of the picker lists, which is the API's page cap. */
const RULE_PICKER_LIMIT = 500;

function RulePicker(props: {
  readonly values: HuntValues;
  readonly set: (change: Partial<HuntValues>) => void;
}) {
  const { values, set } = props;
  const rules = useQuery({
    queryKey: ['detection-rules', 'enabled-picker'],
    queryFn: () => api.detect.rules.list({ enabled: true, limit: RULE_PICKER_LIMIT, offset: 0 }),
  });
  if (values.mode === 'yaml') {
    return (
      <Textarea
        label="Rule YAML to hunt with"
        autosize
        minRows={8}
        maxRows={24}
        ff="monospace"
        value={values.yaml}
        onChange={(e) => {
          set({ yaml: e.currentTarget.value });
        }}
      />
    );
  }
  return (
    <>
      <MultiSelect
        label="Rules"
        placeholder={values.ruleIds.length === 0 ? 'Choose enabled rules' : undefined}
        searchable
        clearable
        data={(rules.data?.items ?? []).map((rule) => ({ value: rule.id, label: rule.title }))}
        value={[...values.ruleIds]}
        onChange={(ruleIds) => {
          set({ ruleIds });
        }}
      />
      <ErrorAlert error={rules.error} title="Rules unavailable" />
    </>
  );
}

function HuntForm({ onStarted }: { readonly onStarted: (jobId: string) => void }) {
  const [values, setValues] = useState<HuntValues>(EMPTY_HUNT);
  const [problem, setProblem] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: api.detect.hunts.start,
    onSuccess: (started) => {
      onStarted(started.jobId);
    },
  });
  const set = (change: Partial<HuntValues>) => {
    setValues({ ...values, ...change });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Run a hunt"
        onSubmit={(e) => {
          e.preventDefault();
          const prepared = prepareHunt(values);
          if ('problem' in prepared) {
            setProblem(prepared.problem);
            return;
          }
          setProblem(null);
          start.mutate(prepared.request);
        }}
      >
        <Stack gap="sm">
          <SegmentedControl
            aria-label="Rules to hunt with"
            value={values.mode}
            onChange={(mode) => {
              set({ mode: mode === 'yaml' ? 'yaml' : 'stored' });
            }}
            data={[
              { value: 'stored', label: 'Stored rules' },
              { value: 'yaml', label: 'Paste a rule' },
            ]}
          />
          <RulePicker values={values} set={set} />
          <Group grow>
            <TextInput
              type="datetime-local"
              label="From (UTC)"
              value={values.from}
              onChange={(e) => {
                set({ from: e.currentTarget.value });
              }}
            />
            <TextInput
              type="datetime-local"
              label="To (UTC)"
              value={values.to}
              onChange={(e) => {
                set({ to: e.currentTarget.value });
              }}
            />
          </Group>
          {problem !== null && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
          <ErrorAlert error={start.error} title="The hunt did not start" />
          <Group>
            <Button type="submit" loading={start.isPending}>
              Run hunt
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Runs rules over the events already stored: to look back for what a new rule would have seen. */
export function HuntPage() {
  const access = useDetectAccess();
  const [jobId, setJobId] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Hunt"
        description="Run rules over the events Wardline has kept, for a time range, without raising alerts."
      />
      <Stack gap="md">
        {access.engineer ? (
          <HuntForm onStarted={setJobId} />
        ) : (
          <Text size="sm" c="dimmed">
            Hunts are run by administrators and security analysts.
          </Text>
        )}
        {jobId !== null && <HuntProgress key={jobId} jobId={jobId} />}
      </Stack>
    </>
  );
}
