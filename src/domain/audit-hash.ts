/**
 * How an audit entry is hashed and how one link of the chain is checked.
 *
 * This lives in `domain/` rather than `engines/audit/` because two layers need the very same
 * bytes: the store hashes each entry as it appends it (inside the transaction that assigns its
 * sequence number), and the audit engine verifies chains. The store may not import engines, and an
 * engine may not import the store; both may import the domain. `engines/audit/chain.ts` builds the
 * whole-chain verifier on top of `checkAuditLink`.
 *
 * hash = SHA-256 hex of (prevHash + canonicalJson(entry without `hash`)); the first entry's
 * prevHash is 64 zeros.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit.js';

/** The prevHash of the first entry of a log. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/**
 * An anchor kept outside Wardline (`wardline audit head`), written `SEQ:HASH`: a later verification
 * against it detects truncation and wholesale rewrites that a self-consistent chain cannot show.
 * @example parseAuditAnchor('42:9f86…') // → { seq: 42, hash: '9f86…' }
 */
export function parseAuditAnchor(text: string): AuditChainAnchor | undefined {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { seq: Number(match[1]), hash: match[2] };
}

export function formatAuditAnchor(anchor: AuditChainAnchor): string {
  return `${anchor.seq}:${anchor.hash}`;
}

/** Where a chain continues from: the last verified entry, or the genesis anchor. */
export interface AuditChainAnchor {
  readonly seq: number;
  readonly hash: string;
}

export const GENESIS_ANCHOR: AuditChainAnchor = { seq: 0, hash: GENESIS_PREV_HASH };

/** Why a link is broken; the first that applies wins, in this order. */
export const AUDIT_CHAIN_BREAK_REASONS = {
  'seq-gap': 'Entries are missing before this one: its sequence number skips ahead.',
  'seq-out-of-order': 'This entry repeats or precedes the sequence number of the one before it.',
  'prev-hash-mismatch': 'This entry does not point at the hash of the entry before it.',
  'hash-mismatch': 'This entry was altered: its hash does not match its contents.',
  'anchor-missing':
    'The log ends before the anchored entry: entries recorded since the anchor was taken are gone.',
  'anchor-mismatch':
    'This entry differs from the anchor taken earlier: the log was rewritten up to here.',
} as const;
export type AuditChainBreakReason = keyof typeof AUDIT_CHAIN_BREAK_REASONS;

/** The outcome of verifying a chain, as the API returns it. */
export interface AuditChainVerification {
  readonly ok: boolean;
  /** Entries that verified; on a break, those before it. */
  readonly checked: number;
  /** The first entry whose link does not hold; absent when `ok`. */
  readonly firstBroken?: { readonly seq: number; readonly reason: AuditChainBreakReason };
}

/** The hashed fields, as a record so that a new `AuditEntry` field fails to compile until listed. */
const HASHED_FIELDS: Record<keyof Omit<AuditEntry, 'hash'>, true> = {
  seq: true,
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  action: true,
  targetType: true,
  targetId: true,
  outcome: true,
  ip: true,
  details: true,
  prevHash: true,
};
const HASHED_KEYS = Object.keys(HASHED_FIELDS) as (keyof typeof HASHED_FIELDS)[];

/**
 * JSON with the keys of every object sorted by UTF-16 code unit, at every depth; otherwise the
 * rules of `JSON.stringify` (`toJSON` honoured, `undefined` members dropped, non-finite numbers
 * become `null`).
 * @example canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) // → '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    const record = member as Record<string, unknown>;
    // No prototype: a `__proto__` key in the details stays an ordinary, hashed member.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) sorted[key] = record[key];
    return sorted;
  });
}

/**
 * The details object as it reads back from storage: a JSON round trip, so that what is hashed at
 * append time is exactly what a verifier later parses (dates become strings, `undefined` goes).
 */
export function normalizeAuditDetails(
  details: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (details === undefined) return {};
  const parsed: unknown = JSON.parse(JSON.stringify(details));
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** The hash an entry must carry, from every field but `hash` itself. */
export function computeAuditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const hashed: Record<string, unknown> = {};
  for (const key of HASHED_KEYS) hashed[key] = entry[key];
  return createHash('sha256')
    .update(entry.prevHash + canonicalJson(hashed), 'utf8')
    .digest('hex');
}

/**
 * Checks one entry against the entry before it: consecutive sequence number, prevHash equal to
 * the previous hash, and its own hash recomputed from its fields.
 * @returns the reason the link is broken, or `undefined` when it holds.
 */
export function checkAuditLink(
  entry: AuditEntry,
  previous: AuditChainAnchor,
): AuditChainBreakReason | undefined {
  if (entry.seq > previous.seq + 1) return 'seq-gap';
  if (entry.seq !== previous.seq + 1) return 'seq-out-of-order';
  if (entry.prevHash !== previous.hash) return 'prev-hash-mismatch';
  if (entry.hash !== computeAuditHash(entry)) return 'hash-mismatch';
  return undefined;
}
