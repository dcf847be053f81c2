import type { ReactNode } from 'react';
import type { Access } from '../session/route-guard';
import { canAccess } from '../session/route-guard';
import { useSession } from '../session/use-session';
import { NotPermitted } from './not-permitted';

interface RequireAccessProps {
  readonly access: Access;
  readonly children: ReactNode;
}

/** Shows a page only to the roles that may use it; the server enforces the same rule. */
export function RequireAccess({ access, children }: RequireAccessProps) {
  const { data: session } = useSession();
  if (!session || !canAccess(session.user.roles, access)) return <NotPermitted />;
  return children;
}
