import { Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { startRegistration } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { api } from '../api';
import type { Passkey } from '../api/types';
import { refreshSession } from '../session/session-cache';
import { ErrorAlert } from './error-alert';

async function registerPasskey({
  name,
  currentPassword,
}: {
  name: string;
  currentPassword: string;
}): Promise<Passkey> {
  const optionsJSON = await api.me.passkeyOptions(currentPassword);
  const response = await startRegistration({ optionsJSON });
  return api.me.registerPasskey(name, response);
}

/** Adds a passkey (security key, or the device's own authenticator) as a second factor. */
export function PasskeyPanel({ passkeyCount }: { readonly passkeyCount: number }) {
  const [name, setName] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const register = useMutation({
    mutationFn: registerPasskey,
    onSuccess: async () => {
      setName('');
      setCurrentPassword('');
      await refreshSession();
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    register.mutate({ name: name.trim(), currentPassword });
  };

  return (
    <Stack gap="sm">
      <Text size="sm">
        {passkeyCount === 0
          ? 'You have no passkeys yet.'
          : `You have ${passkeyCount} passkey${passkeyCount === 1 ? '' : 's'}.`}{' '}
        A passkey signs you in with a security key or this device&apos;s fingerprint or PIN, and
        cannot be phished.
      </Text>
      <form onSubmit={submit} aria-label="Register a passkey">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Passkey name"
            placeholder="e.g. YubiKey on my badge"
            required
            w={280}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
            }}
          />
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
          <Button type="submit" loading={register.isPending}>
            Register a passkey
          </Button>
        </Group>
      </form>
      {register.data && (
        <Text size="sm" c="green.8" role="status">
          Passkey “{register.data.name}” registered.
        </Text>
      )}
      <ErrorAlert error={register.error} title="Passkey not registered" />
    </Stack>
  );
}
