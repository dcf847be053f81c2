import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Alert, AlertStatus } from '../api/detect-types';
import { ALERT_STATUS_INFO, STATUS_ACTION_LABELS } from '../api/detect-vocabulary';
import { ErrorAlert } from './error-alert';

/** The query keys a change to an alert makes stale. */
export const ALERT_KEYS = [['alerts'], ['alert']] as const;

const MAX_ALERT_NOTE = 2_000;

const HELP: Record<AlertStatus, string> = {
  new: 'It needs looking at again. Say what changed.',
  acknowledged: 'Someone is looking into it; it stays open.',
  closed: 'Dealt with: the cause is understood and handled.',
  'false-positive': 'The rule fired on legitimate activity. Consider a suppression or a rule fix.',
};

interface AlertStatusModalProps {
  readonly alert: Alert;
  readonly to: AlertStatus;
  readonly onClose: () => void;
}

/** One status change of one alert, with a note for its history (required to reopen). */
export function AlertStatusModal({ alert, to, onClose }: AlertStatusModalProps) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (text: string) =>
      api.detect.alerts.changeStatus(alert.id, {
        status: to,
        ...(text === '' ? {} : { note: text }),
      }),
    onSuccess: async () => {
      await Promise.all(
        ALERT_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
      );
      onClose();
    },
  });
  const submit = () => {
    const text = note.trim();
    if (to === 'new' && text === '') {
      setProblem('Say why the alert opens again.');
      return;
    }
    if (text.length > MAX_ALERT_NOTE) {
      setProblem(`Keep the note under ${String(MAX_ALERT_NOTE)} characters.`);
      return;
    }
    setProblem(null);
    change.mutate(text);
  };
  const action = STATUS_ACTION_LABELS[to];
  return (
    <Modal
      opened
      onClose={onClose}
      title={`${action}: ${alert.title}`}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label="Change the alert's status"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{HELP[to]}</Text>
          <Text size="xs" c="dimmed">
            Now {ALERT_STATUS_INFO[alert.status].label.toLowerCase()}.
          </Text>
          <Textarea
            label={to === 'new' ? 'Note' : 'Note (optional)'}
            description="Kept in the alert's history and the audit log."
            autosize
            minRows={2}
            value={note}
            error={problem}
            onChange={(e) => {
              setNote(e.currentTarget.value);
            }}
          />
          <ErrorAlert error={change.error} title="The status did not change" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              {action}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
