import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api';
import { FINISHED_JOB_STATUSES, jobStatusLabel } from '../api/inventory-vocabulary';
import type { ImportSummary, Job, JobStatus } from '../api/types';
import { ErrorAlert } from './error-alert';
import { ImportCountBadges } from './import-result';

/** How often a running job is asked about. */
const POLL_MS = 750;

function isFinished(job: Job | undefined): boolean {
  return job !== undefined && FINISHED_JOB_STATUSES.includes(job.status);
}

/** The import summary a succeeded import job carries as its result. */
function summaryOf(job: Job): ImportSummary | null {
  const result = job.result as Partial<ImportSummary> | null;
  return result !== null && typeof result === 'object' && typeof result.id === 'string'
    ? (result as ImportSummary)
    : null;
}

function Outcome({
  job,
  onShowImport,
}: {
  readonly job: Job;
  readonly onShowImport: (id: string) => void;
}) {
  if (job.status === 'failed' || job.status === 'cancelled') {
    return (
      <Alert
        color={job.status === 'failed' ? 'red' : 'gray'}
        title={jobStatusLabel(job.status)}
        role="alert"
      >
        <Text size="sm" data-testid="job-error">
          {job.error ?? 'The import stopped.'}
        </Text>
      </Alert>
    );
  }
  const summary = job.status === 'succeeded' ? summaryOf(job) : null;
  if (summary === null) return null;
  return (
    <Stack gap="xs">
      {summary.status === 'duplicate' ? (
        <Text size="sm">This file was imported before; nothing changed.</Text>
      ) : (
        <ImportCountBadges counts={summary.counts} />
      )}
      <Group gap="sm">
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            onShowImport(summary.id);
          }}
        >
          {summary.status === 'duplicate'
            ? 'Show the import'
            : summary.diagnostics > 0
              ? `Show the changed assets and ${String(summary.diagnostics)} ${summary.diagnostics === 1 ? 'diagnostic' : 'diagnostics'}`
              : 'Show the changed assets'}
        </Button>
      </Group>
    </Stack>
  );
}

const BAR_COLORS: Readonly<Partial<Record<JobStatus, string>>> = {
  failed: 'red',
  cancelled: 'gray',
  succeeded: 'green',
};

/** The file, the status in words (announced as it changes), the bar and what the job is doing. */
function ProgressLine({
  job,
  fileName,
}: {
  readonly job: Job | undefined;
  readonly fileName: string;
}) {
  const status = job?.status ?? 'queued';
  const finished = isFinished(job);
  const percent = status === 'succeeded' ? 100 : Math.round((job?.progress ?? 0) * 100);
  return (
    <>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {fileName}
        </Text>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="job-status">
          {jobStatusLabel(status)}
          {finished ? '' : ` · ${String(percent)}%`}
        </Text>
      </Group>
      <Progress
        value={percent}
        color={BAR_COLORS[status] ?? 'blue'}
        animated={!finished}
        striped={!finished}
        aria-label={`Import of ${fileName}`}
      />
      {!finished && typeof job?.message === 'string' && (
        <Text size="xs" c="dimmed">
          {job.message}
        </Text>
      )}
    </>
  );
}

interface JobProgressProps {
  readonly jobId: string;
  readonly fileName: string;
  readonly canCancel: boolean;
  readonly onShowImport: (importId: string) => void;
}

/** Follows an import job until it ends: a progress bar, then what it did or why it failed. */
export function JobProgress({ jobId, fileName, canCancel, onShowImport }: JobProgressProps) {
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => api.jobs.get(jobId),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
  });
  const cancel = useMutation({
    mutationFn: () => api.jobs.cancel(jobId),
    onSuccess: (updated) => {
      queryClient.setQueryData(['job', jobId], updated);
    },
  });
  const finished = isFinished(job.data);

  // Once the job ends, every view of the inventory may be out of date.
  useEffect(() => {
    if (!finished) return;
    for (const key of ['imports', 'assets', 'asset', 'overview', 'map', 'zones']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  }, [finished, queryClient]);

  return (
    <Paper withBorder p="md" radius="md" data-testid="job-progress" data-status={job.data?.status}>
      <Stack gap="xs">
        <ProgressLine job={job.data} fileName={fileName} />
        <ErrorAlert error={job.error ?? cancel.error} />
        {job.data && <Outcome job={job.data} onShowImport={onShowImport} />}
        {canCancel && !finished && (
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={cancel.isPending}
              onClick={() => {
                cancel.mutate();
              }}
            >
              Cancel import
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
