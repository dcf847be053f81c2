import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { User } from '../api/types';
import { ConfirmModal } from './confirm-modal';
import { TemporaryPasswordModal } from './temporary-password-modal';
import type { UserFormValues } from './user-form-modal';
import { UserFormModal } from './user-form-modal';
import type { UserAction } from './users-table';

/** Which dialog is open over the user list, if any. */
export type UserDialog =
  | { readonly kind: 'create' }
  | { readonly kind: UserAction; readonly user: User }
  | { readonly kind: 'temporary-password'; readonly username: string; readonly password: string };

interface UserDialogsProps {
  readonly dialog: UserDialog | null;
  readonly onDialogChange: (dialog: UserDialog | null) => void;
}

const optional = (value: string): string | undefined =>
  value.trim() === '' ? undefined : value.trim();

/** The admin's user actions: create, edit, reset MFA, reset password, and their results. */
export function UserDialogs({ dialog, onDialogChange }: UserDialogsProps) {
  const queryClient = useQueryClient();
  const close = () => {
    onDialogChange(null);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const showPassword = (username: string, password: string) => {
    onDialogChange({ kind: 'temporary-password', username, password });
  };

  const create = useMutation({
    mutationFn: (values: UserFormValues) =>
      api.users.create({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        email: optional(values.email),
        roles: values.roles,
      }),
    onSuccess: async (result) => {
      showPassword(result.user.username, result.temporaryPassword);
      await refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, values }: { id: string; values: UserFormValues }) =>
      api.users.update(id, {
        displayName: values.displayName.trim(),
        email: optional(values.email) ?? null,
        roles: values.roles,
        disabled: values.disabled,
      }),
    onSuccess: async () => {
      close();
      await refresh();
    },
  });
  const resetMfa = useMutation({
    mutationFn: api.users.resetMfa,
    onSuccess: async () => {
      close();
      await refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: (user: User) => api.users.unlock(user.id),
    onSuccess: async () => {
      close();
      await refresh();
    },
  });
  const resetPassword = useMutation({
    mutationFn: (user: User) => api.users.resetPassword(user.id),
    onSuccess: (result, user) => {
      showPassword(user.username, result.temporaryPassword);
    },
  });

  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'create':
      return (
        <UserFormModal
          loading={create.isPending}
          error={create.error}
          onSubmit={create.mutate}
          onClose={close}
        />
      );
    case 'edit':
      return (
        <UserFormModal
          user={dialog.user}
          loading={update.isPending}
          error={update.error}
          onSubmit={(values) => {
            update.mutate({ id: dialog.user.id, values });
          }}
          onClose={close}
        />
      );
    case 'reset-mfa':
      return (
        <ConfirmModal
          title="Reset MFA"
          confirmLabel="Reset MFA"
          danger
          loading={resetMfa.isPending}
          error={resetMfa.error}
          onConfirm={() => {
            resetMfa.mutate(dialog.user.id);
          }}
          onClose={close}
        >
          Remove every second factor of <b>{dialog.user.username}</b> (authenticator, recovery codes
          and passkeys) and end their sessions? At next sign-in they must enroll again. Do this only
          after confirming who is asking, for example in person.
        </ConfirmModal>
      );
    case 'unlock':
      return (
        <ConfirmModal
          title="Unlock account"
          confirmLabel="Unlock"
          loading={unlock.isPending}
          error={unlock.error}
          onConfirm={() => {
            unlock.mutate(dialog.user);
          }}
          onClose={close}
        >
          Let <b>{dialog.user.username}</b> sign in again now, if the account is locked after failed
          attempts? Do this only after confirming who is asking.
        </ConfirmModal>
      );
    case 'reset-password':
      return (
        <ConfirmModal
          title="Reset password"
          confirmLabel="Reset password"
          loading={resetPassword.isPending}
          error={resetPassword.error}
          onConfirm={() => {
            resetPassword.mutate(dialog.user);
          }}
          onClose={close}
        >
          Replace the password of <b>{dialog.user.username}</b> with a new temporary one? Their
          current password stops working.
        </ConfirmModal>
      );
    case 'temporary-password':
      return (
        <TemporaryPasswordModal
          username={dialog.username}
          password={dialog.password}
          onClose={close}
        />
      );
  }
}
