import type { LogEvent } from '../../../domain/detection.js';

/** A rule that matched an event, as the caller reports it to the correlator. */
export interface CorrelationHit {
  readonly ruleId?: string;
  readonly ruleName?: string;
  readonly event: LogEvent;
}

/** What the correlator holds and what it let go, for the caller's metrics. */
export interface CorrelatorStats {
  /** Open groups across all correlations. */
  readonly groups: number;
  /** Entries held across all groups. */
  readonly entries: number;
  /** Groups dropped to stay within a cap. */
  readonly groupsEvicted: number;
  /** Entries dropped because a group was full. */
  readonly entriesDropped: number;
  /** Hits older than their group's window, not counted. */
  readonly lateHits: number;
  /** Hits without a value for a group-by field, not counted. */
  readonly hitsWithoutGroup: number;
  /** Hits whose event time does not read, not counted. */
  readonly hitsWithoutTime: number;
  /** Chained hits dropped at the depth cap. */
  readonly chainsCut: number;
}
