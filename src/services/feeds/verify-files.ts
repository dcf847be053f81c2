/**
 * Checks a feed file against what its publisher puts beside it: a `.sha512` (or `.sha256`)
 * checksum and a `.asc` OpenPGP signature, as CSAF providers publish them. A mismatch rejects the
 * file. A signature with no key to check it against is not a rejection (many bundles carry none).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { verifyOpenPgpSignature, verifySha512 } from '../../formats/csaf/index.js';

export interface TrustAnchors {
  /** Armored OpenPGP public keys the bundle carries (`keys/*.asc`). */
  readonly armoredKeys: readonly string[];
}

export interface Companions {
  readonly sha512: string | null;
  readonly sha256?: string | null;
  readonly signature: string | null;
  readonly keys: readonly string[];
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

/** Null when the bytes may be imported, else the reason they may not. */
export async function checkDownloaded(
  bytes: Buffer,
  companions: Companions,
): Promise<string | null> {
  if (companions.sha512 !== null && !verifySha512(bytes, companions.sha512).valid) {
    return 'SHA-512 checksum does not match the file';
  }
  const sha256 = companions.sha256 ?? null;
  if (sha256 !== null) {
    const expected = sha256.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (createHash('sha256').update(bytes).digest('hex') !== expected) {
      return 'SHA-256 checksum does not match the file';
    }
  }
  if (companions.signature !== null && companions.keys.length > 0) {
    const verdict = await verifyOpenPgpSignature(bytes, companions.signature, companions.keys);
    if (!verdict.valid)
      return `OpenPGP signature does not verify: ${verdict.reason ?? 'unknown key'}`;
  }
  return null;
}

/** The same checks for a file in a bundle, with its companions read from beside it. */
export async function checkSidecars(
  path: string,
  bytes: Buffer,
  anchors: TrustAnchors,
): Promise<string | null> {
  return checkDownloaded(bytes, {
    sha512: await readIfPresent(`${path}.sha512`),
    sha256: await readIfPresent(`${path}.sha256`),
    signature: await readIfPresent(`${path}.asc`),
    keys: anchors.armoredKeys,
  });
}
