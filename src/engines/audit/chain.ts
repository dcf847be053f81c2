/**
 * The audit log's hash chain: link new entries, verify a chain whole or as it streams by.
 *
 * Each entry carries `prevHash` (the hash of the entry before it; 64 zeros for the first) and
 * `hash = sha256(prevHash + canonicalJson(entry without hash))`. Altering any field breaks that
 * entry's hash; removing or reordering entries breaks the sequence or the prevHash of the next.
 * The hashing itself is in `domain/audit-hash.ts`, shared with the store, which hashes on append.
 *
 * @example
 * const first = linkAuditEntry(GENESIS_ANCHOR, { id: 'aud_1', at: '2026-01-01T00:00:00.000Z',
 *   actorId: null, actorName: 'system', action: 'store.init', targetType: null, targetId: null,
 *   outcome: 'success', ip: null, details: {} });
 * verifyChain([first]); // → { ok: true, checked: 1 }
 * verifyChain([{ ...first, actorName: 'mallory' }]);
 * // → { ok: false, checked: 0, firstBroken: { seq: 1, reason: 'hash-mismatch' } }
 */
import type { AuditEntry } from '../../domain/audit.js';
import {
  GENESIS_ANCHOR,
  checkAuditLink,
  computeAuditHash,
  type AuditChainAnchor,
  type AuditChainVerification,
} from '../../domain/audit-hash.js';

export {
  AUDIT_CHAIN_BREAK_REASONS,
  GENESIS_ANCHOR,
  GENESIS_PREV_HASH,
  canonicalJson,
  computeAuditHash,
  type AuditChainAnchor,
  type AuditChainBreakReason,
} from '../../domain/audit-hash.js';

/** The outcome of verifying a chain: `{ ok, checked, firstBroken?: { seq, reason } }`. */
export type ChainVerification = AuditChainVerification;

/** Verifies entries pushed one at a time, in sequence order; for logs too large to hold. */
export interface ChainVerifier {
  /** Checks the next entry; false once the chain is broken (later entries are then ignored). */
  push(entry: AuditEntry): boolean;
  result(): ChainVerification;
}

/** What a caller supplies to extend a chain: everything but the chain's own fields. */
export type AuditDraft = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/**
 * Starts a streaming verification after `expectedPrev` (the genesis anchor by default, or the last
 * entry already trusted when verifying a tail).
 */
export function createChainVerifier(
  expectedPrev: AuditChainAnchor = GENESIS_ANCHOR,
): ChainVerifier {
  let previous = expectedPrev;
  let checked = 0;
  let firstBroken: ChainVerification['firstBroken'];
  return {
    push(entry) {
      if (firstBroken !== undefined) return false;
      const reason = checkAuditLink(entry, previous);
      if (reason !== undefined) {
        firstBroken = { seq: entry.seq, reason };
        return false;
      }
      previous = { seq: entry.seq, hash: entry.hash };
      checked += 1;
      return true;
    },
    result() {
      return firstBroken === undefined
        ? { ok: true, checked }
        : { ok: false, checked, firstBroken };
    },
  };
}

/** Verifies entries given in sequence order and reports the first broken link. */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  expectedPrev: AuditChainAnchor = GENESIS_ANCHOR,
): ChainVerification {
  const verifier = createChainVerifier(expectedPrev);
  for (const entry of entries) {
    if (!verifier.push(entry)) break;
  }
  return verifier.result();
}

/** Makes the entry that follows `previous`: next sequence number, prevHash and hash. */
export function linkAuditEntry(previous: AuditChainAnchor, draft: AuditDraft): AuditEntry {
  const unhashed = { ...draft, seq: previous.seq + 1, prevHash: previous.hash };
  return { ...unhashed, hash: computeAuditHash(unhashed) };
}
