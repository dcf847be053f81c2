import { Button, Checkbox, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Alert } from '../api/detect-types';
import { todayUtc } from '../lib/finding-events';
import {
  defaultSuppression,
  prepareSuppression,
  scopesOf,
  type SuppressionProblems,
  type SuppressionScope,
  type SuppressionValues,
} from '../lib/suppression-form';
import { ErrorAlert } from './error-alert';

const DAY_MS = 86_400_000;
/** A suppression runs out by default after a month, so nothing stays silenced by oversight. */
const DEFAULT_DAYS = 30;

function scopeLabel(scope: SuppressionScope, alert: Alert): string {
  switch (scope) {
    case 'rule':
      return `This rule: ${alert.title}`;
    case 'host':
      return `This host: ${alert.host ?? ''}`;
    case 'asset':
      return `This asset: ${alert.assetName ?? alert.assetId ?? ''}`;
  }
}

interface SuppressModalProps {
  readonly alert: Alert;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

/** Silences future alerts like this one, narrowed to its rule, host or asset, until a date. */
export function SuppressModal({ alert, onClose, onDone }: SuppressModalProps) {
  const queryClient = useQueryClient();
  const today = todayUtc();
  const [values, setValues] = useState<SuppressionValues>(() =>
    defaultSuppression(alert, todayUtc(new Date(Date.now() + DEFAULT_DAYS * DAY_MS))),
  );
  const [problems, setProblems] = useState<SuppressionProblems>({});
  const create = useMutation({
    mutationFn: api.detect.alerts.suppress,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['alert-suppressions'] });
      onDone();
    },
  });
  const set = (partial: Partial<SuppressionValues>) => {
    setValues({ ...values, ...partial });
  };
  const submit = () => {
    const prepared = prepareSuppression(alert, values, today);
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
      title="Suppress alerts like this"
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label="Suppress alerts"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            New detections that match every checked item raise no alert until the end date. This
            alert stays as it is.
          </Text>
          <Checkbox.Group
            label="Suppress for"
            value={[...values.scopes]}
            error={problems.scopes}
            onChange={(chosen) => {
              set({ scopes: scopesOf(alert).filter((scope) => chosen.includes(scope)) });
            }}
          >
            <Stack gap={6} mt={6}>
              {scopesOf(alert).map((scope) => (
                <Checkbox key={scope} value={scope} label={scopeLabel(scope, alert)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label="Reason"
            description="Kept with the suppression and in the audit log."
            autosize
            minRows={2}
            value={values.reason}
            error={problems.reason}
            onChange={(e) => {
              set({ reason: e.currentTarget.value });
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
          <ErrorAlert error={create.error} title="The suppression was not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Suppress
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
