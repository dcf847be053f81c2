/**
 * Checking a downloaded advisory against its provider's `.sha512` file and detached OpenPGP
 * signature (`.asc`), as CSAF §7.1.18–7.1.19 publish them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as openpgp from 'openpgp';

/** Characters of a hash file or armored text read; a longer one is refused. */
const MAX_ARMOR_CHARS = 1024 * 1024;

/** The outcome of a hash check; `reason` says why it failed. */
export interface HashCheck {
  readonly valid: boolean;
  /** The file name the hash file names, when it names one. */
  readonly fileName?: string;
  readonly reason?: string;
}

/**
 * Whether the SHA-512 of `bytes` equals the hash the file states. The file format is
 * `sha512sum`'s: `<128 hex digits>  <file name>` (the name, and a `*` binary marker, optional).
 */
export function verifySha512(bytes: Uint8Array, hashFileText: string): HashCheck {
  if (hashFileText.length > MAX_ARMOR_CHARS)
    return { valid: false, reason: 'The hash file is too large.' };
  const match = /^\s*([0-9a-fA-F]{128})(?:[ \t]+\*?([^\r\n]+))?\s*$/.exec(hashFileText);
  const stated = match?.[1];
  if (stated === undefined) {
    return { valid: false, reason: 'The hash file does not start with 128 hex digits.' };
  }
  const fileName = match?.[2]?.trim();
  const named = fileName === undefined || fileName === '' ? {} : { fileName };
  const actual = createHash('sha512').update(bytes).digest();
  return timingSafeEqual(actual, Buffer.from(stated, 'hex'))
    ? { valid: true, ...named }
    : { valid: false, ...named, reason: 'The SHA-512 of the file differs from the stated hash.' };
}

/** The outcome of a signature check; `reason` says why it failed, `keyId` which key signed. */
export interface SignatureCheck {
  readonly valid: boolean;
  readonly keyId?: string;
  readonly reason?: string;
}

/**
 * Checks a detached armored signature over `bytes` with any of the armored public keys (one
 * armor, or several; each may hold more than one key). Never throws: unreadable keys or signatures give `valid: false` and
 * a reason.
 */
export async function verifyOpenPgpSignature(
  bytes: Uint8Array,
  armoredSignature: string,
  armoredPublicKeys: string | readonly string[],
): Promise<SignatureCheck> {
  const armors = typeof armoredPublicKeys === 'string' ? [armoredPublicKeys] : armoredPublicKeys;
  const keyChars = armors.reduce((sum, armor) => sum + armor.length, 0);
  if (armoredSignature.length > MAX_ARMOR_CHARS || keyChars > MAX_ARMOR_CHARS) {
    return { valid: false, reason: 'The signature or key text is too large.' };
  }
  if (armors.length === 0) return { valid: false, reason: 'No public key was given.' };
  const keys: openpgp.PublicKey[] = [];
  let signature: openpgp.Signature;
  try {
    for (const armoredKeys of armors)
      keys.push(...(await openpgp.readKeys({ armoredKeys })).map((key) => key.toPublic()));
  } catch (thrown) {
    return { valid: false, reason: `The public keys cannot be read: ${messageOf(thrown)}` };
  }
  try {
    signature = await openpgp.readSignature({ armoredSignature });
  } catch (thrown) {
    return { valid: false, reason: `The signature cannot be read: ${messageOf(thrown)}` };
  }
  const message = await openpgp.createMessage({ binary: bytes });
  const result = await openpgp.verify({ message, signature, verificationKeys: keys });
  const first = result.signatures[0];
  if (first === undefined)
    return { valid: false, reason: 'The signature holds no signature packet.' };
  const keyId = first.keyID.toHex().toUpperCase();
  try {
    await first.verified;
    return { valid: true, keyId };
  } catch (thrown) {
    return { valid: false, keyId, reason: messageOf(thrown) };
  }
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message.slice(0, 300) : 'unknown error';
}
