/**
 * Wardline users. E-mail, TOTP secret and recovery-code hashes are sealed (`sealing.ts`) on the way
 * in and opened on the way out; the password is stored only as its scrypt hash.
 */
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { ROLES, isRole, type Role } from '../domain/roles.js';
import type { User } from '../domain/user.js';
import { conflictAsError, toCount } from './db-helpers.js';
import { fromFlag, readStringArray, toFlag, writeJson } from './json-columns.js';
import type { Database, UserTable } from './schema.js';
import type { Keyring } from './sealing.js';

/** A user with the secrets sign-in checks; never leaves the services layer. */
export interface UserSecrets {
  readonly user: User;
  readonly passwordHash: string;
  readonly totpSecret: string | null;
  readonly totpLastStep: number | null;
  readonly recoveryCodeHashes: string[];
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
}

type UserRowWithPasskeys = Selectable<UserTable> & {
  passkey_count: string | number | bigint | null;
};

function selectUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select((eb) =>
      eb
        .selectFrom('passkeys')
        .select((inner) => inner.fn.countAll().as('n'))
        .whereRef('passkeys.user_id', '=', 'users.id')
        .as('passkey_count'),
    );
}

function readRoles(text: string): Role[] {
  return readStringArray(text, 'users.roles').filter(isRole);
}

function toUser(row: UserRowWithPasskeys, keyring: Keyring): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: keyring.openNullable(row.email_sealed, 'users.email_sealed'),
    roles: readRoles(row.roles),
    disabled: fromFlag(row.disabled),
    mfaEnrolled: row.totp_enrolled_at !== null,
    mustChangePassword: fromFlag(row.password_temporary),
    passkeyCount: toCount(row.passkey_count),
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

function toSecrets(row: UserRowWithPasskeys, keyring: Keyring): UserSecrets {
  const codes = keyring.openNullable(row.recovery_codes_sealed, 'users.recovery_codes_sealed');
  return {
    user: toUser(row, keyring),
    passwordHash: row.password_hash,
    totpSecret: keyring.openNullable(row.totp_secret_sealed, 'users.totp_secret_sealed'),
    totpLastStep: row.totp_last_step,
    recoveryCodeHashes: codes === null ? [] : readStringArray(codes, 'users.recovery_codes_sealed'),
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
  };
}

export async function getUser(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
): Promise<User | undefined> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row, keyring);
}

export async function getUserByUsername(
  db: Kysely<Database>,
  keyring: Keyring,
  username: string,
): Promise<User | undefined> {
  const row = await selectUsers(db).where('users.username', '=', username).executeTakeFirst();
  return row === undefined ? undefined : toUser(row, keyring);
}

export async function getUserSecrets(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
): Promise<UserSecrets | undefined> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSecrets(row, keyring);
}

export async function getUserSecretsByUsername(
  db: Kysely<Database>,
  keyring: Keyring,
  username: string,
): Promise<UserSecrets | undefined> {
  const row = await selectUsers(db).where('users.username', '=', username).executeTakeFirst();
  return row === undefined ? undefined : toSecrets(row, keyring);
}

