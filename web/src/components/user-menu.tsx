import { Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { roleLabel } from '../api/vocabulary';
import { forgetSession } from '../session/session-cache';
import { useSession } from '../session/use-session';

/** Who is signed in, and the account actions: security settings and signing out. */
export function UserMenu() {
  const { data: session } = useSession();
  const navigate = useNavigate();
  // Whatever the server answers, the UI forgets the session and returns to sign-in.
  const logout = useMutation({ mutationFn: api.auth.logout, onSettled: forgetSession });
  const logoutAll = useMutation({ mutationFn: api.auth.logoutAll, onSettled: forgetSession });

  if (!session) return null;
  const { user } = session;

  return (
    <Group gap="sm" wrap="nowrap">
      <Group gap={4} visibleFrom="md" wrap="nowrap" data-testid="user-roles">
        {user.roles.map((role) => (
          <Badge key={role} variant="light" size="sm">
            {roleLabel(role)}
          </Badge>
        ))}
      </Group>
      <Menu position="bottom-end" width={220} withinPortal>
        <Menu.Target>
          <Button variant="subtle" aria-label="Account menu" data-testid="account-menu">
            <Text size="sm" fw={500} truncate="end" maw={180} data-testid="user-display-name">
              {user.displayName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Stack gap={0}>
              <Text size="sm" c="var(--mantine-color-text)">
                {user.displayName}
              </Text>
              <Text size="xs">{user.username}</Text>
            </Stack>
          </Menu.Label>
          <Menu.Item
            onClick={() => {
              void navigate('/security');
            }}
          >
            Security
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            onClick={() => {
              logout.mutate();
            }}
          >
            Log out
          </Menu.Item>
          <Menu.Item
            color="red"
            onClick={() => {
              logoutAll.mutate();
            }}
          >
            Log out everywhere
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
