/** Keeping one match per advisory: the most precise, then the most confident. */
import { MATCH_KINDS } from '../../../domain/vulnerability.js';
import type { Match, MatchStatus } from './types.js';

const STATUS_RANK: Readonly<Record<MatchStatus, number>> = {
  affected: 0,
  under_investigation: 1,
  fixed: 2,
  not_affected: 3,
};

/** True when `a` should replace `b` for the same advisory and target. */
export function isBetter(a: Match, b: Match): boolean {
  const kind = MATCH_KINDS.indexOf(a.kind) - MATCH_KINDS.indexOf(b.kind);
  if (kind !== 0) return kind < 0;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  // Equally precise statements that disagree: the conservative one stands.
  return STATUS_RANK[a.status] < STATUS_RANK[b.status];
}

/** Collects matches keyed by advisory slot, keeping the better of two. */
export class MatchCollector {
  private readonly best = new Map<number, Match>();

  offer(slot: number, match: Match): void {
    const current = this.best.get(slot);
    if (current === undefined || isBetter(match, current)) this.best.set(slot, match);
  }

  /** The kept matches, and the collector emptied for the next target. */
  drain(): Match[] {
    if (this.best.size === 0) return [];
    const out = [...this.best.values()];
    this.best.clear();
    return out;
  }
}
