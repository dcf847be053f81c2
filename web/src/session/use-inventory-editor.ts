import { canEditInventory } from '../lib/inventory-access';
import { useSession } from './use-session';

/** True when the signed-in user may import files, correct assets and edit zones. */
export function useInventoryEditor(): boolean {
  const { data: session } = useSession();
  return canEditInventory(session?.user.roles ?? []);
}
