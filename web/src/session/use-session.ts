import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { SESSION_KEY } from './session-cache';

/** The current session: `data` is the SessionInfo, or null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: api.auth.session, staleTime: 60_000 });
}
