import { Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { TotpConfirmation } from '../api/types';
import { acceptSession } from '../session/session-cache';
import { ErrorAlert } from './error-alert';
import { RecoveryCodes } from './recovery-codes';
import { TotpSetup } from './totp-setup';

/** Moves the authenticator to a new phone; the old one and old recovery codes stop working. */
export function ReplaceAuthenticator() {
  const start = useMutation({ mutationFn: (password: string) => api.auth.enrollTotp(password) });
  const [currentPassword, setCurrentPassword] = useState('');
  const [confirmed, setConfirmed] = useState<TotpConfirmation | null>(null);

  if (confirmed !== null) {
    return (
      <RecoveryCodes
        codes={confirmed.recoveryCodes}
        doneLabel="Done"
        onDone={() => {
          acceptSession(confirmed.session);
          setConfirmed(null);
          start.reset();
        }}
      />
    );
  }
  if (start.data) {
    return (
      <Stack gap="sm">
        <TotpSetup enrollment={start.data} onConfirmed={setConfirmed} />
        <Button
          variant="subtle"
          color="gray"
          onClick={() => {
            start.reset();
          }}
        >
          Cancel
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">
        Set up a new authenticator app, for example on a new phone. Wardline switches to it once you
        confirm a code from it, and issues new recovery codes.
      </Text>
      <form
        aria-label="Replace authenticator"
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate(currentPassword);
          setCurrentPassword('');
        }}
      >
        <Group align="flex-end" gap="sm">
          <PasswordInput
            label="Current password"
            required
            w={220}
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => {
              setCurrentPassword(e.currentTarget.value);
            }}
          />
          <Button type="submit" variant="default" loading={start.isPending}>
            Replace authenticator
          </Button>
        </Group>
      </form>
      <ErrorAlert error={start.error} />
    </Stack>
  );
}
