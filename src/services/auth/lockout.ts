/**
 * Lockout against guessing: every wrong password or code counts toward the account's limit,
 * wherever it was typed (sign-in, second factor, or confirming the password for a sensitive
 * change); at the limit the account locks for a while. Each attempt is audited by the caller.
 */
import { WardlineError } from '../../domain/errors.js';
import * as userRepo from '../../store/user-repo.js';
import type { AuditService } from '../audit-service.js';
import type { ServiceContext } from '../context.js';
import type { Client } from './sessions.js';

export type Lockout = ReturnType<typeof createLockout>;

export const LOCKED_MESSAGE = 'Too many failed attempts; the account is locked for a while.';

/**
 * The one answer to every failed password step: an unknown name, a wrong password and a locked
 * account look alike, so the answer tells nobody which accounts exist or are locked.
 */
export const SIGN_IN_REFUSED =
  'Wrong user name or password, or the account is locked for a while after too many failed attempts.';

export function createLockout(ctx: ServiceContext, audit: AuditService) {
  const { db, clock, settings } = ctx;

  const recordFailure = (
    userId: string | null,
    username: string,
    action: string,
    client: Client,
    reason: string,
  ) =>
    audit.record({
      actorId: userId,
      actorName: username,
      action,
      outcome: 'failure',
      ip: client.ip,
      details: { reason },
    });

  return {
    recordFailure,

    /** Counts a failed attempt and locks the account when the limit is reached; true if locked. */
    countFailure: async (userId: string): Promise<boolean> => {
      const now = clock();
      const failed = await userRepo.countFailedLogin(db, userId, now.toISOString());
      if (failed < settings.maxFailedLogins) return false;
      const until = new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString();
      await userRepo.lockUser(db, userId, until);
      return true;
    },

    /** Whether the account is locked now. */
    isLocked: (secrets: userRepo.UserSecrets): boolean =>
      secrets.lockedUntil !== null && Date.parse(secrets.lockedUntil) > clock().getTime(),

    /** Refuses, and audits, any attempt on an account that is locked now. */
    assertNotLocked: async (
      secrets: userRepo.UserSecrets,
      client: Client,
      action: string,
    ): Promise<void> => {
      if (secrets.lockedUntil !== null && Date.parse(secrets.lockedUntil) > clock().getTime()) {
        await recordFailure(secrets.user.id, secrets.user.username, action, client, 'locked');
        throw new WardlineError(
          'WL_AUTH_LOCKED',
          `Too many failed attempts; try again after ${secrets.lockedUntil}.`,
        );
      }
    },
  };
}
