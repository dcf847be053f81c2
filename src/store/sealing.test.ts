import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/stores.js';
import { rotateMasterKey } from './key-rotation.js';
import { generateMasterKey, loadMasterKey, parseMasterKey } from './master-key.js';
import { openKeyring } from './sealing.js';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** Changes one base64url character of part `index` of a dotted value. */
function flip(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const part = parts[index]!;
  const first = part[0] === 'A' ? 'B' : 'A';
  parts[index] = first + part.slice(1);
  return parts.join('.');
}

describeEachDialect(
  'sealing',
  (ctx) => {
    it('seals to self-describing text and opens it back, unicode included', async () => {
      const keyring = await openKeyring(ctx.store, generateMasterKey());
      const plaintext = `${SECRET} — Zoë’s pump 🫀`;
      const sealed = keyring.seal(plaintext, 'users.totp_secret_sealed');
      expect(sealed).toMatch(/^wl1\.dky_[0-9a-z]{26}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      expect(sealed.split('.')[1]).toBe(keyring.activeKeyId);
      expect(sealed).not.toContain(SECRET);
      expect(keyring.open(sealed, 'users.totp_secret_sealed')).toBe(plaintext);
    });

    it('uses a fresh IV each time, so equal plaintexts do not look equal', async () => {
      const keyring = await openKeyring(ctx.store, generateMasterKey());
      const a = keyring.seal('alice@example.org', 'users.email_sealed');
      const b = keyring.seal('alice@example.org', 'users.email_sealed');
      expect(a).not.toBe(b);
    });

    it('stores one wrapped data key and reuses it on the next open', async () => {
      const master = generateMasterKey();
      const first = await openKeyring(ctx.store, master);
      const sealed = first.seal(SECRET, 'sessions.pending_totp_sealed');
      const second = await openKeyring(ctx.store, master);
      expect(second.activeKeyId).toBe(first.activeKeyId);
      expect(second.open(sealed, 'sessions.pending_totp_sealed')).toBe(SECRET);
      const rows = await ctx.db.selectFrom('data_keys').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ master_fingerprint: master.fingerprint, active: 1 });
      expect(rows[0]!.wrapped).toMatch(/^wk1\./);
    });

    it('detects a tampered IV, ciphertext, key id or truncation', async () => {
      const keyring = await openKeyring(ctx.store, generateMasterKey());
      const sealed = keyring.seal(SECRET, 'users.totp_secret_sealed');
      const tampered = [
        flip(sealed, 2),
        flip(sealed, 3),
        sealed.slice(0, -4),
        sealed.replace(keyring.activeKeyId, 'dky_01jzzzzzzzzzzzzzzzzzzzzzzz'),
        sealed.replace('wl1.', 'wl2.'),
        `${sealed}.extra`,
        SECRET,
      ];
      for (const value of tampered) {
        expect(() => keyring.open(value, 'users.totp_secret_sealed')).toThrow(
          expect.objectContaining({ code: 'WL_KEYS_DECRYPT_FAILED' }),
        );
      }
    });

    it('refuses to open a value under another column than it was sealed for', async () => {
      const keyring = await openKeyring(ctx.store, generateMasterKey());
      const sealed = keyring.seal(SECRET, 'users.totp_secret_sealed');
      expect(() => keyring.open(sealed, 'sessions.pending_totp_sealed')).toThrow(
        expect.objectContaining({ code: 'WL_KEYS_DECRYPT_FAILED' }),
      );
      expect(() => keyring.open(sealed, 'users.email_sealed')).toThrow(
        expect.objectContaining({ code: 'WL_KEYS_DECRYPT_FAILED' }),
      );
    });

    it('refuses a wrong master key with WL_KEYS_INVALID_MASTER, naming both fingerprints', async () => {
      const right = generateMasterKey();
      await openKeyring(ctx.store, right);
      const wrong = generateMasterKey();
      const error: unknown = await openKeyring(ctx.store, wrong).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'WL_KEYS_INVALID_MASTER',
        details: { given: wrong.fingerprint, expected: right.fingerprint },
      });
    });

    it('refuses a wrapped data key that was altered in the database', async () => {
      const master = generateMasterKey();
      await openKeyring(ctx.store, master);
      const row = await ctx.db.selectFrom('data_keys').selectAll().executeTakeFirstOrThrow();
      await ctx.db
        .updateTable('data_keys')
        .set({ wrapped: flip(row.wrapped, 2) })
        .where('id', '=', row.id)
        .execute();
      await expect(openKeyring(ctx.store, master)).rejects.toMatchObject({
        code: 'WL_KEYS_INVALID_MASTER',
      });
    });

    it('rotates the master key: the new key opens everything, the old one no longer opens', async () => {
      const oldMaster = generateMasterKey();
      const keyring = await openKeyring(ctx.store, oldMaster);
      const sealed = keyring.seal(SECRET, 'users.totp_secret_sealed');
      const newMaster = generateMasterKey();

      const result = await keyring.rotateMaster(newMaster);
      expect(result).toEqual({ rewrapped: 1, masterFingerprint: newMaster.fingerprint });
      expect(keyring.masterFingerprint).toBe(newMaster.fingerprint);
      expect(keyring.open(sealed, 'users.totp_secret_sealed')).toBe(SECRET);

      const reopened = await openKeyring(ctx.store, newMaster);
      expect(reopened.open(sealed, 'users.totp_secret_sealed')).toBe(SECRET);
      await expect(openKeyring(ctx.store, oldMaster)).rejects.toMatchObject({
        code: 'WL_KEYS_INVALID_MASTER',
      });
      const rows = await ctx.db.selectFrom('data_keys').select('master_fingerprint').execute();
      expect(rows).toEqual([{ master_fingerprint: newMaster.fingerprint }]);
    });

    it('rotates nothing when the current key is wrong, and keeps the old wrapping', async () => {
      const master = generateMasterKey();
      const keyring = await openKeyring(ctx.store, master);
      // Another process rotated meanwhile: this keyring's master no longer unwraps the rows.
      await (await openKeyring(ctx.store, master)).rotateMaster(generateMasterKey());
      const before = await ctx.db.selectFrom('data_keys').selectAll().execute();
      await expect(keyring.rotateMaster(generateMasterKey())).rejects.toMatchObject({
        code: 'WL_KEYS_INVALID_MASTER',
      });
      expect(await ctx.db.selectFrom('data_keys').selectAll().execute()).toEqual(before);
    });

    it('rotates a key file: writes the new key with mode 0600 and leaves no staged copy', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'wardline-rotate-'));
      try {
        const current = await loadMasterKey({ env: {}, dataDir });
        const keyring = await openKeyring(ctx.store, current);
        const sealed = keyring.seal(SECRET, 'users.totp_secret_sealed');

        const rotation = await rotateMasterKey(keyring, current, { dataDir });
        expect(rotation.keyFile).toBe(join(dataDir, 'master.key'));
        expect(rotation.envValue).toBeUndefined();
        expect((await stat(rotation.keyFile!)).mode & 0o777).toBe(0o600);
        await expect(stat(join(dataDir, 'master.key.next'))).rejects.toThrow(/ENOENT/);

        const loaded = await loadMasterKey({ env: {}, dataDir });
        expect(loaded.fingerprint).toBe(rotation.key.fingerprint);
        expect(loaded.fingerprint).not.toBe(current.fingerprint);
        const reopened = await openKeyring(ctx.store, loaded);
        expect(reopened.open(sealed, 'users.totp_secret_sealed')).toBe(SECRET);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });

    it('rotates an environment key: returns the new value and writes no file', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'wardline-rotate-'));
      try {
        const current = parseMasterKey(generateMasterKey().bytes.toString('hex'), 'env');
        const keyring = await openKeyring(ctx.store, current);
        const rotation = await rotateMasterKey(keyring, current, { dataDir });
        expect(rotation.keyFile).toBeUndefined();
        expect(parseMasterKey(rotation.envValue!).fingerprint).toBe(rotation.key.fingerprint);
        await expect(readFile(join(dataDir, 'master.key'))).rejects.toThrow(/ENOENT/);
        await expect(
          openKeyring(ctx.store, parseMasterKey(rotation.envValue!)),
        ).resolves.toBeDefined();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  },
  { resetBeforeEach: true },
);
