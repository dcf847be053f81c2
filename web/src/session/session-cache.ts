import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';
import type { SessionInfo } from '../api/types';

/** The query key under which the current session (or null) lives. */
export const SESSION_KEY = ['session'] as const;

/** Client errors (4xx) will not change on retry; only network and server failures are retried. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

export function currentSession(): SessionInfo | null | undefined {
  return queryClient.getQueryData<SessionInfo | null>(SESSION_KEY);
}

/** Makes a session the API just returned the current one (its CSRF token included). */
export function acceptSession(session: SessionInfo): void {
  queryClient.setQueryData(SESSION_KEY, session);
}

/** Forgets the session and everything read with it, so the next user sees none of it. */
export function forgetSession(): void {
  // The session query is set, not removed: the route guards observe it and move to /login.
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.getMutationCache().clear();
}

/** Asks the server again what stage the session is in. */
export function refreshSession(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
}
