/**
 * Account administration: create users with roles and a one-time temporary password, change roles,
 * disable, reset a second factor or a password. Every change is audited; the last active
 * administrator cannot be demoted or disabled, so Wardline is never left without one.
 */
import type { Kysely } from 'kysely';
import type { AuditEvent } from '../domain/audit.js';
import { WardlineError } from '../domain/errors.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { Role } from '../domain/roles.js';
import type { User } from '../domain/user.js';
import * as passkeyRepo from '../store/passkey-repo.js';
import * as sessionRepo from '../store/session-repo.js';
import type { Database } from '../store/schema.js';
import * as userRepo from '../store/user-repo.js';
import type { AuditService } from './audit-service.js';
import { generateTemporaryPassword, hashPassword } from './auth/password.js';
import { auditedBy, type Actor, type ServiceContext } from './context.js';

export interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly email?: string | undefined;
  readonly roles: readonly Role[];
}

export interface UserPatch {
  readonly displayName?: string | undefined;
  readonly email?: string | null | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly disabled?: boolean | undefined;
}

export type UserService = ReturnType<typeof createUserService>;

export function createUserService(ctx: ServiceContext, audit: AuditService) {
  const { db, keyring, clock } = ctx;

  const event = (
    actor: Actor,
    action: string,
    target: User,
    details: Record<string, unknown> = {},
  ): AuditEvent => ({
    ...auditedBy(actor),
    action,
    targetType: 'user',
    targetId: target.id,
    details: { username: target.username, ...details },
  });

  const get = async (id: string, executor: Kysely<Database> = db): Promise<User> => {
    const user = await userRepo.getUser(executor, keyring, id);
    if (user === undefined) throw new WardlineError('WL_NOT_FOUND', `No user ${id}.`);
    return user;
  };

  /** Refuses a change that would leave no enabled administrator. */
  const keepOneAdmin = async (
    trx: Kysely<Database>,
    user: User,
    patch: UserPatch,
  ): Promise<void> => {
    const losesAdmin =
      (patch.roles !== undefined && !patch.roles.includes('admin')) || patch.disabled === true;
    if (!user.roles.includes('admin') || user.disabled || !losesAdmin) return;
    if ((await userRepo.countUsersWithRole(trx, 'admin')) <= 1) {
      throw new WardlineError(
        'WL_CONFLICT',
        'This is the last active administrator; make another one first.',
      );
    }
  };

  return {
    list: (page: PageRequest): Promise<Page<User>> => userRepo.listUsers(db, keyring, page),

    findByUsername: async (username: string): Promise<User> => {
      const user = await userRepo.getUserByUsername(db, keyring, username);
      if (user === undefined) throw new WardlineError('WL_NOT_FOUND', `No user named ${username}.`);
      return user;
    },

    async create(
      actor: Actor,
      input: NewUserInput,
    ): Promise<{ user: User; temporaryPassword: string }> {
      if ((await userRepo.getUserByUsername(db, keyring, input.username)) !== undefined) {
        throw new WardlineError('WL_CONFLICT', `A user named ${input.username} already exists.`);
      }
      const temporaryPassword = generateTemporaryPassword();
      // Hashed before the transaction: scrypt takes a while and must not hold the write lock.
      const passwordHash = await hashPassword(temporaryPassword, ctx.settings.passwordCost);
      const user = await audit.recordChange(
        (trx) =>
          userRepo.createUser(trx, keyring, {
            username: input.username,
            displayName: input.displayName,
            email: input.email ?? null,
            roles: [...input.roles],
            passwordHash,
            temporaryPassword: true,
            now: clock().toISOString(),
          }),
        (created) => event(actor, 'user.create', created, { roles: created.roles }),
      );
      return { user, temporaryPassword };
    },

    async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
      const changed = Object.keys(patch).filter((k) => patch[k as keyof UserPatch] !== undefined);
      const { after } = await audit.recordChange(
        async (trx) => {
          const previous = await get(id, trx);
          await keepOneAdmin(trx, previous, patch);
          const updated = await userRepo.updateUser(trx, keyring, id, patch, clock().toISOString());
          if (patch.disabled === true) await sessionRepo.deleteSessionsForUser(trx, id);
          return { before: previous, after: updated };
        },
        (result) =>
          event(actor, 'user.update', result.after, {
            changed,
            ...(patch.roles !== undefined
              ? { rolesBefore: result.before.roles, rolesAfter: result.after.roles }
              : {}),
          }),
      );
      return after;
    },

    async resetMfa(actor: Actor, id: string): Promise<User> {
      return audit
        .recordChange(
          async (trx) => {
            await get(id, trx);
            await userRepo.clearTotp(trx, id, clock().toISOString());
            await passkeyRepo.deletePasskeysForUser(trx, id);
            const ended = await sessionRepo.deleteSessionsForUser(trx, id);
            return { user: await get(id, trx), ended };
          },
          ({ user, ended }) => event(actor, 'user.reset-mfa', user, { sessionsEnded: ended }),
        )
        .then(({ user }) => user);
    },

    /** Lifts a lockout early, for the user who calls the help desk; audited with whether it was locked. */
    unlock: (actor: Actor, id: string): Promise<User> =>
      audit
        .recordChange(
          async (trx) => {
            await get(id, trx);
            const wasLocked = await userRepo.unlockUser(trx, id, clock().toISOString());
            return { user: await get(id, trx), wasLocked };
          },
          ({ user, wasLocked }) => event(actor, 'user.unlock', user, { wasLocked }),
        )
        .then(({ user }) => user),

    async resetPassword(actor: Actor, id: string): Promise<{ temporaryPassword: string }> {
      await get(id);
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword, ctx.settings.passwordCost);
      await audit.recordChange(
        async (trx) => {
          const user = await get(id, trx);
          await userRepo.setPasswordHash(trx, id, passwordHash, clock().toISOString(), true);
          return { user, ended: await sessionRepo.deleteSessionsForUser(trx, id) };
        },
        ({ user, ended }) => event(actor, 'user.reset-password', user, { sessionsEnded: ended }),
      );
      return { temporaryPassword };
    },
  };
}
