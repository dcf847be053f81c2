import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ChangePasswordForm } from '../components/change-password-form';
import { PageHeader } from '../components/page-header';
import { PasskeyPanel } from '../components/passkey-panel';
import { ReplaceAuthenticator } from '../components/replace-authenticator';
import { useSession } from '../session/use-session';

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The signed-in user's own credentials: passkeys, authenticator app and password. */
export function SecurityPage() {
  const { data: session } = useSession();

  return (
    <>
      <PageHeader title="Security" description="Your own sign-in methods." />
      <Stack gap="md" maw={760}>
        <Section title="Passkeys">
          <PasskeyPanel passkeyCount={session?.user.passkeyCount ?? 0} />
        </Section>
        <Section title="Authenticator app">
          <ReplaceAuthenticator />
        </Section>
        <Section title="Password">
          <ChangePasswordForm />
        </Section>
      </Stack>
    </>
  );
}
