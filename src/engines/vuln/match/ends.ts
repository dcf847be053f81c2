/**
 * The CPE entries under one key arranged so that a target skips most of those that cannot cover
 * it, without testing each:
 *
 * - entries whose CPE names a plain version (not ANY, not wild-carded) cover only targets with
 *   that same version value: grouped by it;
 * - entries whose whole rule is one generic bounds with an end, ordered by that end: a version
 *   skips those ending below it (the generic order is a total preorder, so the binary search is
 *   exact);
 * - the rest are always tested.
 *
 * Candidates come back in the entries' own order, so the matches and their order are those of a
 * full scan.
 */
import { CPE_ANY, hasWildcards } from '../cpe/index.js';
import { compareParsed, type ParsedVersion } from '../versions/index.js';
import type { Limit } from './rule.js';
import type { CpeEntry } from './types.js';

function readable(limit: Limit | undefined): ParsedVersion | null {
  return limit === undefined || limit === null || limit === false ? null : limit;
}

/** The end a version must not exceed for the entry to hold, or null when it does not qualify. */
function endOf(entry: CpeEntry): ParsedVersion | null {
  const rule = entry.rule;
  if (rule.all || rule.loose || rule.versions.size > 0 || rule.bounds.length !== 1) return null;
  if (rule.scheme !== 'generic') return null;
  // limits: end excluding, end including (either one bounds the version from above).
  return readable(rule.limits[0]) ?? readable(rule.limits[1]);
}

export class EndOrder {
  /** Positions always tested, ascending. */
  private readonly always: number[] = [];
  /** Positions of the qualifying entries, by their end ascending; `ends` parallel. */
  private readonly byEnd: number[] = [];
  private readonly ends: ParsedVersion[] = [];
  /** Positions of entries naming a plain version, by that CPE version value, ascending. */
  private readonly byVersion = new Map<string, number[]>();

  constructor(entries: readonly CpeEntry[]) {
    const ranked: { readonly position: number; readonly end: ParsedVersion }[] = [];
    entries.forEach((entry, position) => {
      const value = entry.name.version;
      if (value !== CPE_ANY && !hasWildcards(value)) {
        const group = this.byVersion.get(value);
        if (group === undefined) this.byVersion.set(value, [position]);
        else group.push(position);
        return;
      }
      const end = endOf(entry);
      if (end === null) this.always.push(position);
      else ranked.push({ position, end });
    });
    ranked.sort((a, b) => compareParsed('generic', a.end, b.end) || a.position - b.position);
    for (const { position, end } of ranked) {
      this.byEnd.push(position);
      this.ends.push(end);
    }
  }

  /** First qualifying index whose end is not below the version. */
  private firstNotBelow(version: ParsedVersion): number {
    let low = 0;
    let high = this.ends.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const end = this.ends[mid];
      if (end !== undefined && compareParsed('generic', end, version) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * The positions (ascending) of the entries that may cover a target, written to `out` (its
   * length must be at least the number of entries); returns how many. `value` is the target's
   * CPE version value, `version` its version in the generic order (null when unknown or
   * unreadable: no entry in the end order can hold then).
   */
  candidates(value: string, version: ParsedVersion | null, out: Int32Array): number {
    let count = 0;
    for (const position of this.always) out[count++] = position;
    for (const position of this.byVersion.get(value) ?? []) out[count++] = position;
    const from = version === null ? this.byEnd.length : this.firstNotBelow(version);
    for (let i = from; i < this.byEnd.length; i++) out[count++] = this.byEnd[i] ?? 0;
    // The groups came one after the other: put everything back in entry order.
    if (count > 1 && count > this.always.length) out.subarray(0, count).sort();
    return count;
  }
}
