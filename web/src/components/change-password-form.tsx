import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { api } from '../api';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../lib/validation';
import { ErrorAlert } from './error-alert';

/** `onChanged` runs after the server accepted the new password. */
export function ChangePasswordForm({
  onChanged,
}: { readonly onChanged?: () => Promise<void> } = {}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [touched, setTouched] = useState(false);
  const change = useMutation({
    mutationFn: api.me.changePassword,
    onSuccess: async () => {
      await onChanged?.();
      setCurrent('');
      setNext('');
      setConfirmation('');
      setTouched(false);
    },
  });
  const problem = passwordProblem(next, confirmation);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem === null) change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <form onSubmit={submit} aria-label="Change password">
      <Stack gap="sm" maw={360}>
        <PasswordInput
          label="Current password"
          required
          autoComplete="current-password"
          value={current}
          onChange={(e) => {
            setCurrent(e.currentTarget.value);
          }}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          required
          autoComplete="new-password"
          value={next}
          onChange={(e) => {
            setNext(e.currentTarget.value);
          }}
        />
        <PasswordInput
          label="Confirm new password"
          required
          autoComplete="new-password"
          value={confirmation}
          error={touched ? problem : null}
          onChange={(e) => {
            setConfirmation(e.currentTarget.value);
          }}
        />
        <ErrorAlert error={change.error} title="Password not changed" />
        {change.isSuccess && (
          <Text size="sm" c="green.8" role="status">
            Password changed.
          </Text>
        )}
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
