/**
 * AES-256-GCM with a random 96-bit IV and a 128-bit tag, the one cipher of Wardline's sealing.
 * Values travel as base64url text; `open` throws `WL_KEYS_DECRYPT_FAILED` on any tampering.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WardlineError } from '../domain/errors.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** AES-256: data keys and the master key are 32 bytes. */
export const KEY_BYTES = 32;

/** IV and ciphertext-with-tag, each base64url. */
export interface GcmBox {
  readonly iv: string;
  readonly box: string;
}

/** Encrypts `plaintext` under `key`, authenticating `aad` alongside. */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): GcmBox {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv: iv.toString('base64url'), box: body.toString('base64url') };
}

/** Decrypts and authenticates; any mismatch of key, IV, ciphertext, tag or `aad` throws. */
export function gcmOpen(key: Buffer, sealed: GcmBox, aad: string): Buffer {
  const iv = Buffer.from(sealed.iv, 'base64url');
  const body = Buffer.from(sealed.box, 'base64url');
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new WardlineError('WL_KEYS_DECRYPT_FAILED', 'A sealed value is truncated.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (cause) {
    throw new WardlineError(
      'WL_KEYS_DECRYPT_FAILED',
      'A sealed value failed authentication: it was altered, moved, or sealed under another key.',
      { cause },
    );
  }
}

/** True when `text` is non-empty base64url without padding. */
export function isBase64Url(text: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(text);
}
