import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { api } from '../api';
import { AuthLayout } from '../components/auth-layout';
import { ErrorAlert } from '../components/error-alert';
import { FullPageLoader } from '../components/full-page-loader';
import { acceptSession } from '../session/session-cache';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../lib/validation';

/**
 * First run: the server prints a one-time bootstrap token; whoever holds it creates the first
 * administrator, who then enrolls a second factor like everyone else.
 */
export function BootstrapPage() {
  const status = useQuery({ queryKey: ['bootstrap'], queryFn: api.auth.bootstrapStatus });
  const [token, setToken] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [touched, setTouched] = useState(false);
  const bootstrap = useMutation({ mutationFn: api.auth.bootstrap, onSuccess: acceptSession });

  if (status.isPending) return <FullPageLoader />;
  if (status.data?.needed === false) return <Navigate to="/login" replace />;

  const problem = passwordProblem(password, confirmation);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem !== null) return;
    bootstrap.mutate({ token: token.trim(), username: username.trim(), displayName, password });
  };

  return (
    <AuthLayout
      title="Set up Wardline"
      subtitle="Create the first administrator. The bootstrap token was printed by the Wardline server when it first started."
      width={460}
    >
      <form onSubmit={submit} aria-label="Set up Wardline">
        <Stack gap="sm">
          <ErrorAlert error={status.error} />
          <TextInput
            label="Bootstrap token"
            data-testid="bootstrap-token"
            required
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => {
              setToken(e.currentTarget.value);
            }}
          />
          <TextInput
            label="Username"
            data-testid="bootstrap-username"
            required
            autoComplete="username"
            value={username}
            onChange={(e) => {
              setUsername(e.currentTarget.value);
            }}
          />
          <TextInput
            label="Display name"
            data-testid="bootstrap-display-name"
            required
            autoComplete="name"
            value={displayName}
            onChange={(e) => {
              setDisplayName(e.currentTarget.value);
            }}
          />
          <PasswordInput
            label="Password"
            data-testid="bootstrap-password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
            }}
          />
          <PasswordInput
            label="Confirm password"
            data-testid="bootstrap-password-confirm"
            required
            autoComplete="new-password"
            value={confirmation}
            error={touched ? problem : null}
            onChange={(e) => {
              setConfirmation(e.currentTarget.value);
            }}
          />
          <ErrorAlert error={bootstrap.error} title="Setup failed" />
          <Button type="submit" loading={bootstrap.isPending}>
            Create administrator
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
