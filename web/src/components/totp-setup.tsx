import {
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { api } from '../api';
import type { TotpConfirmation, TotpEnrollment } from '../api/types';
import { isTotpCode, normalizeTotpCode } from '../lib/validation';
import { ErrorAlert } from './error-alert';

interface TotpSetupProps {
  readonly enrollment: TotpEnrollment;
  readonly onConfirmed: (confirmation: TotpConfirmation) => void;
}

/** Adds an authenticator app: scan or type the secret, then prove it works with one code. */
export function TotpSetup({ enrollment, onConfirmed }: TotpSetupProps) {
  const [code, setCode] = useState('');
  const [touched, setTouched] = useState(false);
  const confirm = useMutation({ mutationFn: api.auth.confirmTotp, onSuccess: onConfirmed });
  const valid = isTotpCode(code);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    if (valid) confirm.mutate(normalizeTotpCode(code));
  };

  return (
    <Stack gap="md">
      <List type="ordered" size="sm" spacing="xs">
        <List.Item>Open an authenticator app on your phone (any app that supports TOTP).</List.Item>
        <List.Item>Scan this QR code, or type the secret below by hand.</List.Item>
        <List.Item>Enter the 6-digit code the app shows.</List.Item>
      </List>
      <Group justify="center">
        <Image
          src={enrollment.qrDataUrl}
          alt="QR code to add Wardline to your authenticator app"
          w={200}
          h={200}
          fit="contain"
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Secret for manual entry
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code
            data-testid="totp-secret"
            style={{ wordBreak: 'break-all', fontSize: 'var(--mantine-font-size-sm)' }}
          >
            {enrollment.secret}
          </Code>
          <CopyButton value={enrollment.secret}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <form onSubmit={submit} aria-label="Confirm authenticator">
        <Stack gap="sm">
          <TextInput
            label="Authentication code"
            required
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            data-testid="enroll-code"
            value={code}
            error={touched && !valid ? 'Enter the 6 digits the app shows.' : null}
            onChange={(e) => {
              setCode(e.currentTarget.value);
            }}
          />
          <ErrorAlert error={confirm.error} title="Code not accepted" />
          <Button type="submit" loading={confirm.isPending}>
            Confirm authenticator
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
