import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface AuthLayoutProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly width?: number;
  readonly children: ReactNode;
}

/** The frame of every page shown before the user is fully signed in. */
export function AuthLayout({ title, subtitle, width = 420, children }: AuthLayoutProps) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={width} gap="md">
        <Stack gap={0} align="center">
          <Text fw={700} size="xl" c="blue.8">
            Wardline
          </Text>
          <Text size="sm" c="dimmed">
            Hospital cyber defense
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <Title order={2} size="h3">
              {title}
            </Title>
            {subtitle !== undefined && (
              <Text size="sm" c="dimmed">
                {subtitle}
              </Text>
            )}
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
