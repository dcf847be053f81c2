import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FINDING_STATUSES,
  VEX_JUSTIFICATIONS,
  isActiveFindingStatus,
} from '../../../domain/vulnerability.js';
import { diffMatches } from './diff.js';
import { exceptionState } from './exceptions.js';
import { isLifecycleError, transition, type LifecycleEvent } from './lifecycle.js';

const key = fc
  .tuple(
    fc.constantFrom('pump', 'pacs', 'mri'),
    fc.constantFrom('CVE-1', 'CVE-2', 'CVE-3', 'GHSA-x'),
  )
  .map(([a, b]) => `${a}|${b}`);
const status = fc.constantFrom(...FINDING_STATUSES);
const previous = fc.array(fc.record({ key, status }), { maxLength: 20 });
const current = fc.array(fc.record({ key }), { maxLength: 20 });

const event: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constantFrom(
    { kind: 'start_work' as const },
    { kind: 'fix' as const },
    { kind: 'rescan_absent' as const },
    { kind: 'rescan_present' as const },
    { kind: 'exception_expired' as const },
    { kind: 'reopen' as const },
  ),
  fc.string({ maxLength: 30 }).map((control) => ({ kind: 'mitigate' as const, control })),
  fc
    .oneof(fc.string({ maxLength: 30 }), fc.constant('2026-01-31'))
    .map((until) => ({ kind: 'accept_risk' as const, until })),
  fc
    .constantFrom(...VEX_JUSTIFICATIONS)
    .map((justification) => ({ kind: 'mark_not_affected' as const, justification })),
);

describe('diffMatches properties', () => {
  it('puts every key of either side in exactly one list', () => {
    fc.assert(
      fc.property(previous, current, (prev, cur) => {
        const diff = diffMatches(prev, cur);
        const all = [...diff.new, ...diff.fixed, ...diff.regressed, ...diff.unchanged];
        const keys = new Set([...prev.map((f) => f.key), ...cur.map((m) => m.key)]);
        expect(all.length).toBe(keys.size);
        expect(new Set(all)).toEqual(keys);
      }),
    );
  });

  it('agrees with the definitions', () => {
    fc.assert(
      fc.property(previous, current, (prev, cur) => {
        const diff = diffMatches(prev, cur);
        const last = new Map(prev.map((f) => [f.key, f.status]));
        const now = new Set(cur.map((m) => m.key));
        for (const k of diff.new) expect(last.has(k) || !now.has(k)).toBe(false);
        for (const k of diff.fixed)
          expect(now.has(k) || last.get(k) === 'verified_fixed').toBe(false);
        for (const k of diff.regressed) {
          expect(now.has(k)).toBe(true);
          expect(['fixed', 'verified_fixed']).toContain(last.get(k));
        }
      }),
    );
  });

  it('finds nothing new, fixed or regressed when a scan repeats itself on active findings', () => {
    fc.assert(
      fc.property(current, (cur) => {
        const first = diffMatches([], cur);
        const recorded = first.new.map((k) => ({ key: k, status: 'open' as const }));
        const second = diffMatches(recorded, cur);
        expect(second.new).toEqual([]);
        expect(second.fixed).toEqual([]);
        expect(second.regressed).toEqual([]);
      }),
    );
  });
});

describe('lifecycle properties', () => {
  it('always returns a status or a lifecycle error; system events are never refused', () => {
    fc.assert(
      fc.property(status, event, (from, e) => {
        const result = transition(from, e);
        if (isLifecycleError(result)) {
          expect(['rescan_absent', 'rescan_present', 'exception_expired']).not.toContain(e.kind);
          expect(result.from).toBe(from);
        } else {
          expect(FINDING_STATUSES).toContain(result);
        }
      }),
    );
  });

  it('a rescan that sees the finding never leaves it closed as fixed; one that does not never leaves it active', () => {
    fc.assert(
      fc.property(status, (from) => {
        const present = transition(from, { kind: 'rescan_present' });
        expect(present === 'fixed' || present === 'verified_fixed').toBe(false);
        const absent = transition(from, { kind: 'rescan_absent' });
        expect(!isLifecycleError(absent) && isActiveFindingStatus(absent)).toBe(false);
      }),
    );
  });
});

describe('exceptionState properties', () => {
  it('is active before the end and expired after, for any instants', () => {
    const instant = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, instant, (until, now) => {
        const state = exceptionState(
          { until: until.toISOString(), controls: ['VLAN 40'] },
          now.toISOString(),
        );
        expect(state).toBe(now < until ? 'active' : 'expired');
      }),
    );
  });
});
