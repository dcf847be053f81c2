/**
 * Sessions. The table is keyed by the SHA-256 of the cookie token: the token itself is never
 * stored, so a copy of the database does not yield a live session. Callers pass the token.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SESSION_STAGES, type SessionStage } from '../domain/user.js';
import { readEnum } from './json-columns.js';
import type { Database } from './schema.js';
import type { Keyring } from './sealing.js';

export interface StoredSession {
  readonly id: string;
  readonly userId: string;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

export interface NewSession {
  readonly userId: string;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  token: string,
  input: NewSession,
): Promise<StoredSession> {
  const id = sessionIdOf(token);
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: input.userId,
      stage: input.stage,
      csrf_token: input.csrfToken,
      created_at: input.createdAt,
      last_seen_at: input.createdAt,
      expires_at: input.expiresAt,
      ip: input.ip,
      user_agent: input.userAgent,
      pending_totp_sealed: null,
      webauthn_challenge: null,
    })
    .execute();
  return {
    id,
    userId: input.userId,
    stage: input.stage,
    csrfToken: input.csrfToken,
    createdAt: input.createdAt,
    lastSeenAt: input.createdAt,
    expiresAt: input.expiresAt,
  };
}

export async function getSessionByToken(
  db: Kysely<Database>,
  token: string,
): Promise<StoredSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'stage', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at'])
    .where('id', '=', sessionIdOf(token))
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    stage: readEnum(row.stage, SESSION_STAGES, 'sessions.stage'),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function touchSession(
  db: Kysely<Database>,
  token: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id', '=', sessionIdOf(token))
    .execute();
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionIdOf(token)).execute();
}

export async function deleteSessionsForUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keepToken: string,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('id', '!=', sessionIdOf(keepToken))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past their absolute expiry, and those idle since before `idleCutoff`. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: string,
  idleCutoff?: string,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        ...(idleCutoff !== undefined ? [eb('last_seen_at', '<=', idleCutoff)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setPendingTotp(
  db: Kysely<Database>,
  keyring: Keyring,
  token: string,
  secret: string,
): Promise<void> {
  const sealed = keyring.seal(secret, 'sessions.pending_totp_sealed');
  await db
    .updateTable('sessions')
    .set({ pending_totp_sealed: sealed })
    .where('id', '=', sessionIdOf(token))
    .execute();
}

export async function getPendingTotp(
  db: Kysely<Database>,
  keyring: Keyring,
  token: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('pending_totp_sealed')
    .where('id', '=', sessionIdOf(token))
    .executeTakeFirst();
  return keyring.openNullable(row?.pending_totp_sealed ?? null, 'sessions.pending_totp_sealed');
}

export async function setWebauthnChallenge(
  db: Kysely<Database>,
  token: string,
  challenge: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ webauthn_challenge: challenge })
    .where('id', '=', sessionIdOf(token))
    .execute();
}

/** The outstanding challenge, cleared as it is read: each challenge answers once. */
export async function takeWebauthnChallenge(
  db: Kysely<Database>,
  token: string,
): Promise<string | null> {
  const id = sessionIdOf(token);
  const row = await db
    .selectFrom('sessions')
    .select('webauthn_challenge')
    .where('id', '=', id)
    .executeTakeFirst();
  const challenge = row?.webauthn_challenge ?? null;
  if (challenge === null) return null;
  // Cleared only if still the one read: of two requests racing for it, one gets it.
  const cleared = await db
    .updateTable('sessions')
    .set({ webauthn_challenge: null })
    .where('id', '=', id)
    .where('webauthn_challenge', '=', challenge)
    .executeTakeFirst();
  return cleared.numUpdatedRows > 0n ? challenge : null;
}
