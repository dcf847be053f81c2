/**
 * Account administration: create users with roles and a one-time temporary password, change roles,
 * disable, reset a second factor or a password. Every change is audited; the last active
 * administrator cannot be demoted or disabled, so Wardline is never left without one.
 */
import { WardlineError } from '../domain/errors.js';
import type { Page, PageRequest } from '../domain/page.js';
import type { Role } from '../domain/roles.js';
import type { User } from '../domain/user.js';
import * as passkeyRepo from '../store/passkey-repo.js';
import * as sessionRepo from '../store/session-repo.js';
import * as userRepo from '../store/user-repo.js';
import type { AuditService } from './audit-service.js';
import { generateTemporaryPassword, hashPassword } from './auth/password.js';
import type { Actor, ServiceContext } from './context.js';

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

  const record = (
    actor: Actor,
    action: string,
    target: User,
    details: Record<string, unknown> = {},
  ) =>
    audit.record({
      actorId: actor.id,
      actorName: actor.name,
      ip: actor.ip,
      action,
      outcome: 'success',
      targetType: 'user',
      targetId: target.id,
      details: { username: target.username, ...details },
    });

  const get = async (id: string): Promise<User> => {
    const user = await userRepo.getUser(db, keyring, id);
    if (user === undefined) throw new WardlineError('WL_NOT_FOUND', `No user ${id}.`);
    return user;
  };

  /** Refuses a change that would leave no enabled administrator. */
  const keepOneAdmin = async (user: User, patch: UserPatch): Promise<void> => {
    const losesAdmin =
      (patch.roles !== undefined && !patch.roles.includes('admin')) || patch.disabled === true;
    if (!user.roles.includes('admin') || user.disabled || !losesAdmin) return;
    if ((await userRepo.countUsersWithRole(db, 'admin')) <= 1) {
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
      const user = await userRepo.createUser(db, keyring, {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        roles: [...input.roles],
        passwordHash: await hashPassword(temporaryPassword, ctx.settings.passwordCost),
        now: clock().toISOString(),
      });
      await record(actor, 'user.create', user, { roles: user.roles });
      return { user, temporaryPassword };
    },

    async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
      const before = await get(id);
      await keepOneAdmin(before, patch);
      const after = await userRepo.updateUser(db, keyring, id, patch, clock().toISOString());
      if (patch.disabled === true) await sessionRepo.deleteSessionsForUser(db, id);
      const changed = Object.keys(patch).filter((k) => patch[k as keyof UserPatch] !== undefined);
      await record(actor, 'user.update', after, {
        changed,
        ...(patch.roles !== undefined
          ? { rolesBefore: before.roles, rolesAfter: after.roles }
          : {}),
      });
      return after;
    },

    async resetMfa(actor: Actor, id: string): Promise<User> {
      const user = await get(id);
      await userRepo.clearTotp(db, id, clock().toISOString());
      await passkeyRepo.deletePasskeysForUser(db, id);
      const ended = await sessionRepo.deleteSessionsForUser(db, id);
      await record(actor, 'user.reset-mfa', user, { sessionsEnded: ended });
      return get(user.id);
    },

    async resetPassword(actor: Actor, id: string): Promise<{ temporaryPassword: string }> {
      const user = await get(id);
      const temporaryPassword = generateTemporaryPassword();
      await userRepo.setPasswordHash(
        db,
        id,
        await hashPassword(temporaryPassword, ctx.settings.passwordCost),
        clock().toISOString(),
      );
      const ended = await sessionRepo.deleteSessionsForUser(db, id);
      await record(actor, 'user.reset-password', user, { sessionsEnded: ended });
      return { temporaryPassword };
    },
  };
}
