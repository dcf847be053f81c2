import type { EventShape, LogSource } from '../../../domain/detection.js';

/** What the caller already knows about where an event came from (a listener's setting). */
export interface ClassifyHint {
  /** Forces the shape; content decides it when absent. */
  readonly shape?: EventShape;
  /** Each attribute given here wins over the one the content suggests. */
  readonly logsource?: LogSource;
}

/** What an event's content says about it. */
export interface EventClassification {
  readonly shape: EventShape;
  readonly logsource: LogSource;
  /**
   * Further Sigma categories the event also belongs to. A rule selecting by category matches the
   * event when its category equals `logsource.category` or is listed here: a Sysmon event 13 is
   * `registry_set` and also `registry_event`, so both kinds of rule see it. Absent when none.
   */
  readonly alsoCategories?: readonly string[];
  /** The record's own time, ISO 8601 UTC with milliseconds; absent when it carries none. */
  readonly time?: string;
  readonly host?: string;
  readonly ips?: readonly string[];
}

/** The part of a classification a shape-specific reader works out. */
export interface Classified {
  readonly logsource: LogSource;
  readonly alsoCategories?: readonly string[];
  readonly time?: string;
  readonly host?: string;
  readonly ips?: readonly string[];
}
