/**
 * First run: there is no default password. While no administrator exists, each server start
 * issues a fresh one-time token (only its hash is kept) that expires; whoever holds it creates the
 * first administrator, who must then enroll a second factor before doing anything else.
 */
import { constantTimeEqual } from './constant-time.js';
import { WardlineError } from '../../domain/errors.js';
import * as settingsRepo from '../../store/settings-repo.js';
import * as userRepo from '../../store/user-repo.js';
import type { AuditService } from '../audit-service.js';
import type { ServiceContext } from '../context.js';
import { checkPasswordStrength, hashPassword } from './password.js';
import type { SessionManager, Client } from './sessions.js';
import type { SignedIn } from './session-info.js';
import { newSecretToken, sha256Hex } from './tokens.js';

const BOOTSTRAP_KEY = 'auth.bootstrap';

interface StoredBootstrap {
  readonly tokenHash: string;
  readonly expiresAt: string;
}

export interface BootstrapInput {
  readonly token: string;
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

export function createBootstrap(
  ctx: ServiceContext,
  audit: AuditService,
  sessions: SessionManager,
) {
  const { db, clock } = ctx;

  const needed = async (): Promise<boolean> =>
    (await userRepo.countUsersWithRole(db, 'admin')) === 0;

  return {
    needed,

    /** A new token when no admin exists (replacing any earlier one), else null. */
    issueToken: async (): Promise<{ token: string; expiresAt: string } | null> => {
      if (!(await needed())) {
        await settingsRepo.deleteSetting(db, BOOTSTRAP_KEY);
        return null;
      }
      const token = newSecretToken();
      const expiresAt = new Date(
        clock().getTime() + ctx.settings.bootstrapTokenMinutes * 60_000,
      ).toISOString();
      const stored: StoredBootstrap = { tokenHash: sha256Hex(token), expiresAt };
      await settingsRepo.setSetting(db, BOOTSTRAP_KEY, stored, clock().toISOString());
      await audit.record({
        actorName: 'system',
        action: 'bootstrap.token-issued',
        outcome: 'success',
        details: { expiresAt },
      });
      return { token, expiresAt };
    },

    complete: async (input: BootstrapInput, client: Client): Promise<SignedIn> => {
      const fail = async (
        code: 'WL_BOOTSTRAP_CLOSED' | 'WL_BOOTSTRAP_TOKEN_INVALID',
        message: string,
      ) => {
        await audit.record({
          actorName: input.username,
          action: 'bootstrap.complete',
          outcome: 'failure',
          ip: client.ip,
          details: { reason: code },
        });
        return new WardlineError(code, message);
      };
      if (!(await needed()))
        throw await fail('WL_BOOTSTRAP_CLOSED', 'An administrator already exists.');
      const stored = readStored(await settingsRepo.getSetting(db, BOOTSTRAP_KEY));
      const valid =
        stored !== null &&
        Date.parse(stored.expiresAt) > clock().getTime() &&
        constantTimeEqual(sha256Hex(input.token), stored.tokenHash);
      if (!valid)
        throw await fail(
          'WL_BOOTSTRAP_TOKEN_INVALID',
          'The bootstrap token is wrong or has expired; restart the server for a new one.',
        );
      checkPasswordStrength(input.password);
      const passwordHash = await hashPassword(input.password, ctx.settings.passwordCost);
      // Spending the token and creating the admin are one transaction: of two racing requests
      // with the same token, only the one that deletes it creates an administrator.
      const user = await audit.recordChange(
        async (trx) => {
          const spent = await settingsRepo.deleteSetting(trx, BOOTSTRAP_KEY);
          if (spent !== 1 || (await userRepo.countUsersWithRole(trx, 'admin')) > 0) {
            throw new WardlineError('WL_BOOTSTRAP_CLOSED', 'An administrator already exists.');
          }
          return userRepo.createUser(trx, ctx.keyring, {
            username: input.username,
            displayName: input.displayName,
            email: null,
            roles: ['admin'],
            passwordHash,
            now: clock().toISOString(),
          });
        },
        (created) => ({
          actorId: created.id,
          actorName: created.username,
          action: 'bootstrap.complete',
          outcome: 'success',
          ip: client.ip,
          targetType: 'user',
          targetId: created.id,
        }),
      );
      return sessions.start(user, 'enroll', client);
    },
  };
}

function readStored(value: unknown): StoredBootstrap | null {
  if (typeof value !== 'object' || value === null) return null;
  const { tokenHash, expiresAt } = value as Record<string, unknown>;
  return typeof tokenHash === 'string' && typeof expiresAt === 'string'
    ? { tokenHash, expiresAt }
    : null;
}
