import { Button, Divider, Group, Stack, TextInput } from '@mantine/core';
import { startAuthentication } from '@simplewebauthn/browser';
import { useMutation } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { api } from '../api';
import type { SessionInfo } from '../api/types';
import { acceptSession, forgetSession } from '../session/session-cache';
import { normalizeTotpCode } from '../lib/validation';
import { ErrorAlert } from './error-alert';

interface SecondFactorFormProps {
  readonly session: SessionInfo;
}

async function signInWithPasskey(): Promise<SessionInfo> {
  const optionsJSON = await api.auth.passkeyOptions();
  const response = await startAuthentication({ optionsJSON });
  return api.auth.passkeyVerify(response);
}

/** Step two of sign-in: an authenticator code, a recovery code, or a passkey. */
export function SecondFactorForm({ session }: SecondFactorFormProps) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const verify = useMutation({ mutationFn: api.auth.secondFactor, onSuccess: acceptSession });
  const passkey = useMutation({ mutationFn: signInWithPasskey, onSuccess: acceptSession });
  const logout = useMutation({ mutationFn: api.auth.logout, onSettled: forgetSession });
  const hasPasskey = session.secondFactors.includes('passkey');

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    verify.mutate(
      useRecovery ? { recoveryCode: recoveryCode.trim() } : { code: normalizeTotpCode(code) },
    );
  };

  return (
    <Stack gap="sm">
      <form onSubmit={submit} aria-label="Second factor">
        <Stack gap="sm">
          {useRecovery ? (
            <TextInput
              key="recovery"
              label="Recovery code"
              description="One of the codes you saved when you set up your authenticator. Each works once."
              required
              autoFocus
              autoComplete="off"
              spellCheck={false}
              data-testid="recovery-code"
              value={recoveryCode}
              onChange={(e) => {
                setRecoveryCode(e.currentTarget.value);
              }}
            />
          ) : (
            <TextInput
              key="totp"
              label="Authentication code"
              description="The 6-digit code from your authenticator app."
              required
              autoFocus
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              data-testid="totp-code"
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
              }}
            />
          )}
          <ErrorAlert error={verify.error} title="Not accepted" />
          <Button type="submit" loading={verify.isPending}>
            Verify
          </Button>
        </Stack>
      </form>
      <Group justify="space-between">
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            setUseRecovery(!useRecovery);
            verify.reset();
          }}
        >
          {useRecovery ? 'Use the authenticator code' : 'Use a recovery code'}
        </Button>
        <Button
          variant="subtle"
          size="compact-sm"
          color="gray"
          loading={logout.isPending}
          onClick={() => {
            logout.mutate();
          }}
        >
          Sign in as someone else
        </Button>
      </Group>
      {hasPasskey && (
        <>
          <Divider label="or" labelPosition="center" />
          <Button
            variant="default"
            loading={passkey.isPending}
            onClick={() => {
              passkey.mutate();
            }}
          >
            Use a passkey
          </Button>
          <ErrorAlert error={passkey.error} title="Passkey sign-in failed" />
        </>
      )}
    </Stack>
  );
}