export async function listUsers(
  db: Kysely<Database>,
  keyring: Keyring,
  page: PageRequest = {},
): Promise<Page<User>> {
  const { limit, offset } = normalizePage(page);
  const [rows, count] = await Promise.all([
    selectUsers(db).orderBy('users.username').limit(limit).offset(offset).execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return { items: rows.map((row) => toUser(row, keyring)), total: toCount(count?.n) };
}

/** Enabled users holding `role`; the user service keeps at least one administrator. */
export async function countUsersWithRole(db: Kysely<Database>, role: Role): Promise<number> {
  const rows = await db.selectFrom('users').select('roles').where('disabled', '=', 0).execute();
  return rows.filter((row) => readRoles(row.roles).includes(role)).length;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  /** True when an administrator chose the password (default false). */
  readonly temporaryPassword?: boolean;
  readonly now: string;
}

export async function createUser(
  db: Kysely<Database>,
  keyring: Keyring,
  input: NewUser,
): Promise<User> {
  const id = newId('user');
  // The service checks for the name first; a simultaneous insert of it still ends as WL_CONFLICT.
  const insert = db
    .insertInto('users')
    .values({
      id,
      username: input.username,
      display_name: input.displayName,
      email_sealed: input.email === null ? null : keyring.seal(input.email, 'users.email_sealed'),
      password_hash: input.passwordHash,
      password_temporary: toFlag(input.temporaryPassword ?? false),
      roles: writeJson(ROLES.filter((r) => input.roles.includes(r))),
      disabled: 0,
      totp_secret_sealed: null,
      totp_enrolled_at: null,
      totp_last_step: null,
      recovery_codes_sealed: null,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  await conflictAsError(insert, `A user named ${input.username} already exists.`);
  const user = await getUser(db, keyring, id);
  if (user === undefined) throw new Error(`User ${id} vanished right after insert.`);
  return user;
}

export interface UserChanges {
  readonly displayName?: string | undefined;
  readonly email?: string | null | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly disabled?: boolean | undefined;
}

export async function updateUser(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
  changes: UserChanges,
  now: string,
): Promise<User> {
  await db
    .updateTable('users')
    .set({
      updated_at: now,
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.email !== undefined
        ? {
            email_sealed:
              changes.email === null ? null : keyring.seal(changes.email, 'users.email_sealed'),
          }
        : {}),
      ...(changes.roles !== undefined
        ? { roles: writeJson(ROLES.filter((r) => changes.roles?.includes(r))) }
        : {}),
      ...(changes.disabled !== undefined ? { disabled: toFlag(changes.disabled) } : {}),
    })
    .where('id', '=', id)
    .execute();
  const user = await getUser(db, keyring, id);
  if (user === undefined) throw new Error(`User ${id} vanished during update.`);
  return user;
}

/**
 * Counts one failed sign-in in a single statement, so failures sent at the same time each count;
 * once a lock has run out (`locked_until <= now`) the count starts afresh. Returns the new count.
 */
export async function countFailedLogin(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb
        .case()
        .when('locked_until', '<=', now)
        .then(1)
        .else(eb('failed_logins', '+', 1))
        .end(),
      locked_until: eb
        .case()
        .when('locked_until', '<=', now)
        .then(null)
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins ?? 0;
}

export async function lockUser(db: Kysely<Database>, id: string, until: string): Promise<void> {
  await db.updateTable('users').set({ locked_until: until }).where('id', '=', id).execute();
}

/** Lifts a lock and forgets the failures that led to it; returns whether the user was locked. */
export async function unlockUser(db: Kysely<Database>, id: string, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('locked_until')
    .where('id', '=', id)
    .executeTakeFirst();
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
  return row?.locked_until !== null && row?.locked_until !== undefined && row.locked_until > now;
}

export async function recordSuccessfulLogin(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Records `step` as the last accepted TOTP step only if it is newer than the stored one, in one
 * statement: of two sign-ins with the same code, only one gets `true`.
 */
export async function setTotpLastStep(
  db: Kysely<Database>,
  id: string,
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Replaces the recovery-code hashes with `next` only if they are still `expected`: the update is
 * conditional on the sealed value just read, and sealing is randomized, so of two sign-ins that
 * spend the same code only one gets `true`.
 */
export async function replaceRecoveryCodeHashes(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
  expected: readonly string[],
  next: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('recovery_codes_sealed')
    .where('id', '=', id)
    .executeTakeFirst();
  const sealed = row?.recovery_codes_sealed ?? null;
  if (sealed === null) return false;
  const current = readStringArray(
    keyring.open(sealed, 'users.recovery_codes_sealed'),
    'users.recovery_codes_sealed',
  );
  if (writeJson(current) !== writeJson(expected)) return false;
  const result = await db
    .updateTable('users')
    .set({ recovery_codes_sealed: keyring.seal(writeJson(next), 'users.recovery_codes_sealed') })
    .where('id', '=', id)
    .where('recovery_codes_sealed', '=', sealed)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface TotpEnrollment {
  readonly secret: string;
  readonly lastStep: number;
  readonly recoveryCodeHashes: readonly string[];
  readonly enrolledAt: string;
}

export async function setTotp(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
  totp: TotpEnrollment,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret_sealed: keyring.seal(totp.secret, 'users.totp_secret_sealed'),
      totp_last_step: totp.lastStep,
      totp_enrolled_at: totp.enrolledAt,
      recovery_codes_sealed: keyring.seal(
        writeJson(totp.recoveryCodeHashes),
        'users.recovery_codes_sealed',
      ),
      updated_at: totp.enrolledAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function clearTotp(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret_sealed: null,
      totp_last_step: null,
      totp_enrolled_at: null,
      recovery_codes_sealed: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Sets the password; `temporary` when an administrator set it and the user must replace it. */
export async function setPasswordHash(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  now: string,
  temporary = false,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_temporary: toFlag(temporary),
      failed_logins: 0,
      locked_until: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
