/**
 * Who may call a route. Every route declares an `Access` in its `config.access`; a route under
 * `/api`, `/healthz` or `/metrics` without one stops the server at start-up. The access check runs
 * in `onRequest`, before the body is read, so an anonymous caller cannot make Wardline parse
 * anything but the sign-in routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WardlineError } from '../domain/errors.js';
import { constantTimeEqual } from '../services/auth/constant-time.js';
import { OPTIONAL_BODY } from './validation.js';
import type { Role } from '../domain/roles.js';
import type { AuthContext } from '../domain/session.js';
import type { SessionStage } from '../domain/user.js';

export type { AuthContext } from '../domain/session.js';

export type Access =
  /** Anyone, signed in or not. */
  | { readonly kind: 'public' }
  /** A session in one of these stages (the sign-in and enrollment steps). */
  | { readonly kind: 'stage'; readonly stages: readonly SessionStage[] }
  /**
   * A fully signed-in user holding one of these roles. A user whose password an administrator set
   * reaches only routes that allow it (changing the password, signing out everywhere).
   */
  | {
      readonly kind: 'roles';
      readonly roles: readonly Role[];
      readonly allowTemporaryPassword?: boolean;
    }
  /** Prometheus: a full session with one of these roles, or the configured bearer token. */
  | { readonly kind: 'metrics'; readonly roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const inStage = (...stages: SessionStage[]): Access => ({ kind: 'stage', stages });
export const allow = (...roles: Role[]): Access => ({ kind: 'roles', roles });
/** Like `allow`, and open to a user who still has the temporary password an administrator set. */
export const allowWithTemporaryPassword = (...roles: Role[]): Access => ({
  kind: 'roles',
  roles,
  allowTemporaryPassword: true,
});

/** What the access check needs from the sign-in service. */
export interface SessionResolver {
  resolve(token: string, request: { ip: string }): Promise<AuthContext | null>;
}

export const SESSION_COOKIE = '__Host-wl_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export interface RouteAccess {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
  /** Whether the route needs a request body (routes that take no input accept none or `{}`). */
  readonly requiresBody: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isGuardedUrl(url: string): boolean {
  return url.startsWith('/api/') || url === '/healthz' || url === '/metrics';
}

/** Registers the access check and returns the table of declared routes, filled as routes register. */
export function installAccessControl(
  app: FastifyInstance,
  options: { sessions: SessionResolver; metricsToken: string | undefined },
): readonly RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('auth', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      if (isGuardedUrl(route.url)) {
        throw new Error(`Route ${route.url} declares no access; every API route must.`);
      }
      return;
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        table.push({
          method,
          url: route.url,
          access,
          requiresBody: requiresBody(route.schema?.body),
        });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    request.auth = token ? await options.sessions.resolve(token, { ip: request.ip }) : null;
    if (access.kind === 'metrics' && hasBearer(request, options.metricsToken)) return;
    checkAccess(access, request.auth);
    if (request.auth !== null && MUTATING.has(request.method)) checkCsrf(request, request.auth);
  });

  return table;
}

function requiresBody(schema: unknown): boolean {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    (schema as Record<string, unknown>)[OPTIONAL_BODY] !== true
  );
}

function checkAccess(access: Access, auth: AuthContext | null): void {
  switch (access.kind) {
    case 'public':
      return;
    case 'stage':
      if (auth === null) throw new WardlineError('WL_AUTH_REQUIRED', 'Sign in first.');
      if (!access.stages.includes(auth.session.stage)) throw stageError(auth.session.stage);
      return;
    case 'roles':
    case 'metrics':
      if (auth === null) throw new WardlineError('WL_AUTH_REQUIRED', 'Sign in first.');
      if (auth.session.stage !== 'full') throw stageError(auth.session.stage);
      if (!auth.user.roles.some((role) => access.roles.includes(role))) {
        throw new WardlineError('WL_AUTH_FORBIDDEN', 'Your roles do not allow this action.');
      }
      if (
        auth.user.mustChangePassword &&
        !(access.kind === 'roles' && access.allowTemporaryPassword === true)
      ) {
        throw new WardlineError(
          'WL_AUTH_PASSWORD_CHANGE_REQUIRED',
          'Choose your own password first; the one you have was set by an administrator.',
        );
      }
      return;
  }
}

function stageError(stage: SessionStage): WardlineError {
  switch (stage) {
    case 'password':
      return new WardlineError('WL_AUTH_MFA_REQUIRED', 'Enter your second factor first.');
    case 'enroll':
      return new WardlineError('WL_AUTH_ENROLLMENT_REQUIRED', 'Enroll a second factor first.');
    case 'full':
      return new WardlineError('WL_AUTH_FORBIDDEN', 'This step is already complete.');
  }
}

function checkCsrf(request: FastifyRequest, auth: AuthContext): void {
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || !constantTimeEqual(header, auth.session.csrfToken)) {
    throw new WardlineError('WL_AUTH_CSRF', 'The request lacks this session’s CSRF token.');
  }
}

function hasBearer(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  if (token === undefined || header === undefined) return false;
  return constantTimeEqual(header, `Bearer ${token}`);
}
