/**
 * Sigma correlation rules (Sigma correlation rules specification 2.0) run over a stream of rule
 * hits: event_count, value_count, temporal and temporal_ordered, grouped, over a timespan of
 * event time, with field aliases and correlations of correlations.
 */
import type { Detection, LogEvent } from '../../../domain/detection.js';
import type { SigmaCorrelation } from '../sigma/types.js';
import type { FieldReader, GroupSource, HitGroup } from './group.js';
import { groupOf, resolveField, scalarText } from './group.js';
import {
  MAX_CHAIN_DEPTH,
  MAX_ENTRIES_PER_CORRELATION,
  MAX_GROUPS_PER_CORRELATION,
} from './limits.js';
import { flushOrder, referenceIndex, suppression } from './references.js';
import type { RefTarget } from './references.js';
import type { CorrelationSpec } from './spec.js';
import { buildSpec, holds, metricOf } from './spec.js';
import type { CorrelationHit, CorrelatorStats } from './types.js';
import { GroupWindow } from './window.js';

type MutableStats = { -readonly [K in keyof CorrelatorStats]: CorrelatorStats[K] };

interface Fired {
  readonly spec: CorrelationSpec;
  readonly window: GroupWindow;
}

/**
 * Feeds rule hits to correlation rules and reports the correlations that hold.
 *
 * @example
 * const correlator = new Correlator([failedLogons], (event, field) => event.data[field]);
 * // failedLogons: event_count of rule 'failed_login' grouped by User, timespan 10m, gte 3
 * correlator.observe({ ruleName: 'failed_login', event: e1 }); // []
 * correlator.observe({ ruleName: 'failed_login', event: e2 }); // []
 * correlator.observe({ ruleName: 'failed_login', event: e3 });
 * // [{ kind: 'correlation', ruleId: failedLogons.id, groupKey: 'User=bob', events: [e1, e2, e3], … }]
 */
export class Correlator {
  /** Ids and names of the detection rules the correlations refer to (correlations left out). */
  readonly referencedRules: ReadonlySet<string>;
  /**
   * Those of `referencedRules` whose own detections should not be reported: every correlation
   * referring to them has `generate: false` (the Sigma default).
   */
  readonly suppressedRules: ReadonlySet<string>;
  private readonly specs: readonly CorrelationSpec[];
  private readonly byRef: ReadonlyMap<string, readonly RefTarget[]>;
  private readonly order: readonly CorrelationSpec[];
  private readonly counters: MutableStats = {
    groups: 0,
    entries: 0,
    groupsEvicted: 0,
    entriesDropped: 0,
    lateHits: 0,
    hitsWithoutGroup: 0,
    hitsWithoutTime: 0,
    chainsCut: 0,
  };

  constructor(
    correlations: readonly SigmaCorrelation[],
    private readonly fieldOf: FieldReader,
  ) {
    this.specs = correlations.map(buildSpec);
    this.byRef = referenceIndex(this.specs);
    const { referenced, suppressed } = suppression(this.specs);
    this.referencedRules = referenced;
    this.suppressedRules = suppressed;
    this.order = flushOrder(this.specs);
  }

  /** The state held and what was let go, summed over the correlations. */
  get stats(): CorrelatorStats {
    let groups = 0;
    let entries = 0;
    for (const spec of this.specs) {
      groups += spec.groups.size;
      entries += spec.entries;
    }
    return { ...this.counters, groups, entries };
  }

  /** One rule hit; returns the correlations it completed. */
  observe(hit: CorrelationHit): Detection[] {
    const out: Detection[] = [];
    this.deliver(hit, 0, out);
    return out;
  }

  /**
   * End of input: every open window closes, and the `lt`/`lte`/`eq`/`neq` conditions are
   * decided on them. All state is cleared.
   */
  flush(): Detection[] {
    const out: Detection[] = [];
    for (const spec of this.order) {
      const windows = spec.groups.drain();
      spec.entries = 0;
      if (spec.mode !== 'closing') continue;
      for (const window of windows) {
        if (holds(spec.operator, metricOf(spec, window), spec.threshold)) {
          this.report({ spec, window }, 0, out);
        }
      }
    }
    return out;
  }

  private deliver(hit: GroupSource, depth: number, out: Detection[]): void {
    const targets = this.targetsOf(hit);
    if (targets.size === 0) return;
    const time = Date.parse(hit.event.time);
    if (Number.isNaN(time)) {
      this.counters.hitsWithoutTime += 1;
      return;
    }
    for (const [spec, refs] of targets) {
      for (const fired of this.feed(spec, time, hit, refs)) this.report(fired, depth, out);
    }
  }

  private targetsOf(hit: GroupSource): Map<CorrelationSpec, number[]> {
    const targets = new Map<CorrelationSpec, number[]>();
    const names = hit.ruleId === hit.ruleName ? [hit.ruleId] : [hit.ruleId, hit.ruleName];
    for (const name of names) {
      if (name === undefined) continue;
      for (const { spec, ref } of this.byRef.get(name) ?? []) {
        const refs = targets.get(spec) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        targets.set(spec, refs);
      }
    }
    return targets;
  }

