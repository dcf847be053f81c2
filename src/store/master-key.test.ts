import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WardlineError } from '../domain/errors.js';
import {
  MASTER_KEY_VARIABLE,
  encodeMasterKey,
  generateMasterKey,
  loadMasterKey,
  masterKeyFingerprint,
  parseMasterKey,
} from './master-key.js';

const bytes = Buffer.from(
  '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  'hex',
);

describe('parseMasterKey', () => {
  it('reads 64 hex characters, base64 and base64url of the same 32 bytes alike', () => {
    const fromHex = parseMasterKey(bytes.toString('hex'));
    const fromBase64 = parseMasterKey(bytes.toString('base64'));
    const fromBase64Url = parseMasterKey(`  ${bytes.toString('base64url')}\n`);
    expect(fromHex.bytes.equals(bytes)).toBe(true);
    expect(fromBase64.bytes.equals(bytes)).toBe(true);
    expect(fromBase64Url.bytes.equals(bytes)).toBe(true);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['63 hex characters', 'a'.repeat(63)],
    ['not base64', 'not a key at all!'],
    ['empty', ''],
  ])('refuses a key that is %s', (_label, text) => {
    expect(() => parseMasterKey(text)).toThrow(
      expect.objectContaining({ code: 'WL_KEYS_INVALID_MASTER' }),
    );
  });

  it('fingerprints a key as the first 16 hex characters of its SHA-256', () => {
    // python3 -c "import hashlib; print(hashlib.sha256(bytes.fromhex('0011…eeff' * 2)).hexdigest()[:16])"
    expect(masterKeyFingerprint(bytes)).toBe('4773d12e2371bb93');
    expect(masterKeyFingerprint(bytes)).toMatch(/^[0-9a-f]{16}$/);
    expect(parseMasterKey(bytes.toString('hex')).fingerprint).toBe(masterKeyFingerprint(bytes));
    expect(generateMasterKey().fingerprint).not.toBe(masterKeyFingerprint(bytes));
  });
});

describe('loadMasterKey', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'wardline-keys-')), 'data');
  });
  afterEach(async () => {
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('prefers WARDLINE_MASTER_KEY and writes no key file then', async () => {
    const key = await loadMasterKey({
      env: { [MASTER_KEY_VARIABLE]: bytes.toString('base64') },
      dataDir,
    });
    expect(key.source).toBe('env');
    expect(key.bytes.equals(bytes)).toBe(true);
    await expect(stat(join(dataDir, 'master.key'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a malformed WARDLINE_MASTER_KEY rather than falling back to the file', async () => {
    await expect(
      loadMasterKey({ env: { [MASTER_KEY_VARIABLE]: 'short' }, dataDir }),
    ).rejects.toMatchObject({ code: 'WL_KEYS_INVALID_MASTER' });
  });

  it('creates master.key with mode 0600 on first run and reads the same key afterwards', async () => {
    const first = await loadMasterKey({ env: {}, dataDir });
    expect(first).toMatchObject({ source: 'file', created: true });
    const path = join(dataDir, 'master.key');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path, 'utf8')).trim()).toBe(encodeMasterKey(first));

    const second = await loadMasterKey({ env: { [MASTER_KEY_VARIABLE]: '' }, dataDir });
    expect(second.source).toBe('file');
    expect(second.created).toBeUndefined();
    expect(second.fingerprint).toBe(first.fingerprint);
  });

  it.each([0o644, 0o640, 0o604, 0o660])(
    'refuses a key file with mode %o, naming the file and the fix',
    async (mode) => {
      await loadMasterKey({ env: {}, dataDir });
      const path = join(dataDir, 'master.key');
      await chmod(path, mode);
      const error: unknown = await loadMasterKey({ env: {}, dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WardlineError);
      expect(error).toMatchObject({ code: 'WL_KEYS_FILE_INSECURE' });
      expect((error as Error).message).toContain(`chmod 600 ${path}`);
    },
  );

  it('refuses a key file that does not hold a key', async () => {
    await loadMasterKey({ env: {}, dataDir });
    await writeFile(join(dataDir, 'master.key'), 'garbage\n', { mode: 0o600 });
    await expect(loadMasterKey({ env: {}, dataDir })).rejects.toMatchObject({
      code: 'WL_KEYS_INVALID_MASTER',
    });
  });
});
