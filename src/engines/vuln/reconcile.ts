/**
 * What a matching run changes: the candidate findings of the assets it covered against the
 * findings already stored for them. New candidates open findings (or start closed, when the
 * vendor's VEX says not affected or an exception covers them); findings no longer matched are
 * verified fixed; fixed findings matched again are reopened; everything else keeps its status and
 * takes the new priority. Pure: the caller stores the result.
 */
import type { ExceptionKind, FindingStatus } from '../../domain/vulnerability.js';
import type { Candidate } from './assess.js';
import { dueDate, type PatchPolicy } from './priority/index.js';

export interface StoredFinding {
  readonly id: string;
  readonly assetId: string;
  readonly vulnId: string;
  readonly status: FindingStatus;
  readonly firstSeen: string;
}

export interface ActiveException {
  readonly assetId: string;
  /** Null: covers every vulnerability on the asset. */
  readonly vulnId: string | null;
  readonly kind: ExceptionKind;
  readonly until: string;
}

export interface FindingChange {
  /** Null for a new finding. */
  readonly id: string | null;
  readonly assetId: string;
  readonly candidate: Candidate | null;
  readonly vulnId: string;
  readonly from: FindingStatus | null;
  readonly status: FindingStatus;
  readonly firstSeen: string;
  readonly dueAt: string | null;
  /** Set when the status closes the finding now. */
  readonly closedNow: boolean;
  readonly note: string | null;
  readonly riskAcceptedUntil: string | null;
}

export interface ReconcileInput {
  readonly stored: readonly StoredFinding[];
  /** Candidates by asset id; an asset covered by the run with no candidates has an empty list. */
  readonly candidates: ReadonlyMap<string, readonly Candidate[]>;
  readonly exceptions: readonly ActiveException[];
  /**
   * The vulnerabilities this run re-evaluated: null when every advisory was matched (an asset
   * rescan); a set when only some advisories changed (a feed import), so findings of other
   * vulnerabilities are left alone.
   */
  readonly vulnScope: ReadonlySet<string> | null;
  readonly now: string;
  readonly policy: PatchPolicy;
}

export interface ReconcileResult {
  readonly changes: readonly FindingChange[];
  readonly counts: {
    readonly opened: number;
    readonly verifiedFixed: number;
    readonly reopened: number;
    readonly notAffected: number;
    readonly updated: number;
  };
}

/** Statuses a person set that a rescan still seeing the finding must not undo. */
const KEPT_WHILE_PRESENT: readonly FindingStatus[] = [
  'in_progress',
  'mitigated',
  'risk_accepted',
  'reopened',
  'open',
];

/** Statuses a rescan that no longer sees the finding turns into verified fixed. */
const CLOSED_BY_ABSENCE: readonly FindingStatus[] = [
  'open',
  'in_progress',
  'reopened',
  'fixed',
  'mitigated',
  'risk_accepted',
];

/** Statuses an exception recorded for the finding (or its asset) turns into the exception's kind. */
const EXCEPTABLE: readonly FindingStatus[] = [
  'open',
  'reopened',
  'in_progress',
  'mitigated',
  'risk_accepted',
];

function exceptionFor(
  exceptions: readonly ActiveException[],
  assetId: string,
  vulnId: string,
): ActiveException | undefined {
  return (
    exceptions.find((e) => e.assetId === assetId && e.vulnId === vulnId) ??
    exceptions.find((e) => e.assetId === assetId && e.vulnId === null)
  );
}

function statusWhilePresent(
  current: FindingStatus | null,
  candidate: Candidate,
  exception: ActiveException | undefined,
): { status: FindingStatus; note: string | null } {
  if (candidate.vex !== null) {
    return { status: 'not_affected', note: 'The vendor states the product is not affected (VEX).' };
  }
  // A person's “not affected” stands until they reopen it; only fixes are checked by rescans.
  if (current === 'not_affected') return { status: current, note: null };
  if (current === 'fixed' || current === 'verified_fixed') {
    return { status: 'reopened', note: 'Matched again after it was closed.' };
  }
  if (exception !== undefined && (current === null || EXCEPTABLE.includes(current))) {
    return current === exception.kind
      ? { status: current, note: null }
      : {
          status: exception.kind,
          note: `Covered by a recorded exception until ${exception.until}.`,
        };
  }
  if (exception === undefined && (current === 'mitigated' || current === 'risk_accepted')) {
    return { status: 'open', note: 'The exception that covered it ended.' };
  }
  if (current !== null && KEPT_WHILE_PRESENT.includes(current))
    return { status: current, note: null };
  return { status: 'open', note: null };
}

type Counts = { -readonly [K in keyof ReconcileResult['counts']]: number };

function count(counts: Counts, from: FindingStatus | null, to: FindingStatus): void {
  if (from === null && to === 'open') counts.opened += 1;
  else if (to === from) counts.updated += 1;
  else if (to === 'reopened') counts.reopened += 1;
  else if (to === 'not_affected') counts.notAffected += 1;
}

function presentChange(
  input: ReconcileInput,
  assetId: string,
  candidate: Candidate,
  stored: StoredFinding | undefined,
  counts: Counts,
): FindingChange {
  const exception = exceptionFor(input.exceptions, assetId, candidate.vulnId);
  const from = stored?.status ?? null;
  const next = statusWhilePresent(from, candidate, exception);
  const firstSeen =
    stored === undefined || next.status === 'reopened' ? input.now : stored.firstSeen;
  count(counts, from, next.status);
  return {
    id: stored?.id ?? null,
    assetId,
    candidate,
    vulnId: candidate.vulnId,
    from,
    status: next.status,
    firstSeen,
    dueAt: dueDate(firstSeen, candidate.decision, input.policy),
    closedNow: next.status === 'not_affected' && from !== 'not_affected',
    note: next.note,
    riskAcceptedUntil: next.status === 'risk_accepted' ? (exception?.until ?? null) : null,
  };
}

function absentChange(stored: StoredFinding): FindingChange {
  return {
    id: stored.id,
    assetId: stored.assetId,
    candidate: null,
    vulnId: stored.vulnId,
    from: stored.status,
    status: 'verified_fixed',
    firstSeen: stored.firstSeen,
    dueAt: null,
    closedNow: true,
    note: 'No longer matched: the software or firmware that made it vulnerable is gone or updated.',
    riskAcceptedUntil: null,
  };
}

const keyOf = (assetId: string, vulnId: string) => `${assetId}\u0000${vulnId}`;

export function reconcileFindings(input: ReconcileInput): ReconcileResult {
  const changes: FindingChange[] = [];
  const counts: Counts = { opened: 0, verifiedFixed: 0, reopened: 0, notAffected: 0, updated: 0 };
  const storedByKey = new Map(input.stored.map((f) => [keyOf(f.assetId, f.vulnId), f]));
  const seen = new Set<string>();
  for (const [assetId, candidates] of input.candidates) {
    for (const candidate of candidates) {
      const key = keyOf(assetId, candidate.vulnId);
      seen.add(key);
      changes.push(presentChange(input, assetId, candidate, storedByKey.get(key), counts));
    }
  }
  for (const stored of input.stored) {
    if (seen.has(keyOf(stored.assetId, stored.vulnId))) continue;
    if (!input.candidates.has(stored.assetId)) continue;
    if (input.vulnScope !== null && !input.vulnScope.has(stored.vulnId)) continue;
    if (!CLOSED_BY_ABSENCE.includes(stored.status)) continue;
    counts.verifiedFixed += 1;
    changes.push(absentChange(stored));
  }
  return { changes, counts };
}
