/**
 * What a rescan changed: the matches it found against the findings already recorded, keyed by
 * asset and advisory.
 *
 * Every key of either side lands in exactly one list:
 * - `new`: found now, not recorded before.
 * - `regressed`: found now, recorded as fixed or verified fixed (it came back).
 * - `unchanged`: found now and recorded in any other status, or not found now and already
 *   verified fixed.
 * - `fixed`: recorded before (in any status but verified fixed) and not found now.
 *
 * Lists keep the order of the input they come from (current first, then previous). A key given
 * twice counts once; for previous findings the last status given wins.
 *
 * @example
 * diffMatches(
 *   [{ key: 'a1|CVE-1', status: 'open' }, { key: 'a1|CVE-2', status: 'fixed' }],
 *   [{ key: 'a1|CVE-2' }, { key: 'a2|CVE-1' }],
 * );
 * // → { new: ['a2|CVE-1'], fixed: ['a1|CVE-1'], regressed: ['a1|CVE-2'], unchanged: [] }
 */
import type { FindingStatus } from '../../../domain/vulnerability.js';

export interface RecordedFinding {
  readonly key: string;
  readonly status: FindingStatus;
}

export interface ScannedMatch {
  readonly key: string;
}

export interface MatchDiff {
  readonly new: string[];
  readonly fixed: string[];
  readonly regressed: string[];
  readonly unchanged: string[];
}

/** The key of a finding: asset and advisory, joined by `|` (neither id contains one). */
export function findingKey(assetId: string, advisoryId: string): string {
  return `${assetId}|${advisoryId}`;
}

const CLOSED_AS_FIXED: ReadonlySet<FindingStatus> = new Set(['fixed', 'verified_fixed']);

/** Sorts a rescan's matches against the recorded findings. */
export function diffMatches(
  previous: Iterable<RecordedFinding>,
  current: Iterable<ScannedMatch>,
): MatchDiff {
  const recorded = new Map<string, FindingStatus>();
  for (const finding of previous) {
    recorded.set(finding.key, finding.status);
  }
  const result: MatchDiff = { new: [], fixed: [], regressed: [], unchanged: [] };
  const seen = new Set<string>();
  for (const { key } of current) {
    if (seen.has(key)) continue;
    seen.add(key);
    const status = recorded.get(key);
    if (status === undefined) result.new.push(key);
    else if (CLOSED_AS_FIXED.has(status)) result.regressed.push(key);
    else result.unchanged.push(key);
  }
  for (const [key, status] of recorded) {
    if (seen.has(key)) continue;
    if (status === 'verified_fixed') result.unchanged.push(key);
    else result.fixed.push(key);
  }
  return result;
}