  private report(fired: Fired, depth: number, out: Detection[]): void {
    const { spec, window } = fired;
    const events = window.events();
    if (!spec.suppressed) out.push(detectionOf(spec, window, events));
    const last = events.at(-1);
    if (last === undefined || !this.isReferenced(spec)) return;
    if (depth + 1 >= MAX_CHAIN_DEPTH) {
      this.counters.chainsCut += 1;
      return;
    }
    const chained: GroupSource = {
      ...(spec.correlation.id === undefined ? {} : { ruleId: spec.correlation.id }),
      ...(spec.correlation.name === undefined ? {} : { ruleName: spec.correlation.name }),
      event: { ...last, time: new Date(window.newest).toISOString() },
      groupValues: window.groupValues,
    };
    this.deliver(chained, depth + 1, out);
  }

  private isReferenced(spec: CorrelationSpec): boolean {
    const { id, name } = spec.correlation;
    return (id !== undefined && this.byRef.has(id)) || (name !== undefined && this.byRef.has(name));
  }

  /** One hit into one correlation; returns the windows whose condition now holds. */
  private feed(spec: CorrelationSpec, time: number, hit: GroupSource, refs: number[]): Fired[] {
    spec.watermark = Math.max(spec.watermark, time);
    const fired = this.sweep(spec);
    const group = groupOf(spec.correlation, hit, this.fieldOf);
    if (group === undefined) {
      this.counters.hitsWithoutGroup += 1;
      return fired;
    }
    const value = this.countedValue(spec, hit);
    const window =
      spec.mode === 'closing'
        ? this.closingWindow(spec, group, time, fired)
        : this.slidingWindow(spec, group, time);
    if (window === undefined) {
      this.counters.lateHits += 1;
      return fired;
    }
    this.add(spec, window, time, hit.event, refs, value);
    if (spec.mode === 'sliding') {
      spec.entries -= window.dropBefore(window.newest - spec.spanMs);
      if (holds(spec.operator, metricOf(spec, window), spec.threshold)) {
        this.remove(spec, window);
        fired.push({ spec, window });
      }
    }
    this.enforceCaps(spec);
    return fired;
  }

  private countedValue(spec: CorrelationSpec, hit: GroupSource): string | undefined {
    const field = spec.correlation.condition?.field;
    if (spec.correlation.type !== 'value_count' || field === undefined) return undefined;
    const resolved = resolveField(spec.correlation, field, hit.ruleId, hit.ruleName);
    return scalarText(this.fieldOf(hit.event, resolved));
  }

  private add(
    spec: CorrelationSpec,
    window: GroupWindow,
    time: number,
    event: LogEvent,
    refs: readonly number[],
    value: string | undefined,
  ): void {
    const dropped = window.add(time, event, refs, value);
    spec.entries += 1 - dropped;
    this.counters.entriesDropped += dropped;
  }

  /** Closing windows start at their first hit and close `timespan` later. */
  private closingWindow(
    spec: CorrelationSpec,
    group: HitGroup,
    time: number,
    fired: Fired[],
  ): GroupWindow | undefined {
    const open = spec.groups.get(group.key);
    if (open !== undefined && time > open.start + spec.spanMs) {
      this.remove(spec, open);
      if (holds(spec.operator, metricOf(spec, open), spec.threshold)) {
        fired.push({ spec, window: open });
      }
    } else if (open !== undefined) {
      return time < open.start ? undefined : open;
    }
    const window = new GroupWindow(group.key, group.groupKey, group.values, time, spec.refs.length);
    spec.groups.putLast(window);
    return window;
  }

  /** Sliding windows hold the hits of the last `timespan` before the group's newest hit. */
  private slidingWindow(
    spec: CorrelationSpec,
    group: HitGroup,
    time: number,
  ): GroupWindow | undefined {
    const open = spec.groups.get(group.key);
    if (open !== undefined && time < open.newest - spec.spanMs) return undefined;
    const window =
      open ?? new GroupWindow(group.key, group.groupKey, group.values, time, spec.refs.length);
    // Most recently active last, so the sweep meets idle groups first.
    spec.groups.putLast(window);
    return window;
  }

  /** Closes (closing mode) or forgets (sliding mode) the groups the watermark has passed. */
  private sweep(spec: CorrelationSpec): Fired[] {
    const fired: Fired[] = [];
    for (let window = spec.groups.first(); window !== undefined; window = spec.groups.first()) {
      const end = (spec.mode === 'closing' ? window.start : window.newest) + spec.spanMs;
      if (end >= spec.watermark) break;
      this.remove(spec, window);
      if (spec.mode === 'closing' && holds(spec.operator, metricOf(spec, window), spec.threshold)) {
        fired.push({ spec, window });
      }
    }
    return fired;
  }

  private remove(spec: CorrelationSpec, window: GroupWindow): void {
    spec.groups.delete(window.key);
    spec.entries -= window.size;
  }

  private enforceCaps(spec: CorrelationSpec): void {
    for (let window = spec.groups.first(); window !== undefined; window = spec.groups.first()) {
      const over =
        spec.groups.size > MAX_GROUPS_PER_CORRELATION || spec.entries > MAX_ENTRIES_PER_CORRELATION;
      if (!over) return;
      this.remove(spec, window);
      this.counters.groupsEvicted += 1;
    }
  }
}

function detectionOf(
  spec: CorrelationSpec,
  window: GroupWindow,
  events: readonly LogEvent[],
): Detection {
  return {
    ...spec.summary,
    kind: 'correlation',
    events,
    groupKey: window.groupKey,
    time: new Date(window.newest).toISOString(),
  };
}
