import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { ExceptionCreate } from '../api/vuln-types';
import { EXCEPTION_KIND_LABELS, EXCEPTION_KINDS } from '../api/vuln-vocabulary';
import { todayUtc } from '../lib/finding-events';
import {
  EMPTY_EXCEPTION_FORM,
  prepareException,
  type ExceptionFormProblems,
  type ExceptionFormValues,
} from '../lib/exception-form';
import { ErrorAlert } from './error-alert';
import { FINDING_KEYS } from './finding-status-modal';

interface AssetChoice {
  readonly id: string;
  readonly name: string;
}

/** A searchable asset picker: the server searches names, addresses and models as one types. */
function AssetPicker(props: {
  readonly value: string | null;
  readonly error?: string;
  readonly fixed?: AssetChoice;
  readonly onChange: (id: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const assets = useQuery({
    queryKey: ['assets', 'picker', debounced],
    queryFn: () => api.inventory.assets({ q: debounced, limit: 25, offset: 0 }),
    placeholderData: keepPreviousData,
    enabled: props.fixed === undefined,
  });
  if (props.fixed !== undefined) {
    return <TextInput label="Asset" value={props.fixed.name} readOnly />;
  }
  const data = (assets.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <Select
      label="Asset"
      placeholder="Search by name, IP or model"
      searchable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={assets.isFetching ? 'Searching…' : 'No asset matches'}
      data={data}
      value={props.value}
      error={props.error}
      onChange={props.onChange}
    />
  );
}

interface ExceptionFormModalProps {
  /** On an asset's page the asset is given. */
  readonly asset?: AssetChoice;
  readonly onClose: () => void;
}

/** Records an exception: an unpatchable device, or one finding on it, with controls and expiry. */
export function ExceptionFormModal({ asset, onClose }: ExceptionFormModalProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ExceptionFormValues>({
    ...EMPTY_EXCEPTION_FORM,
    assetId: asset?.id ?? null,
  });
  const [problems, setProblems] = useState<ExceptionFormProblems>({});
  const create = useMutation({
    mutationFn: (request: ExceptionCreate) => api.vulns.createException(request),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['vuln-exceptions'] }),
        ...FINDING_KEYS.map((queryKey) =>
          queryClient.invalidateQueries({ queryKey: [...queryKey] }),
        ),
      ]);
      onClose();
    },
  });
  const set = (change: Partial<ExceptionFormValues>) => {
    setValues({ ...values, ...change });
  };
  const submit = () => {
    const prepared = prepareException(values, todayUtc());
    if ('problems' in prepared) {
      setProblems(prepared.problems);
      return;
    }
    setProblems({});
    create.mutate(prepared.request);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title="Record an exception"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label="Record an exception"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            For a device that cannot be patched yet (validated software, vendor approval pending):
            the findings it covers leave the queue until the date, then come back.
          </Text>
          <AssetPicker
            value={values.assetId}
            error={problems.assetId}
            fixed={asset}
            onChange={(assetId) => {
              set({ assetId });
            }}
          />
          <TextInput
            label="Vulnerability (optional)"
            description="Empty: every finding on the asset."
            placeholder="CVE-2024-1234"
            value={values.vulnId}
            error={problems.vulnId}
            onChange={(e) => {
              set({ vulnId: e.currentTarget.value });
            }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="exception-kind-label">
              Kind
            </Text>
            <SegmentedControl
              aria-labelledby="exception-kind-label"
              value={values.kind}
              data={EXCEPTION_KINDS.map((value) => ({
                value,
                label: EXCEPTION_KIND_LABELS[value],
              }))}
              onChange={(value) => {
                set({ kind: value });
              }}
            />
          </Stack>
          <Textarea
            label="Reason"
            autosize
            minRows={2}
            value={values.reason}
            error={problems.reason}
            onChange={(e) => {
              set({ reason: e.currentTarget.value });
            }}
          />
          <Textarea
            label="Compensating controls"
            description="One per line."
            autosize
            minRows={2}
            value={values.controls}
            error={problems.controls}
            onChange={(e) => {
              set({ controls: e.currentTarget.value });
            }}
          />
          <TextInput
            type="date"
            label="Until"
            value={values.until}
            error={problems.until}
            onChange={(e) => {
              set({ until: e.currentTarget.value });
            }}
          />
          <ErrorAlert error={create.error} title="The exception was not recorded" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Record exception
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
