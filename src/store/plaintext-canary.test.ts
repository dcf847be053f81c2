/**
 * Canary: secrets written through the repositories never reach the database file in plaintext.
 * Known values go in through the user and session repositories on a SQLite file; the file (and
 * its WAL, if any) is then read as bytes and searched for them, in several encodings.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './database.js';
import { generateMasterKey } from './master-key.js';
import { migrateToLatest } from './migrate.js';
import { openKeyring, type SealContext } from './sealing.js';
import { createSession, getPendingTotp, setPendingTotp } from './session-repo.js';
import { createUser, getUserSecrets, setTotp } from './user-repo.js';

const USERNAME = 'canary-visible-username';
const EMAIL = 'canary.mailbox+wardline@larkspur.example';
const TOTP_SECRET = 'KZXW6YTBOI2DCNRTGQ3TQOJQGEZDGNBV';
const PENDING_TOTP = 'JBSWY3DPEHPK3PXPCANARYPENDING234';
const RECOVERY_HASHES = ['first', 'second', 'third'].map((code) =>
  createHash('sha256').update(`canary-recovery-${code}`).digest('hex'),
);
const SESSION_TOKEN = 'canary-session-token-that-must-only-be-hashed';

/** The forms a careless "encryption" would leave findable. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
}

async function readDatabaseFiles(path: string): Promise<Buffer> {
  const files = [path, `${path}-wal`].filter((file) => existsSync(file));
  return Buffer.concat(await Promise.all(files.map((file) => readFile(file))));
}

describe('plaintext canary (SQLite file)', () => {
  const master = generateMasterKey();
  let dir: string;
  let path: string;
  let userId: string;
  let whileOpen: Buffer = Buffer.alloc(0);
  let fileBytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wardline-canary-'));
    path = join(dir, 'wardline.db');
    const store = openStore({ sqlitePath: path });
    try {
      await migrateToLatest(store);
      const keyring = await openKeyring(store, master);
      const now = new Date().toISOString();
      const user = await createUser(store.db, keyring, {
        username: USERNAME,
        displayName: 'Canary',
        email: EMAIL,
        roles: ['auditor'],
        passwordHash: 'scrypt$not-a-secret-here',
        now,
      });
      userId = user.id;
      await setTotp(store.db, keyring, user.id, {
        secret: TOTP_SECRET,
        lastStep: 1,
        recoveryCodeHashes: RECOVERY_HASHES,
        enrolledAt: now,
      });
      await createSession(store.db, SESSION_TOKEN, {
        userId: user.id,
        stage: 'enroll',
        csrfToken: 'csrf',
        createdAt: now,
        expiresAt: now,
        ip: null,
        userAgent: null,
      });
      await setPendingTotp(store.db, keyring, SESSION_TOKEN, PENDING_TOTP);

      // Through the repositories, everything opens back.
      expect(await getUserSecrets(store.db, keyring, user.id)).toMatchObject({
        user: { email: EMAIL },
        totpSecret: TOTP_SECRET,
        recoveryCodeHashes: RECOVERY_HASHES,
      });
      expect(await getPendingTotp(store.db, keyring, SESSION_TOKEN)).toBe(PENDING_TOTP);
      // While open, recent pages sit in the write-ahead log; after closing, in the main file.
      whileOpen = await readDatabaseFiles(path);
    } finally {
      await store.close();
    }
    fileBytes = Buffer.concat([whileOpen, await readDatabaseFiles(path)]);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds an unsealed value, so the search itself works', () => {
    expect(fileBytes.includes(Buffer.from(USERNAME, 'utf8'))).toBe(true);
  });

  it.each<[string, string]>([
    ['e-mail', EMAIL],
    ['TOTP secret', TOTP_SECRET],
    ['pending TOTP secret', PENDING_TOTP],
    ['session token', SESSION_TOKEN],
    ...RECOVERY_HASHES.map((hash, i): [string, string] => [`recovery code hash ${i + 1}`, hash]),
  ])('does not find the %s in the database file, in any plain encoding', (_label, secret) => {
    for (const form of encodings(secret)) {
      expect(fileBytes.includes(Buffer.from(form, 'utf8'))).toBe(false);
    }
  });

  it('holds sealed values that open back to the plaintext with the master key', async () => {
    const raw = new SQLite(path, { readonly: true });
    const row = raw
      .prepare(
        'select email_sealed, totp_secret_sealed, recovery_codes_sealed from users where id = ?',
      )
      .get(userId) as Record<string, string>;
    const session = raw.prepare('select id, pending_totp_sealed from sessions').get() as Record<
      string,
      string
    >;
    raw.close();

    const store = openStore({ sqlitePath: path });
    try {
      const keyring = await openKeyring(store, master);
      const open = (value: string | undefined, context: SealContext) => {
        expect(value).toMatch(/^wl1\./);
        return keyring.open(value!, context);
      };
      expect(open(row['email_sealed'], 'users.email_sealed')).toBe(EMAIL);
      expect(open(row['totp_secret_sealed'], 'users.totp_secret_sealed')).toBe(TOTP_SECRET);
      expect(JSON.parse(open(row['recovery_codes_sealed'], 'users.recovery_codes_sealed'))).toEqual(
        RECOVERY_HASHES,
      );
      expect(open(session['pending_totp_sealed'], 'sessions.pending_totp_sealed')).toBe(
        PENDING_TOTP,
      );
      expect(session['id']).toBe(createHash('sha256').update(SESSION_TOKEN).digest('hex'));
    } finally {
      await store.close();
    }
  });
});
