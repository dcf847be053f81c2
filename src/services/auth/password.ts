/**
 * Password hashing with scrypt (RFC 7914) from node:crypto: memory-hard, built into Node, and
 * recommended by OWASP's Password Storage Cheat Sheet (N=2^17, r=8, p=1). The stored form carries
 * its parameters, `scrypt$N$r$p$salt$hash`, so they can be raised later without breaking old hashes.
 */
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { WardlineError } from '../../domain/errors.js';

const KEY_LENGTH = 32;
const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

/** Passwords users pick first; a short list is enough to stop the worst ones (NIST SP 800-63B 3.1.1.2). */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  'qwertyuiopas',
  'letmein12345',
  'welcome12345',
  'administrator',
  'changeme1234',
  'iloveyou1234',
  'hospital1234',
  'wardline1234',
]);

function scrypt(password: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(
      password,
      salt,
      KEY_LENGTH,
      { ...cost, maxmem: 256 * 1024 * 1024 },
      (err, key) => {
        if (err) reject(err);
        else resolve(key);
      },
    );
  });
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new WardlineError(
      'WL_AUTH_PASSWORD_WEAK',
      `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
    );
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    throw new WardlineError('WL_AUTH_PASSWORD_WEAK', 'That password is too common.');
  }
}

export async function hashPassword(
  password: string,
  cost: ScryptOptions & { N: number; r: number; p: number } = DEFAULT_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of nothing in particular, verified against when the user does not exist, so that
 * "no such user" costs the same time as "wrong password": hashed at the cost users' passwords
 * are hashed at. */
const decoyHashes = new Map<string, Promise<string>>();
export function decoyPasswordHash(
  cost: ScryptOptions & { N: number; r: number; p: number } = DEFAULT_COST,
): Promise<string> {
  const key = [cost.N, cost.r, cost.p].join('$');
  let decoy = decoyHashes.get(key);
  if (decoy === undefined) {
    decoy = hashPassword(randomBytes(16).toString('hex'), cost);
    decoyHashes.set(key, decoy);
  }
  return decoy;
}

/** A random password for accounts an admin creates; the user changes it after first sign-in. */
export function generateTemporaryPassword(): string {
  return randomBytes(15).toString('base64url');
}
