import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Finding, StatusEvent } from '../api/vuln-types';
import {
  EVENT_LABELS,
  FINDING_STATUS_INFO,
  VEX_JUSTIFICATION_LABELS,
  VEX_JUSTIFICATIONS,
} from '../api/vuln-vocabulary';
import {
  EMPTY_STATUS_CHANGE,
  eventNeeds,
  prepareStatusChange,
  todayUtc,
  type StatusChangeProblems,
  type StatusChangeValues,
} from '../lib/finding-events';
import { ErrorAlert } from './error-alert';

const JUSTIFICATION_OPTIONS = VEX_JUSTIFICATIONS.map((value) => ({
  value,
  label: VEX_JUSTIFICATION_LABELS[value],
}));

const EVENT_HELP: Record<StatusEvent, string> = {
  start_work: 'Someone is working on it: patching, asking the vendor, planning downtime.',
  mitigate:
    'A compensating control is in place (segmentation, a disabled service). Name each control.',
  accept_risk: 'The security lead accepts the risk until a date; after it the finding opens again.',
  mark_not_affected: 'A VEX statement says this asset is not affected. Say why.',
  fix: 'The fix is applied. The next scan or SBOM that no longer shows it verifies it.',
  reopen: 'It is not done after all: the finding needs work again.',
};

/** The query keys a status change makes stale. */
export const FINDING_KEYS = [
  ['vulnerabilities'],
  ['vulnerability'],
  ['findings'],
  ['vuln-dashboard'],
] as const;

interface FindingStatusModalProps {
  readonly finding: Finding;
  readonly event: StatusEvent;
  readonly onClose: () => void;
}

function EventFields(props: {
  readonly event: StatusEvent;
  readonly values: StatusChangeValues;
  readonly problems: StatusChangeProblems;
  readonly set: (change: Partial<StatusChangeValues>) => void;
}) {
  const { event, values, problems, set } = props;
  const needs = eventNeeds(event);
  return (
    <>
      {needs.controls && (
        <Textarea
          label="Compensating controls"
          description="One per line, e.g. “Isolated on the imaging VLAN, SMB blocked at the firewall”."
          autosize
          minRows={2}
          value={values.controls}
          error={problems.controls}
          onChange={(e) => {
            set({ controls: e.currentTarget.value });
          }}
        />
      )}
      {needs.until !== 'none' && (
        <TextInput
          type="date"
          label={needs.until === 'required' ? 'Accepted until' : 'Review by (optional)'}
          value={values.until}
          error={problems.until}
          onChange={(e) => {
            set({ until: e.currentTarget.value });
          }}
        />
      )}
      {needs.justification && (
        <Select
          label="Justification"
          placeholder="Why the asset is not affected"
          data={JUSTIFICATION_OPTIONS}
          value={values.justification}
          error={problems.justification}
          onChange={(value) => {
            set({ justification: value });
          }}
        />
      )}
    </>
  );
}

/** One status change of one finding, with the inputs that event needs. */
export function FindingStatusModal({ finding, event, onClose }: FindingStatusModalProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<StatusChangeValues>(EMPTY_STATUS_CHANGE);
  const [problems, setProblems] = useState<StatusChangeProblems>({});
  const change = useMutation({
    mutationFn: (request: Parameters<typeof api.vulns.changeStatus>[1]) =>
      api.vulns.changeStatus(finding.id, request),
    onSuccess: async () => {
      await Promise.all(
        FINDING_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
      );
      onClose();
    },
  });
  const set = (partial: Partial<StatusChangeValues>) => {
    setValues({ ...values, ...partial });
  };
  const submit = () => {
    const prepared = prepareStatusChange(event, values, todayUtc());
    if ('problems' in prepared) {
      setProblems(prepared.problems);
      return;
    }
    setProblems({});
    change.mutate(prepared.request);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${EVENT_LABELS[event]}: ${finding.vulnId} on ${finding.assetName}`}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label="Change the finding's status"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{EVENT_HELP[event]}</Text>
          <Text size="xs" c="dimmed">
            Now {FINDING_STATUS_INFO[finding.status].label.toLowerCase()}.
          </Text>
          <EventFields event={event} values={values} problems={problems} set={set} />
          <Textarea
            label="Note (optional)"
            description="Kept in the finding's history and the audit log."
            autosize
            minRows={2}
            value={values.note}
            error={problems.note}
            onChange={(e) => {
              set({ note: e.currentTarget.value });
            }}
          />
          <ErrorAlert error={change.error} title="The status did not change" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              {EVENT_LABELS[event]}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
