import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../domain/audit.js';
import {
  GENESIS_ANCHOR,
  GENESIS_PREV_HASH,
  canonicalJson,
  computeAuditHash,
  createChainVerifier,
  linkAuditEntry,
  verifyChain,
  type AuditDraft,
} from './chain.js';

function draft(n: number, details: Record<string, unknown> = {}): AuditDraft {
  return {
    id: `aud_${String(n).padStart(4, '0')}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    actorId: n % 2 === 0 ? 'usr_admin' : null,
    actorName: n % 2 === 0 ? 'admin' : 'system',
    action: 'user.create',
    targetType: 'user',
    targetId: `usr_${n}`,
    outcome: 'success',
    ip: '10.0.0.1',
    details,
  };
}

function chainOf(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previous = GENESIS_ANCHOR;
  for (let n = 1; n <= length; n += 1) {
    const entry = linkAuditEntry(previous, draft(n, { n }));
    entries.push(entry);
    previous = entry;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }, 'x'] })).toBe(
      '{"a":[{"c":3,"d":2},"x"],"b":1}',
    );
  });

  it('is the same for objects built in different key orders', () => {
    expect(canonicalJson({ x: { q: 1, p: null }, y: 'z' })).toBe(
      canonicalJson({ y: 'z', x: { p: null, q: 1 } }),
    );
  });

  it('keeps a __proto__ member as data', () => {
    const withProto = JSON.parse('{"__proto__":{"admin":true},"a":1}') as unknown;
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"admin":true},"a":1}');
  });
});

describe('linkAuditEntry', () => {
  it('starts at seq 1 from 64 zeros and hashes prevHash plus the canonical entry', () => {
    const first = linkAuditEntry(GENESIS_ANCHOR, draft(1));
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_PREV_HASH);
    expect(GENESIS_PREV_HASH).toMatch(/^0{64}$/);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.hash).toBe(computeAuditHash(first));
  });

  it('points each entry at the hash of the one before', () => {
    const [first, second] = chainOf(2);
    expect(second!.seq).toBe(2);
    expect(second!.prevHash).toBe(first!.hash);
    expect(second!.hash).not.toBe(first!.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and counts every entry', () => {
    expect(verifyChain(chainOf(10))).toEqual({ ok: true, checked: 10 });
  });

  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, checked: 0 });
  });

  it('reports an altered field at the altered entry', () => {
    const entries = chainOf(6);
    entries[3] = { ...entries[3]!, actorName: 'mallory' };
    expect(verifyChain(entries)).toEqual({
      ok: false,
      checked: 3,
      firstBroken: { seq: 4, reason: 'hash-mismatch' },
    });
  });

  it('reports altered details, even a nested member', () => {
    const entries = chainOf(3);
    entries[1] = { ...entries[1]!, details: { n: 2, extra: { nested: true } } };
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 2, reason: 'hash-mismatch' });
  });

  it('reports a rehashed alteration at the next entry, whose prevHash no longer matches', () => {
    const entries = chainOf(5);
    const forged = { ...entries[1]!, outcome: 'failure' as const };
    entries[1] = { ...forged, hash: computeAuditHash(forged) };
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 3, reason: 'prev-hash-mismatch' });
  });

  it('reports a removed entry at the one after the gap', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 4, reason: 'seq-gap' });
  });

  it('reports swapped entries', () => {
    const entries = chainOf(5);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 3, reason: 'seq-gap' });
  });

  it('reports a repeated sequence number', () => {
    const entries = chainOf(3);
    entries.push(entries[2]!);
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 3, reason: 'seq-out-of-order' });
  });

  it('reports a removed first entry as a wrong prevHash when renumbered', () => {
    const entries = chainOf(3)
      .slice(1)
      .map((entry) => ({ ...entry, seq: entry.seq - 1 }));
    expect(verifyChain(entries).firstBroken).toEqual({ seq: 1, reason: 'prev-hash-mismatch' });
  });

  it('verifies a tail from a trusted anchor', () => {
    const entries = chainOf(8);
    const anchor = entries[4]!;
    expect(verifyChain(entries.slice(5), anchor)).toEqual({ ok: true, checked: 3 });
    expect(verifyChain(entries.slice(5)).ok).toBe(false);
  });
});

describe('createChainVerifier', () => {
  it('gives the same answer fed one entry at a time and ignores entries after a break', () => {
    const entries = chainOf(6);
    entries[2] = { ...entries[2]!, action: 'user.delete' };
    const verifier = createChainVerifier();
    const accepted = entries.map((entry) => verifier.push(entry));
    expect(accepted).toEqual([true, true, false, false, false, false]);
    expect(verifier.result()).toEqual(verifyChain(entries));
  });
});
