import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionInfo, SignedIn } from '../services/auth/session-info.js';
import { actorOf as actorOfAuth, type Actor } from '../services/context.js';
import { SESSION_COOKIE, type AuthContext } from './access.js';

/**
 * The session cookie: `__Host-` prefixed (Secure, Path=/, no Domain, so no sibling host can set
 * it), HttpOnly and SameSite=Strict. It lives until the session's absolute expiry; the idle timeout
 * is enforced by the server.
 */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    expires: new Date(expiresAt),
  });
}

/** Hands a new or upgraded session to the browser: the cookie, and its `SessionInfo` as the body. */
export function startSession(reply: FastifyReply, signedIn: SignedIn): SessionInfo {
  setSessionCookie(reply, signedIn.token, signedIn.session.absoluteExpiresAt);
  return signedIn.session;
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}

export interface Client {
  readonly ip: string;
  readonly userAgent: string | null;
}

export function clientOf(request: FastifyRequest): Client {
  return { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 256) ?? null };
}

/** The signed-in user as the audit log names them. */
export function actorOf(request: FastifyRequest): Actor {
  return actorOfAuth(requireAuth(request), request.ip);
}

/** The access check has run; on routes that require a session this cannot be null. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (request.auth === null) throw new Error('Route reached without a session despite its access.');
  return request.auth;
}
