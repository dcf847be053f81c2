import { detectAccess, type DetectAccess } from '../lib/detect-access';
import { useSession } from './use-session';

/** What the signed-in user may change in detection; nothing while signed out. */
export function useDetectAccess(): DetectAccess {
  const { data: session } = useSession();
  return detectAccess(session?.user.roles ?? []);
}
