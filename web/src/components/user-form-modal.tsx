import { Button, Group, Modal, Stack, Switch, TextInput } from '@mantine/core';
import type { SubmitEvent } from 'react';
import { useState } from 'react';
import type { User } from '../api/types';
import type { Role } from '../api/vocabulary';
import { ErrorAlert } from './error-alert';
import { RoleSelect } from './role-select';

/** What the form collects; `username` only counts when creating. */
export interface UserFormValues {
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
}

interface UserFormModalProps {
  /** The user to edit, or undefined to create one. */
  readonly user?: User;
  readonly loading: boolean;
  readonly error: unknown;
  readonly onSubmit: (values: UserFormValues) => void;
  readonly onClose: () => void;
}

function initialValues(user: User | undefined): UserFormValues {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    roles: user?.roles ?? [],
    disabled: user?.disabled ?? false,
  };
}

/** Create a user, or edit one's name, email, roles and whether the account is disabled. */
export function UserFormModal({ user, loading, error, onSubmit, onClose }: UserFormModalProps) {
  const [values, setValues] = useState(() => initialValues(user));
  const [touched, setTouched] = useState(false);
  const editing = user !== undefined;
  const set = (change: Partial<UserFormValues>) => {
    setValues({ ...values, ...change });
  };
  const rolesError = touched && values.roles.length === 0 ? 'Pick at least one role.' : null;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setTouched(true);
    if (values.roles.length > 0) onSubmit(values);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? `Edit ${user.username}` : 'Create user'}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} aria-label={editing ? 'Edit user' : 'Create user'}>
        <Stack gap="sm">
          {!editing && (
            <TextInput
              label="Username"
              required
              autoComplete="off"
              value={values.username}
              onChange={(e) => {
                set({ username: e.currentTarget.value });
              }}
            />
          )}
          <TextInput
            label="Display name"
            required
            value={values.displayName}
            onChange={(e) => {
              set({ displayName: e.currentTarget.value });
            }}
          />
          <TextInput
            label="Email"
            type="email"
            value={values.email}
            onChange={(e) => {
              set({ email: e.currentTarget.value });
            }}
          />
          <RoleSelect
            value={values.roles}
            error={rolesError}
            onChange={(roles) => {
              set({ roles });
            }}
          />
          {editing && (
            <Switch
              label="Account disabled"
              description="A disabled account cannot sign in; its sessions end."
              checked={values.disabled}
              onChange={(e) => {
                set({ disabled: e.currentTarget.checked });
              }}
            />
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              {editing ? 'Save' : 'Create user'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
