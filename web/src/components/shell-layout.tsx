import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { api } from '../api';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

/** The frame of the signed-in app: header, left navigation, and the page. */
export function ShellLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const overview = useQuery({ queryKey: ['overview'], queryFn: api.inventory.overview });

  // On a phone the navigation covers the page; close it once the user has picked a page.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text fw={700} c="blue.8">
              Wardline
            </Text>
            {overview.data && (
              <Text c="dimmed" size="sm" truncate="end" data-testid="organization-name">
                {overview.data.organization}
              </Text>
            )}
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <MainNav />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
