import { Button, Loader, Paper } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import type { UserDialog } from '../components/user-dialogs';
import { UserDialogs } from '../components/user-dialogs';
import { UsersTable } from '../components/users-table';
import { DEFAULT_PAGE_SIZE } from '../lib/paging';

/** Admin: the people who may sign in to Wardline, their roles and their credentials. */
export function UsersPage() {
  const [page, setPage] = useState({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const users = useQuery({
    queryKey: ['users', page],
    queryFn: () => api.users.list(page),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in to Wardline and what each may do. Every change here is written to the audit log."
        actions={
          <Button
            onClick={() => {
              setDialog({ kind: 'create' });
            }}
          >
            Create user
          </Button>
        }
      />
      <ErrorAlert error={users.error} title="Users unavailable" />
      <Paper withBorder radius="md" p="sm">
        {users.isPending ? (
          <Loader aria-label="Loading users" m="md" />
        ) : (
          <UsersTable
            users={users.data?.items ?? []}
            onAction={(kind, user) => {
              setDialog({ kind, user });
            }}
          />
        )}
        <Pager
          total={users.data?.total ?? 0}
          shown={users.data?.items.length ?? 0}
          limit={page.limit}
          offset={page.offset}
          onOffsetChange={(offset) => {
            setPage({ ...page, offset });
          }}
          onLimitChange={(limit) => {
            setPage({ limit, offset: 0 });
          }}
        />
      </Paper>
      {/* Keyed by dialog so each opening starts with fresh mutation state and form values. */}
      <UserDialogs key={dialogKey(dialog)} dialog={dialog} onDialogChange={setDialog} />
    </>
  );
}

function dialogKey(dialog: UserDialog | null): string {
  if (dialog === null) return 'none';
  return 'user' in dialog ? `${dialog.kind}:${dialog.user.id}` : dialog.kind;
}
