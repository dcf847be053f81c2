import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { api } from '../api';
import { AuthLayout } from '../components/auth-layout';
import { ErrorAlert } from '../components/error-alert';
import { SecondFactorForm } from '../components/second-factor-form';
import { acceptSession } from '../session/session-cache';
import { useSession } from '../session/use-session';

/** Sign-in, step one (password) and, once the password is accepted, step two (second factor). */
export function LoginPage() {
  const { data: session } = useSession();
  const bootstrap = useQuery({ queryKey: ['bootstrap'], queryFn: api.auth.bootstrapStatus });

  if (bootstrap.data?.needed === true) return <Navigate to="/bootstrap" replace />;
  if (session?.stage === 'password') {
    return (
      <AuthLayout
        title="Confirm it is you"
        subtitle={`Signed in as ${session.user.username}. Finish with your second factor.`}
      >
        <SecondFactorForm session={session} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Sign in">
      <PasswordStep />
    </AuthLayout>
  );
}

function PasswordStep() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({ mutationFn: api.auth.login, onSuccess: acceptSession });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <form onSubmit={submit} aria-label="Sign in">
      <Stack gap="sm">
        <TextInput
          label="Username"
          data-testid="login-username"
          required
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => {
            setUsername(e.currentTarget.value);
          }}
        />
        <PasswordInput
          label="Password"
          data-testid="login-password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.currentTarget.value);
          }}
        />
        <ErrorAlert error={login.error} title="Sign-in failed" />
        <Button type="submit" loading={login.isPending}>
          Continue
        </Button>
        <Anchor component={Link} to="/bootstrap" size="sm" ta="center" c="dimmed">
          First run? Set up Wardline
        </Anchor>
      </Stack>
    </form>
  );
}
