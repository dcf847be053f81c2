import { ActionIcon, Badge, Group, Menu, Table, Text, VisuallyHidden } from '@mantine/core';
import type { User } from '../api/types';
import { roleLabel } from '../api/vocabulary';
import { formatDateTime, orDash } from '../lib/format';

export type UserAction = 'edit' | 'unlock' | 'reset-mfa' | 'reset-password';

interface UsersTableProps {
  readonly users: readonly User[];
  readonly onAction: (action: UserAction, user: User) => void;
}

function secondFactorText(user: User): string {
  if (!user.mfaEnrolled) return 'Not enrolled';
  return user.passkeyCount > 0
    ? `Authenticator + ${user.passkeyCount} passkey(s)`
    : 'Authenticator';
}

export function UsersTable({ users, onAction }: UsersTableProps) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table
        striped
        highlightOnHover
        aria-label="Users"
        data-testid="users-table"
        style={{ whiteSpace: 'nowrap' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Username</Table.Th>
            <Table.Th>Display name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Second factor</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`user-row-${user.username}`}>
              <Table.Td ff="monospace">{user.username}</Table.Td>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>{orDash(user.email)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <Badge key={role} variant="light" size="sm">
                      {roleLabel(role)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={user.mfaEnrolled ? undefined : 'orange'}>
                  {secondFactorText(user)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={user.disabled ? 'gray' : 'green'} variant="dot">
                  {user.disabled ? 'Disabled' : 'Active'}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(user.lastLoginAt)}</Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" aria-label={`Actions for ${user.username}`}>
                      ⋯
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      onClick={() => {
                        onAction('edit', user);
                      }}
                    >
                      Edit
                    </Menu.Item>
                    <Menu.Item
                      onClick={() => {
                        onAction('unlock', user);
                      }}
                    >
                      Unlock
                    </Menu.Item>
                    <Menu.Item
                      onClick={() => {
                        onAction('reset-password', user);
                      }}
                    >
                      Reset password
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      onClick={() => {
                        onAction('reset-mfa', user);
                      }}
                    >
                      Reset MFA
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
