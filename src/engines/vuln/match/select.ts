/**
 * Keeping one match per advisory: the most precise, then the most confident. Candidates carry
 * only what the choice needs; the match (range text, explanation) is built for the kept ones.
 */
import { MATCH_KINDS, type MatchKind } from '../../../domain/vulnerability.js';
import type { Match, MatchStatus } from './types.js';

const STATUS_RANK: Readonly<Record<MatchStatus, number>> = {
  affected: 0,
  under_investigation: 1,
  fixed: 2,
  not_affected: 3,
};

/** What one match will be, before its texts are written. */
export interface Candidate {
  readonly kind: MatchKind;
  readonly confidence: number;
  readonly status: MatchStatus;
  /** The full match, with its range text and explanation. */
  toMatch(): Match;
}

type Ranked = Pick<Match, 'kind' | 'confidence' | 'status'>;

/** True when `a` should replace `b` for the same advisory and target. */
export function isBetter(a: Ranked, b: Ranked): boolean {
  const kind = MATCH_KINDS.indexOf(a.kind) - MATCH_KINDS.indexOf(b.kind);
  if (kind !== 0) return kind < 0;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  // Equally precise statements that disagree: the conservative one stands.
  return STATUS_RANK[a.status] < STATUS_RANK[b.status];
}

/** Collects candidates keyed by advisory slot, keeping the better of two. */
export class MatchCollector {
  private readonly best = new Map<number, Candidate>();

  offer(slot: number, candidate: Candidate): void {
    const current = this.best.get(slot);
    if (current === undefined || isBetter(candidate, current)) this.best.set(slot, candidate);
  }

  /** The kept matches, and the collector emptied for the next target. */
  drain(): Match[] {
    if (this.best.size === 0) return [];
    const out: Match[] = [];
    for (const candidate of this.best.values()) out.push(candidate.toMatch());
    this.best.clear();
    return out;
  }
}

/** A candidate whose match is already built (devices: few, so nothing to save). */
export function builtCandidate(match: Match): Candidate {
  return {
    kind: match.kind,
    confidence: match.confidence,
    status: match.status,
    toMatch: () => match,
  };
}
