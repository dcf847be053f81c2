import { vulnAccess, type VulnAccess } from '../lib/vuln-access';
import { useSession } from './use-session';

/** What the signed-in user may change in vulnerability management; nothing while signed out. */
export function useVulnAccess(): VulnAccess {
  const { data: session } = useSession();
  return vulnAccess(session?.user.roles ?? []);
}
