import { Alert, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { FINISHED_JOB_STATUSES, jobStatusLabel } from '../api/inventory-vocabulary';
import type { Job, JobStatus } from '../api/types';
import { formatCount } from '../lib/format';
import { DetectionsTable } from './detections-table';
import { ErrorAlert } from './error-alert';

/** How often a running hunt is asked about. */
const POLL_MS = 750;

function isFinished(job: Job | undefined): boolean {
  return job !== undefined && FINISHED_JOB_STATUSES.includes(job.status);
}

function HuntResultView({ jobId }: { readonly jobId: string }) {
  const result = useQuery({
    queryKey: ['hunt', jobId],
    queryFn: () => api.detect.hunts.result(jobId),
  });
  if (result.error !== null) return <ErrorAlert error={result.error} title="No hunt result" />;
  if (result.data === undefined) return null;
  return (
    <Stack gap="xs">
      <Text size="sm" role="status" data-testid="hunt-summary">
        {formatCount(result.data.events)} events searched,{' '}
        {formatCount(result.data.detections.length)}{' '}
        {result.data.detections.length === 1 ? 'detection' : 'detections'}.
      </Text>
      <DetectionsTable
        detections={result.data.detections}
        label="Hunt detections"
        empty="Nothing in the stored events matches."
        testId="hunt-detections"
      />
    </Stack>
  );
}

const BAR_COLORS: Readonly<Partial<Record<JobStatus, string>>> = {
  failed: 'red',
  cancelled: 'gray',
  succeeded: 'green',
};

/** The status in words (announced as it changes), the bar and what the hunt is doing. */
function ProgressLine({ job }: { readonly job: Job | undefined }) {
  const status = job?.status ?? 'queued';
  const finished = isFinished(job);
  const percent = status === 'succeeded' ? 100 : Math.round((job?.progress ?? 0) * 100);
  return (
    <>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Hunt
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
        aria-label="Hunt progress"
      />
      {!finished && typeof job?.message === 'string' && (
        <Text size="xs" c="dimmed">
          {job.message}
        </Text>
      )}
    </>
  );
}

/** Follows a hunt's job to its end, then shows what it found. */
export function HuntProgress({ jobId }: { readonly jobId: string }) {
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => api.jobs.get(jobId),
    refetchInterval: (query) => (isFinished(query.state.data) ? false : POLL_MS),
  });
  const status = job.data?.status ?? 'queued';
  return (
    <Paper withBorder p="md" radius="md" data-testid="hunt-progress" data-status={status}>
      <Stack gap="xs">
        <ProgressLine job={job.data} />
        <ErrorAlert error={job.error} />
        {(status === 'failed' || status === 'cancelled') && (
          <Alert color={status === 'failed' ? 'red' : 'gray'} role="alert">
            {job.data?.error ?? 'The hunt stopped.'}
          </Alert>
        )}
        {status === 'succeeded' && <HuntResultView jobId={jobId} />}
      </Stack>
    </Paper>
  );
}
