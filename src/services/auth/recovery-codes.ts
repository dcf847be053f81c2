/**
 * Recovery codes: ten single-use codes shown once at enrollment. Only their SHA-256 hashes are
 * kept (sealed at rest besides): each code carries 60 random bits, too many to brute-force offline,
 * so a slow hash adds nothing here.
 */
import { createHash, randomInt } from 'node:crypto';

const COUNT = 10;
// Crockford base32 without look-alikes, so codes read aloud over a phone survive.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function generateRecoveryCodes(): string[] {
  return Array.from({ length: COUNT }, () => {
    const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  const normalized = code.trim().toLowerCase().replace(/[\s-]/g, '');
  return createHash('sha256').update(normalized).digest('hex');
}

/** Returns the remaining hashes when the code matches one, or null when it matches none. */
export function spendRecoveryCode(hashes: readonly string[], code: string): string[] | null {
  const hash = hashRecoveryCode(code);
  const index = hashes.indexOf(hash);
  if (index === -1) return null;
  return hashes.filter((_, i) => i !== index);
}
