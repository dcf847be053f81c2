import { Text } from '@mantine/core';
import { AuthLayout } from '../components/auth-layout';
import { ChangePasswordForm } from '../components/change-password-form';
import { refreshSession } from '../session/session-cache';

/**
 * The first stop of a user whose password an administrator set: they choose their own before
 * anything else. The server enforces it too; this page is where the guard sends them.
 */
export function ChangePasswordPage() {
  return (
    <AuthLayout title="Choose your password">
      <Text size="sm" c="dimmed" mb="sm">
        The password you signed in with was set by an administrator, who therefore knows it. Choose
        one only you know before you continue.
      </Text>
      <ChangePasswordForm onChanged={refreshSession} />
    </AuthLayout>
  );
}
