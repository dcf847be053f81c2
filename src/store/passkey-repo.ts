/** Passkeys (WebAuthn credentials) registered by users as a second factor. */
import type { AuthenticatorTransport } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import { readStringArray, writeJson } from './json-columns.js';
import type { Database, PasskeyTable } from './schema.js';
import type { Selectable } from 'kysely';

export interface Passkey {
  readonly id: string;
  readonly userId: string;
  /** base64url credential id, as the browser reports it. */
  readonly credentialId: string;
  /** COSE public key. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly counter: number;
  readonly transports: AuthenticatorTransport[];
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

const TRANSPORTS: readonly string[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb'];

function toPasskey(row: Selectable<PasskeyTable>): Passkey {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
    counter: row.counter,
    transports: readStringArray(row.transports, 'passkeys.transports').filter(
      (t): t is AuthenticatorTransport => TRANSPORTS.includes(t),
    ),
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listPasskeys(db: Kysely<Database>, userId: string): Promise<Passkey[]> {
  const rows = await db
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map(toPasskey);
}

export async function getPasskeyByCredentialId(
  db: Kysely<Database>,
  credentialId: string,
): Promise<Passkey | undefined> {
  const row = await db
    .selectFrom('passkeys')
    .selectAll()
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return row === undefined ? undefined : toPasskey(row);
}

export interface NewPasskey {
  readonly userId: string;
  readonly credentialId: string;
  readonly publicKey: Uint8Array;
  readonly counter: number;
  readonly transports: readonly string[];
  readonly name: string;
  readonly createdAt: string;
}

export async function addPasskey(db: Kysely<Database>, input: NewPasskey): Promise<Passkey> {
  const row = {
    id: newId('passkey'),
    user_id: input.userId,
    credential_id: input.credentialId,
    public_key: Buffer.from(input.publicKey).toString('base64url'),
    counter: input.counter,
    transports: writeJson(input.transports),
    name: input.name,
    created_at: input.createdAt,
    last_used_at: null,
  };
  await db.insertInto('passkeys').values(row).execute();
  return toPasskey(row);
}

export async function recordPasskeyUse(
  db: Kysely<Database>,
  id: string,
  counter: number,
  now: string,
): Promise<void> {
  await db
    .updateTable('passkeys')
    .set({ counter, last_used_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deletePasskeysForUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('passkeys').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
