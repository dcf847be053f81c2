import { NavLink, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import { isActivePath, NAV_ITEMS } from '../lib/areas';
import { canAccess } from '../session/route-guard';
import { useSession } from '../session/use-session';

/** One link per area; Admin and Audit log only for the roles that may open them. */
export function MainNav() {
  const { data: session } = useSession();
  const { pathname } = useLocation();
  const roles = session?.user.roles ?? [];

  return (
    <Stack gap={2}>
      {NAV_ITEMS.filter((item) => canAccess(roles, item.access)).map((item) => {
        const active = isActivePath(item.path, pathname);
        return (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </Stack>
  );
}
