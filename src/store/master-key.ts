/**
 * The master key: 32 bytes that wrap Wardline's data keys. It comes from `WARDLINE_MASTER_KEY`
 * (base64 or 64 hex characters) or, when that is unset, from `<dataDir>/master.key`, created with
 * mode 0600 on first run. The database never holds it; only its fingerprint.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WardlineError } from '../domain/errors.js';
import { KEY_BYTES } from './aead.js';

/** The environment variable that carries the master key. */
export const MASTER_KEY_VARIABLE = 'WARDLINE_MASTER_KEY';
/** The key file's name inside the data directory. */
export const MASTER_KEY_FILE = 'master.key';

/** A master key, where it came from, and its fingerprint (safe to log and show). */
export interface MasterKey {
  readonly bytes: Buffer;
  /** First 16 hex characters of SHA-256 of the key. */
  readonly fingerprint: string;
  readonly source: 'env' | 'file' | 'generated';
  /** The key file, when `source` is `file`. */
  readonly path?: string;
  /** True when this run created the key file. */
  readonly created?: boolean;
}

/** First 16 hex characters of SHA-256 of the key: names a key without revealing it. */
export function masterKeyFingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Wraps 32 raw bytes as a master key. */
export function masterKeyFromBytes(
  bytes: Buffer,
  source: MasterKey['source'] = 'generated',
): MasterKey {
  if (bytes.length !== KEY_BYTES) {
    throw new WardlineError('WL_KEYS_INVALID_MASTER', `A master key has ${KEY_BYTES} bytes.`);
  }
  return { bytes: Buffer.from(bytes), fingerprint: masterKeyFingerprint(bytes), source };
}

/** A new random master key. */
export function generateMasterKey(): MasterKey {
  return masterKeyFromBytes(randomBytes(KEY_BYTES));
}

/** The text form of a key, for `WARDLINE_MASTER_KEY` or the key file: standard base64. */
export function encodeMasterKey(key: MasterKey): string {
  return key.bytes.toString('base64');
}

/**
 * Reads a key from its text form: 64 hex characters, or base64 (standard or URL-safe, padding
 * optional) of exactly 32 bytes. Surrounding whitespace is ignored.
 */
export function parseMasterKey(text: string, source: MasterKey['source'] = 'env'): MasterKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (bytes?.length !== KEY_BYTES) {
    throw new WardlineError(
      'WL_KEYS_INVALID_MASTER',
      `The master key must be base64 of ${KEY_BYTES} bytes or 64 hex characters.`,
    );
  }
  return masterKeyFromBytes(bytes, source);
}

/** Where `loadMasterKey` looks. */
export interface MasterKeySource {
  /** Usually `process.env`; only `WARDLINE_MASTER_KEY` is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Wardline's data directory, home of `master.key`. */
  readonly dataDir: string;
}

/** The key from the environment, else from the key file, which is created when missing. */
export async function loadMasterKey({ env, dataDir }: MasterKeySource): Promise<MasterKey> {
  const fromEnv = env[MASTER_KEY_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseMasterKey(fromEnv, 'env');
  const path = join(dataDir, MASTER_KEY_FILE);
  const existing = await readMasterKeyFile(path);
  if (existing !== undefined) return existing;
  const key = generateMasterKey();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${encodeMasterKey(key)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (cause) {
    // Another process created it first: use theirs.
    if (isErrno(cause, 'EEXIST')) return requireKeyFile(path);
    throw cause;
  }
  return { ...key, source: 'file', path, created: true };
}

/** Reads and checks a key file; `undefined` when there is none. */
export async function readMasterKeyFile(path: string): Promise<MasterKey | undefined> {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      assertPrivate(path, (await handle.stat()).mode);
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (isErrno(cause, 'ENOENT')) return undefined;
    throw cause;
  }
  try {
    return { ...parseMasterKey(text, 'file'), path };
  } catch (cause) {
    throw new WardlineError('WL_KEYS_INVALID_MASTER', `The key file ${path} is malformed.`, {
      cause,
    });
  }
}

async function requireKeyFile(path: string): Promise<MasterKey> {
  const key = await readMasterKeyFile(path);
  if (key === undefined) throw new WardlineError('WL_KEYS_INVALID_MASTER', `${path} vanished.`);
  return key;
}

/** Refuses a key file that anyone but its owner may read or write. */
function assertPrivate(path: string, mode: number): void {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  throw new WardlineError(
    'WL_KEYS_FILE_INSECURE',
    `The master key file ${path} has mode ${octal}: other users can read or change it. ` +
      `Run \`chmod 600 ${path}\` and start again.`,
    { details: { path, mode: octal } },
  );
}

/**
 * Writes `key` beside the key file as `master.key.next` (mode 0600), so that a rotation never
 * commits a key that exists nowhere on disk. `commitStagedMasterKey` then puts it in place.
 */
export async function stageMasterKeyFile(dataDir: string, key: MasterKey): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const staged = stagedKeyPath(dataDir);
  await rm(staged, { force: true });
  await writeFile(staged, `${encodeMasterKey(key)}\n`, { mode: 0o600, flag: 'wx' });
  return staged;
}

/** Atomically replaces `master.key` with the staged key; returns the key file's path. */
export async function commitStagedMasterKey(dataDir: string): Promise<string> {
  const path = join(dataDir, MASTER_KEY_FILE);
  await rename(stagedKeyPath(dataDir), path);
  return path;
}

/** Removes a staged key that was not used. */
export async function discardStagedMasterKey(dataDir: string): Promise<void> {
  await rm(stagedKeyPath(dataDir), { force: true });
}

function stagedKeyPath(dataDir: string): string {
  return join(dataDir, `${MASTER_KEY_FILE}.next`);
}

function isErrno(value: unknown, code: string): boolean {
  return value instanceof Error && (value as NodeJS.ErrnoException).code === code;
}
