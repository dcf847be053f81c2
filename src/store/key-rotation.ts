/**
 * `wardline keys rotate`: a new master key re-wraps every data key, and the key is put where the
 * next start will find it. Sealed values stay as they are; only the wrapping changes.
 */
import {
  commitStagedMasterKey,
  discardStagedMasterKey,
  encodeMasterKey,
  generateMasterKey,
  stageMasterKeyFile,
  type MasterKey,
} from './master-key.js';
import type { Keyring } from './sealing.js';

/** The outcome of a rotation: the new key and where the operator must keep it. */
export interface MasterKeyRotation {
  readonly key: MasterKey;
  readonly rewrapped: number;
  /** Where the new key was written, when the old one came from the key file. */
  readonly keyFile?: string;
  /**
   * The value `WARDLINE_MASTER_KEY` must take before the next start, when the old key came from
   * the environment. Wardline cannot change the environment; the operator must.
   */
  readonly envValue?: string;
}

/** Where the key file lives, and optionally the new key. */
export interface RotationOptions {
  readonly dataDir: string;
  /** The new key; a fresh random one by default. Pass one to show it before rotating. */
  readonly next?: MasterKey;
}

/**
 * Rotates the master key. With a key file, the new key is first staged beside it as
 * `master.key.next`, so that it is on disk before the database depends on it; the staged file
 * replaces `master.key` once the re-wrap has committed, and is removed if the re-wrap fails.
 */
export async function rotateMasterKey(
  keyring: Keyring,
  current: MasterKey,
  { dataDir, next = generateMasterKey() }: RotationOptions,
): Promise<MasterKeyRotation> {
  if (current.source !== 'file') {
    const { rewrapped } = await keyring.rotateMaster(next);
    return { key: next, rewrapped, envValue: encodeMasterKey(next) };
  }
  await stageMasterKeyFile(dataDir, next);
  let rewrapped: number;
  try {
    ({ rewrapped } = await keyring.rotateMaster(next));
  } catch (error) {
    await discardStagedMasterKey(dataDir);
    throw error;
  }
  const keyFile = await commitStagedMasterKey(dataDir);
  return { key: { ...next, source: 'file', path: keyFile }, rewrapped, keyFile };
}
