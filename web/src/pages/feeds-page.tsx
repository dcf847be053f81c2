import { Badge, Button, FileInput, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Job } from '../api/types';
import type { FeedFileResult, FeedStatus, FeedSyncResult } from '../api/vuln-types';
import { FEED_FILE_STATUS_INFO, feedLabel } from '../api/vuln-vocabulary';
import { DataTable, type Column } from '../components/data-table';
import { ErrorAlert } from '../components/error-alert';
import { FINDING_KEYS } from '../components/finding-status-modal';
import { PageHeader } from '../components/page-header';
import { VulnAreaTabs } from '../components/vuln-area-tabs';
import { formatCount, formatDateTime, orDash } from '../lib/format';
import { useVulnAccess } from '../session/use-vuln-access';

const STATUS_COLUMNS: readonly Column<FeedStatus>[] = [
  { header: 'Feed', cell: (f) => feedLabel(f.feed) },
  { header: 'Records', cell: (f) => formatCount(f.records), align: 'right' },
  { header: 'Snapshots', cell: (f) => formatCount(f.snapshots), align: 'right' },
  { header: 'Last imported', cell: (f) => formatDateTime(f.lastImportedAt), nowrap: true },
  { header: 'Version', cell: (f) => orDash(f.lastVersion), mono: true },
  { header: 'From', cell: (f) => orDash(f.lastSource), mono: true },
];

const RESULT_COLUMNS: readonly Column<FeedFileResult>[] = [
  { header: 'File', cell: (r) => r.file, mono: true },
  { header: 'Feed', cell: (r) => feedLabel(r.feed) },
  {
    header: 'Result',
    cell: (r) => (
      <Badge
        color={FEED_FILE_STATUS_INFO[r.status].color}
        variant="light"
        data-testid="feed-file-status"
      >
        {FEED_FILE_STATUS_INFO[r.status].label}
      </Badge>
    ),
  },
  { header: 'Records', cell: (r) => formatCount(r.records), align: 'right' },
  { header: 'Errors', cell: (r) => formatCount(r.errors), align: 'right' },
  { header: 'Reason', cell: (r) => orDash(r.reason) },
];

type SyncRow = FeedSyncResult['feeds'][number];
const SYNC_COLUMNS: readonly Column<SyncRow>[] = [
  { header: 'Feed', cell: (r) => feedLabel(r.feed) },
  { header: 'Result', cell: (r) => r.status },
  { header: 'Records', cell: (r) => formatCount(r.records), align: 'right' },
  { header: 'Reason', cell: (r) => orDash(r.reason) },
];

/** The data the feeds change: statuses, and every ranking and finding. */
function useFeedRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['feeds'] }),
      ...FINDING_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
    ]);
}

/** Feed files carried in by hand: each one uploaded in turn, each with its result. */
function FeedUpload() {
  const refresh = useFeedRefresh();
  const [files, setFiles] = useState<File[]>([]);
  const [results, setResults] = useState<readonly FeedFileResult[]>([]);
  const upload = useMutation({
    mutationFn: async (chosen: readonly File[]) => {
      const done: FeedFileResult[] = [];
      for (const file of chosen) {
        done.push(await api.feeds.upload(file.name, file));
        setResults([...done]);
      }
      return done;
    },
    onSettled: refresh,
    onSuccess: () => {
      setFiles([]);
    },
  });
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Upload feed files"
        onSubmit={(e) => {
          e.preventDefault();
          setResults([]);
          if (files.length > 0) upload.mutate(files);
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Upload feed files
          </Title>
          <Text size="sm" c="dimmed">
            For a network without internet access: KEV and EPSS files, NVD or CVE records, OSV
            records and vendor CSAF advisories. Wardline recognizes each file from its content.
          </Text>
          <Group align="flex-end">
            <FileInput
              label="Files"
              placeholder="Choose feed files"
              multiple
              clearable
              w={420}
              value={files}
              onChange={setFiles}
              data-testid="feed-files"
            />
            <Button type="submit" loading={upload.isPending} disabled={files.length === 0}>
              Upload
            </Button>
          </Group>
          <ErrorAlert error={upload.error} title="A file was not imported" />
          {results.length > 0 && (
            <DataTable
              label="Uploaded files"
              rows={results}
              columns={RESULT_COLUMNS}
              rowKey={(r, i) => `${r.file}/${String(i)}`}
              empty=""
              testId="feed-results"
            />
          )}
        </Stack>
      </form>
    </Paper>
  );
}

const SYNC_POLL_MS = 1000;

/** The summary a finished sync job leaves as its result. */
function syncSummary(job: Job | undefined): FeedSyncResult | null {
  if (job?.status !== 'succeeded') return null;
  const result = job.result as Partial<FeedSyncResult> | null;
  return Array.isArray(result?.feeds) ? (result as FeedSyncResult) : null;
}

/** Starts an online sync (a background job on the server) and follows it until it ends. */
function FeedSync() {
  const refresh = useFeedRefresh();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => api.feeds.sync(),
    onSuccess: (job) => {
      setJobId(job.id);
    },
  });
  const job = useQuery({
    queryKey: ['job', jobId],
    enabled: jobId !== null,
    queryFn: async () => {
      const current = await api.jobs.get(jobId ?? '');
      if (current.finishedAt !== null) await refresh();
      return current;
    },
    refetchInterval: (query) =>
      query.state.data === undefined || query.state.data.finishedAt === null ? SYNC_POLL_MS : false,
  });
  const running = start.isPending || (jobId !== null && job.data?.finishedAt == null);
  const summary = syncSummary(job.data);
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Stack gap={0}>
          <Title order={2} size="h4">
            Online sync
          </Title>
          <Text size="sm" c="dimmed">
            Fetches CISA KEV, EPSS, NVD changes and configured CSAF providers now.
          </Text>
        </Stack>
        <Button
          variant="light"
          loading={running}
          onClick={() => {
            start.mutate();
          }}
        >
          Sync now
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? job.error} title="The sync did not run" />
      {running && typeof job.data?.message === 'string' && (
        <Text size="xs" c="dimmed">
          {job.data.message}
        </Text>
      )}
      {job.data?.status === 'failed' && (
        <Text size="sm" c="red">
          {job.data.error ?? 'The sync failed.'}
        </Text>
      )}
      {summary && (
        <DataTable
          label="Sync results"
          rows={summary.feeds}
          columns={SYNC_COLUMNS}
          rowKey={(r) => r.feed}
          empty="No feed to sync."
          testId="sync-results"
        />
      )}
    </Paper>
  );
}

/** Where the vulnerability data comes from and how fresh it is. */
export function FeedsPage() {
  const access = useVulnAccess();
  const feeds = useQuery({ queryKey: ['feeds'], queryFn: api.feeds.statuses });
  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        description="The feeds matched against the inventory: what was imported, when and from where."
      />
      <VulnAreaTabs />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm">
            Feed status
          </Title>
          <ErrorAlert error={feeds.error} title="Feed status unavailable" />
          {feeds.isPending ? (
            <Loader aria-label="Loading feeds" size="sm" />
          ) : (
            <DataTable
              label="Feeds"
              rows={feeds.data ?? []}
              columns={STATUS_COLUMNS}
              rowKey={(f) => f.feed}
              empty="No feed imported yet."
              testId="feeds-table"
            />
          )}
        </Paper>
        {access.loadFeeds && <FeedUpload />}
        {access.loadFeeds && <FeedSync />}
      </Stack>
    </>
  );
}
