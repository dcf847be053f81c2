import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import { generateRecoveryCodes, hashRecoveryCode, spendRecoveryCode } from './recovery-codes.js';
import { acceptTotp, currentTotp, newTotpSecret } from './totp.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here', FAST)).not.toBe(
      await hashPassword('same password here', FAST),
    );
  });

  it('refuses short and common passwords', () => {
    expect(() => {
      checkPasswordStrength('short');
    }).toThrow(WardlineError);
    expect(() => {
      checkPasswordStrength('Password1234');
    }).toThrow(/too common/);
    expect(() => {
      checkPasswordStrength('a long enough passphrase');
    }).not.toThrow();
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-11-28T12:00:10Z');

  it('accepts the current code and one step of drift, not two', () => {
    expect(acceptTotp(secret, currentTotp(secret, now), now, null)).not.toBeNull();
    const earlier = new Date(now.getTime() - 30_000);
    expect(acceptTotp(secret, currentTotp(secret, earlier), now, null)).not.toBeNull();
    const muchEarlier = new Date(now.getTime() - 90_000);
    expect(acceptTotp(secret, currentTotp(secret, muchEarlier), now, null)).toBeNull();
  });

  it('never accepts the same step twice', () => {
    const code = currentTotp(secret, now);
    const step = acceptTotp(secret, code, now, null);
    expect(step).not.toBeNull();
    expect(acceptTotp(secret, code, now, step)).toBeNull();
  });

  it('rejects codes that are not six digits', () => {
    expect(acceptTotp(secret, '12345a', now, null)).toBeNull();
    expect(acceptTotp(secret, '', now, null)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('each code works once, in any case and spacing', () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    const hashes = codes.map(hashRecoveryCode);
    const first = codes[0]!;
    const remaining = spendRecoveryCode(hashes, ` ${first.toUpperCase()} `);
    expect(remaining).toHaveLength(9);
    expect(spendRecoveryCode(remaining!, first)).toBeNull();
  });
});
