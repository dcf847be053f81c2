import { Button, Center, Loader } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { TotpConfirmation } from '../api/types';
import { AuthLayout } from '../components/auth-layout';
import { ErrorAlert } from '../components/error-alert';
import { RecoveryCodes } from '../components/recovery-codes';
import { TotpSetup } from '../components/totp-setup';
import { acceptSession, forgetSession } from '../session/session-cache';

/**
 * Mandatory second-factor enrollment. The guard keeps a session in stage `enroll` here; the
 * upgraded session is only accepted after the user confirms the recovery codes are saved, so
 * the codes cannot be skipped by navigating away.
 */
export function EnrollPage() {
  const [confirmed, setConfirmed] = useState<TotpConfirmation | null>(null);
  // A query, not a mutation, so a re-render or StrictMode's double mount asks for one secret.
  const enrollment = useQuery({
    queryKey: ['enroll-totp'],
    queryFn: () => api.auth.enrollTotp(),
    staleTime: Infinity,
    retry: false,
  });
  const logout = useMutation({ mutationFn: api.auth.logout, onSettled: forgetSession });

  if (confirmed !== null) {
    return (
      <AuthLayout title="Recovery codes" width={520}>
        <RecoveryCodes
          codes={confirmed.recoveryCodes}
          doneLabel="Continue to Wardline"
          onDone={() => {
            acceptSession(confirmed.session);
          }}
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Set up your authenticator"
      subtitle="Wardline requires a second factor for every account. This takes a minute."
      width={520}
    >
      {enrollment.isPending && (
        <Center py="xl">
          <Loader aria-label="Preparing enrollment" />
        </Center>
      )}
      <ErrorAlert error={enrollment.error} title="Enrollment could not start" />
      {enrollment.data && <TotpSetup enrollment={enrollment.data} onConfirmed={setConfirmed} />}
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        loading={logout.isPending}
        onClick={() => {
          logout.mutate();
        }}
      >
        Log out
      </Button>
    </AuthLayout>
  );
}
