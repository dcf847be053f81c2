import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyOpenPgpSignature, verifySha512 } from './index.js';

const bytes = new TextEncoder().encode('{"document":{"category":"csaf_base"}}\n');

describe('verifySha512', () => {
  const hex = createHash('sha512').update(bytes).digest('hex');
  it('accepts the sha512sum format, with or without a file name or binary marker', () => {
    expect(verifySha512(bytes, `${hex}  advisory.json\n`)).toEqual({
      valid: true,
      fileName: 'advisory.json',
    });
    expect(verifySha512(bytes, `${hex.toUpperCase()} *advisory.json`)).toEqual({
      valid: true,
      fileName: 'advisory.json',
    });
    expect(verifySha512(bytes, hex)).toEqual({ valid: true });
  });
  it('refuses another hash, a malformed file and changed bytes', () => {
    expect(verifySha512(bytes, `${'0'.repeat(128)}  a.json`).valid).toBe(false);
    expect(verifySha512(bytes, 'not a hash').reason).toMatch(/128 hex digits/);
    expect(verifySha512(bytes, `${hex.slice(0, 64)}  a.json`).valid).toBe(false);
    expect(verifySha512(new Uint8Array([...bytes, 32]), hex).valid).toBe(false);
  });
});

describe('verifyOpenPgpSignature', () => {
  let publicKey = '';
  let otherKey = '';
  let signature = '';
  let keyId = '';

  beforeAll(async () => {
    const signer = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'PSIRT', email: 'psirt@acme.example' }],
      format: 'armored',
    });
    const other = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Other' }],
      format: 'armored',
    });
    publicKey = signer.publicKey;
    otherKey = other.publicKey;
    const privateKey = await openpgp.readPrivateKey({ armoredKey: signer.privateKey });
    keyId = privateKey.getKeyID().toHex().toUpperCase();
    const message = await openpgp.createMessage({ binary: bytes });
    // openpgp's overloaded `sign` typing resolves to an error type under the linter's project service.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
    const signed: string = await openpgp.sign({
      message,
      signingKeys: privateKey,
      detached: true,
      format: 'armored',
    });
    signature = signed;
  }, 30_000);

  it('accepts a valid detached signature and names the key', async () => {
    expect(await verifyOpenPgpSignature(bytes, signature, publicKey)).toEqual({
      valid: true,
      keyId,
    });
    expect((await verifyOpenPgpSignature(bytes, signature, [otherKey, publicKey])).valid).toBe(
      true,
    );
  });

  it('refuses tampered bytes', async () => {
    const tampered = new Uint8Array(bytes);
    tampered[3] = (tampered[3] ?? 0) ^ 1;
    const result = await verifyOpenPgpSignature(tampered, signature, publicKey);
    expect(result.valid).toBe(false);
    expect(result.keyId).toBe(keyId);
    expect(result.reason).toBeTruthy();
  });

  it('refuses a signature checked with the wrong key', async () => {
    const result = await verifyOpenPgpSignature(bytes, signature, otherKey);
    expect(result.valid).toBe(false);
    expect(result.reason).toBeTruthy();
  });

  it('reports unreadable keys and signatures without throwing', async () => {
    expect((await verifyOpenPgpSignature(bytes, 'garbage', publicKey)).reason).toMatch(
      /signature cannot be read/,
    );
    expect((await verifyOpenPgpSignature(bytes, signature, 'garbage')).reason).toMatch(
      /public keys cannot be read/,
    );
    expect((await verifyOpenPgpSignature(bytes, signature, [])).reason).toMatch(/No public key/);
  });
});
