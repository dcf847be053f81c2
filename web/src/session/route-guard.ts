import type { SessionInfo } from '../api/types';
import type { Role } from '../api/vocabulary';

/** Which family a route belongs to, for deciding who may see it. */
export type RouteKind = 'bootstrap' | 'login' | 'enroll' | 'password-change' | 'app';

/** Who may open a page inside the app. */
export type Access = 'any' | 'admin' | 'audit';

const HOME = '/';

/**
 * Where a user must go instead of the route they asked for, or null to stay. A session in stage
 * `enroll` may only enroll; `password` only finishes signing in; no session only signs in or sets
 * up the first administrator; a `full` session has no business on the sign-in pages, and one whose
 * password an administrator set must first choose its own.
 */
export function redirectFor(kind: RouteKind, session: SessionInfo | null): string | null {
  if (session === null) return kind === 'login' || kind === 'bootstrap' ? null : '/login';
  switch (session.stage) {
    case 'enroll':
      return kind === 'enroll' ? null : '/enroll';
    case 'password':
      return kind === 'login' ? null : '/login';
    case 'full':
      if (session.user.mustChangePassword) {
        return kind === 'password-change' ? null : '/change-password';
      }
      return kind === 'app' ? null : HOME;
  }
}

const ACCESS_ROLES: Record<Exclude<Access, 'any'>, readonly Role[]> = {
  admin: ['admin'],
  audit: ['admin', 'auditor'],
};

export function canAccess(roles: readonly Role[], access: Access): boolean {
  if (access === 'any') return true;
  return ACCESS_ROLES[access].some((role) => roles.includes(role));
}

const AUTH_PATHS = ['/login', '/bootstrap', '/enroll', '/change-password'];

/**
 * The in-app path to return to after signing in: only a same-origin path (no scheme, no `//host`)
 * that is not itself a sign-in page, so a crafted link cannot send the user elsewhere.
 */
export function returnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//')) return HOME;
  if (from.includes('\\')) return HOME;
  const pathname = from.split(/[?#]/, 1)[0] ?? '';
  return AUTH_PATHS.includes(pathname) ? HOME : from;
}
