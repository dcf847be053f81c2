import { Button, Center, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { RouteKind } from '../session/route-guard';
import { redirectFor, returnPath } from '../session/route-guard';
import { useSession } from '../session/use-session';
import { ErrorAlert } from './error-alert';
import { FullPageLoader } from './full-page-loader';

interface GuardedProps {
  readonly kind: RouteKind;
  readonly children: ReactNode;
}

interface ReturnState {
  readonly from?: unknown;
}

/** Renders its children only when the session's stage allows this kind of route. */
export function Guarded({ kind, children }: GuardedProps) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <Stack maw={480}>
          <ErrorAlert error={session.error} title="Wardline is not answering" />
          <Button onClick={() => void session.refetch()}>Try again</Button>
        </Stack>
      </Center>
    );
  }

  const target = redirectFor(kind, session.data);
  if (target === null) return children;
  if (kind === 'app') {
    return <Navigate to={target} replace state={{ from: location.pathname + location.search }} />;
  }
  const from = (location.state as ReturnState | null)?.from;
  return <Navigate to={target === '/' ? returnPath(from) : target} replace />;
}
