/**
 * Sessions: created at the password step, upgraded (with a fresh token, against fixation) at each
 * further step, ended by sign-out or by timeouts. Idle timeout counts from the last request; the
 * absolute timeout from sign-in. The cookie token is never stored, only its SHA-256.
 */
import type { SessionStage, User } from '../../domain/user.js';
import type { AuthContext } from '../../domain/session.js';
import * as sessionRepo from '../../store/session-repo.js';
import * as userRepo from '../../store/user-repo.js';
import type { ServiceContext } from '../context.js';
import { secondFactorsOf, type SessionInfo, type SignedIn } from './session-info.js';
import { newSecretToken } from './tokens.js';

export interface Client {
  readonly ip: string;
  readonly userAgent: string | null;
}

/** Writing last-seen on every request would turn reads into writes; a minute's slack is enough. */
const TOUCH_INTERVAL_MS = 60_000;
const MINUTE_MS = 60_000;

export interface SessionManager {
  start: (user: User, stage: SessionStage, client: Client) => Promise<SignedIn>;
  resolve: (token: string, client: { ip: string }) => Promise<AuthContext | null>;
  /** Replaces the session with a new one at `stage` (new token, new CSRF token). */
  advance: (auth: AuthContext, stage: SessionStage, client: Client) => Promise<SignedIn>;
  end: (auth: AuthContext) => Promise<void>;
  endAllFor: (userId: string) => Promise<number>;
  describe: (auth: AuthContext) => SessionInfo;
  /** Deletes sessions past either timeout; returns how many. */
  purgeExpired: () => Promise<number>;
}

export function createSessionManager(ctx: ServiceContext): SessionManager {
  const { db, clock, settings } = ctx;
  const idleMs = settings.sessionIdleMinutes * MINUTE_MS;

  const describe = (auth: AuthContext): SessionInfo => ({
    stage: auth.session.stage,
    csrfToken: auth.session.csrfToken,
    user: {
      id: auth.user.id,
      username: auth.user.username,
      displayName: auth.user.displayName,
      roles: auth.user.roles,
      mfaEnrolled: auth.user.mfaEnrolled,
      mustChangePassword: auth.user.mustChangePassword,
      passkeyCount: auth.user.passkeyCount,
    },
    secondFactors: secondFactorsOf(auth.user),
    idleExpiresAt: auth.session.idleExpiresAt,
    absoluteExpiresAt: auth.session.absoluteExpiresAt,
  });

  /** A new session; `expiresAt` carries the absolute expiry over when a session advances. */
  const open = async (
    user: User,
    stage: SessionStage,
    client: Client,
    expiresAt: string,
  ): Promise<SignedIn> => {
    const now = clock();
    const token = newSecretToken();
    const session = await sessionRepo.createSession(db, token, {
      userId: user.id,
      stage,
      csrfToken: newSecretToken(),
      createdAt: now.toISOString(),
      expiresAt,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    const auth: AuthContext = {
      user,
      token,
      session: {
        id: session.id,
        stage,
        csrfToken: session.csrfToken,
        idleExpiresAt: new Date(
          Math.min(now.getTime() + idleMs, Date.parse(session.expiresAt)),
        ).toISOString(),
        absoluteExpiresAt: session.expiresAt,
      },
    };
    return { token, session: describe(auth) };
  };

  const start = (user: User, stage: SessionStage, client: Client): Promise<SignedIn> => {
    const expiresAt = clock().getTime() + settings.sessionAbsoluteMinutes * MINUTE_MS;
    return open(user, stage, client, new Date(expiresAt).toISOString());
  };

  const resolve = async (token: string): Promise<AuthContext | null> => {
    const session = await sessionRepo.getSessionByToken(db, token);
    if (session === undefined) return null;
    const now = clock();
    const lastSeen = Date.parse(session.lastSeenAt);
    if (now.getTime() >= Date.parse(session.expiresAt) || now.getTime() >= lastSeen + idleMs) {
      await sessionRepo.deleteSession(db, token);
      return null;
    }
    const user = await userRepo.getUser(db, ctx.keyring, session.userId);
    if (user === undefined || user.disabled) {
      await sessionRepo.deleteSession(db, token);
      return null;
    }
    let seen = lastSeen;
    if (now.getTime() - lastSeen >= TOUCH_INTERVAL_MS) {
      await sessionRepo.touchSession(db, token, now.toISOString());
      seen = now.getTime();
    }
    return {
      user,
      token,
      session: {
        id: session.id,
        stage: session.stage,
        csrfToken: session.csrfToken,
        idleExpiresAt: new Date(
          Math.min(seen + idleMs, Date.parse(session.expiresAt)),
        ).toISOString(),
        absoluteExpiresAt: session.expiresAt,
      },
    };
  };

  return {
    start,
    resolve,
    describe,
    advance: async (auth, stage, client) => {
      await sessionRepo.deleteSession(db, auth.token);
      const user = (await userRepo.getUser(db, ctx.keyring, auth.user.id)) ?? auth.user;
      // The absolute timeout counts from sign-in: advancing (or re-enrolling) never extends it.
      return open(user, stage, client, auth.session.absoluteExpiresAt);
    },
    end: async (auth) => {
      await sessionRepo.deleteSession(db, auth.token);
    },
    endAllFor: (userId) => sessionRepo.deleteSessionsForUser(db, userId),
    purgeExpired: () => {
      const now = clock();
      return sessionRepo.deleteExpiredSessions(
        db,
        now.toISOString(),
        new Date(now.getTime() - idleMs).toISOString(),
      );
    },
  };
}
