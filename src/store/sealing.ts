/**
 * Encryption at rest for the `_sealed` columns.
 *
 * Values are sealed with AES-256-GCM under a random 256-bit data key kept in `data_keys`, itself
 * wrapped (AES-256-GCM) by the master key (`master-key.ts`). A sealed value is self-describing
 * text, `wl1.<dataKeyId>.<iv>.<ciphertext+tag>` (base64url parts), and its additional
 * authenticated data names its column, so a ciphertext copied into another column, or another
 * row's column of a different kind, does not open.
 *
 * @example
 * const keyring = await openKeyring(store, await loadMasterKey({ env: process.env, dataDir }));
 * const sealed = keyring.seal('JBSWY3DPEHPK3PXP', 'users.totp_secret_sealed');
 * keyring.open(sealed, 'users.totp_secret_sealed'); // → 'JBSWY3DPEHPK3PXP'
 * keyring.open(sealed, 'users.email_sealed'); // throws WL_KEYS_DECRYPT_FAILED
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { WardlineError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { KEY_BYTES, gcmOpen, gcmSeal, isBase64Url } from './aead.js';
import { inTransaction, lockForWrite } from './db-helpers.js';
import type { MasterKey } from './master-key.js';
import type { Database } from './schema.js';

/** Every `<table>.<column>` whose column name ends in `_sealed`: the contexts a value seals to. */
export type SealContext = {
  [T in keyof Database]: `${T}.${Extract<keyof Database[T], `${string}_sealed`>}`;
}[keyof Database];

const SEALED_VERSION = 'wl1';
const WRAPPED_VERSION = 'wk1';

/** Seals and opens column values; holds the unwrapped data keys in memory. */
export interface Keyring {
  /** Fingerprint of the master key in use. */
  readonly masterFingerprint: string;
  /** The data key new values are sealed under. */
  readonly activeKeyId: string;
  seal(plaintext: string, context: SealContext): string;
  /** @throws WardlineError `WL_KEYS_DECRYPT_FAILED` when the value was altered or moved. */
  open(sealed: string, context: SealContext): string;
  /** `open` for nullable columns. */
  openNullable(sealed: string | null, context: SealContext): string | null;
  /**
   * Re-wraps every data key under `newMaster` in one transaction; afterwards only `newMaster`
   * opens this database. Sealed values are untouched: their data keys do not change.
   */
  rotateMaster(newMaster: MasterKey): Promise<{ rewrapped: number; masterFingerprint: string }>;
}

/**
 * Loads and unwraps every data key, creating the first one on first use.
 * @throws WardlineError `WL_KEYS_INVALID_MASTER` when `master` is not the key that wrapped them.
 */
export async function openKeyring(
  store: { readonly db: Kysely<Database> },
  master: MasterKey,
): Promise<Keyring> {
  const { db } = store;
  const loaded = await inTransaction(db, async (trx) => {
    await lockForWrite(trx, 'data_keys');
    const rows = await trx.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
    if (rows.length > 0) return rows;
    const id = newId('dataKey');
    const row = {
      id,
      wrapped: wrapDataKey(master, id, randomBytes(KEY_BYTES)),
      master_fingerprint: master.fingerprint,
      created_at: new Date().toISOString(),
      active: 1,
    };
    await trx.insertInto('data_keys').values(row).execute();
    return [row];
  });
  const keys = new Map<string, Buffer>();
  for (const row of loaded) keys.set(row.id, unwrapDataKey(master, row));
  const active = loaded.filter((row) => row.active === 1).at(-1) ?? loaded.at(-1);
  if (active === undefined) throw new WardlineError('WL_INTERNAL', 'No data key was loaded.');
  return createKeyring(db, keys, active.id, master);
}

function createKeyring(
  db: Kysely<Database>,
  keys: ReadonlyMap<string, Buffer>,
  activeKeyId: string,
  initialMaster: MasterKey,
): Keyring {
  let master = initialMaster;
  const activeKey = keys.get(activeKeyId);
  if (activeKey === undefined) throw new WardlineError('WL_INTERNAL', 'The active key is gone.');
  const keyring: Keyring = {
    get masterFingerprint() {
      return master.fingerprint;
    },
    activeKeyId,
    seal(plaintext, context) {
      const { iv, box } = gcmSeal(
        activeKey,
        Buffer.from(plaintext, 'utf8'),
        aad(context, activeKeyId),
      );
      return [SEALED_VERSION, activeKeyId, iv, box].join('.');
    },
    open(sealed, context) {
      const [version, keyId, iv, box, ...rest] = sealed.split('.');
      if (
        version !== SEALED_VERSION ||
        keyId === undefined ||
        iv === undefined ||
        box === undefined ||
        rest.length > 0 ||
        !isBase64Url(iv) ||
        !isBase64Url(box)
      ) {
        throw new WardlineError('WL_KEYS_DECRYPT_FAILED', `A value in ${context} is not sealed.`);
      }
      const key = keys.get(keyId);
      if (key === undefined) {
        throw new WardlineError(
          'WL_KEYS_DECRYPT_FAILED',
          `A value in ${context} names data key ${keyId}, which this database does not hold.`,
        );
      }
      return gcmOpen(key, { iv, box }, aad(context, keyId)).toString('utf8');
    },
    openNullable(sealed, context) {
      return sealed === null ? null : keyring.open(sealed, context);
    },
    async rotateMaster(newMaster) {
      const rewrapped = await rewrapAll(db, master, newMaster);
      master = newMaster;
      return { rewrapped, masterFingerprint: newMaster.fingerprint };
    },
  };
  return keyring;
}

async function rewrapAll(db: Kysely<Database>, from: MasterKey, to: MasterKey): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockForWrite(trx, 'data_keys');
    const rows = await trx.selectFrom('data_keys').selectAll().execute();
    for (const row of rows) {
      const key = unwrapDataKey(from, row);
      await trx
        .updateTable('data_keys')
        .set({ wrapped: wrapDataKey(to, row.id, key), master_fingerprint: to.fingerprint })
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  });
}

/** The authenticated data of a sealed value: format, column and data key. */
function aad(context: SealContext, keyId: string): string {
  return `${SEALED_VERSION}|${context}|${keyId}`;
}

function wrapDataKey(master: MasterKey, id: string, key: Buffer): string {
  const { iv, box } = gcmSeal(master.bytes, key, `${WRAPPED_VERSION}|data_keys|${id}`);
  return [WRAPPED_VERSION, iv, box].join('.');
}

function unwrapDataKey(
  master: MasterKey,
  row: { readonly id: string; readonly wrapped: string; readonly master_fingerprint: string },
): Buffer {
  const [version, iv, box] = row.wrapped.split('.');
  try {
    if (version !== WRAPPED_VERSION || iv === undefined || box === undefined) {
      throw new Error(`Data key ${row.id} is not in the ${WRAPPED_VERSION} format.`);
    }
    const key = gcmOpen(master.bytes, { iv, box }, `${WRAPPED_VERSION}|data_keys|${row.id}`);
    if (key.length !== KEY_BYTES) throw new Error(`Data key ${row.id} has the wrong length.`);
    return key;
  } catch (cause) {
    throw new WardlineError(
      'WL_KEYS_INVALID_MASTER',
      `The master key (fingerprint ${master.fingerprint}) cannot unwrap data key ${row.id}; ` +
        `it was wrapped by the key with fingerprint ${row.master_fingerprint}.`,
      {
        cause,
        details: { given: master.fingerprint, expected: row.master_fingerprint, dataKeyId: row.id },
      },
    );
  }
}
