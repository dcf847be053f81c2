import { NavLink, Stack } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { isActiveItem, NAV_ITEMS, type NavItem } from '../lib/areas';
import type { Role } from '../api/vocabulary';
import { canAccess } from '../session/route-guard';
import { useSession } from '../session/use-session';

function ItemLink({ item, pathname }: { readonly item: NavItem; readonly pathname: string }) {
  const active = isActiveItem(item, pathname);
  return (
    <NavLink
      component={Link}
      to={item.path}
      label={item.label}
      active={active}
      aria-current={active ? 'page' : undefined}
    />
  );
}

/** An area with sections: a toggle that opens by itself while one of its pages is shown. */
function ItemGroup(props: {
  readonly item: NavItem;
  readonly links: readonly NavItem[];
  readonly pathname: string;
}) {
  const { item, links, pathname } = props;
  const active = isActiveItem(item, pathname);
  const [toggled, setToggled] = useState(false);
  return (
    <NavLink
      component="button"
      type="button"
      label={item.label}
      opened={active || toggled}
      onChange={setToggled}
      childrenOffset={12}
    >
      {links.map((child) => (
        <ItemLink key={child.path} item={child} pathname={pathname} />
      ))}
    </NavLink>
  );
}

function visible(items: readonly NavItem[], roles: readonly Role[]): NavItem[] {
  return items.filter((item) => canAccess(roles, item.access));
}

/** One link per area, sub-links for an area's sections; Admin and Audit log only for their roles. */
export function MainNav() {
  const { data: session } = useSession();
  const { pathname } = useLocation();
  const roles = session?.user.roles ?? [];

  return (
    <Stack gap={2}>
      {visible(NAV_ITEMS, roles).map((item) =>
        item.children === undefined ? (
          <ItemLink key={item.path} item={item} pathname={pathname} />
        ) : (
          <ItemGroup
            key={item.path}
            item={item}
            links={visible(item.children, roles)}
            pathname={pathname}
          />
        ),
      )}
    </Stack>
  );
}
