import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventValue } from '../../../domain/detection.js';
import { CORRELATION_OPERATORS, CORRELATION_TYPES } from '../sigma/index.js';
import { Correlator } from './correlator.js';
import {
  MAX_ENTRIES_PER_CORRELATION,
  MAX_EVENTS_PER_DETECTION,
  MAX_GROUPS_PER_CORRELATION,
} from './limits.js';
import { correlationFrom, eventAt, fieldOf } from './test-helpers.js';

const RULES = ['r1', 'r2', 'r3'];

function correlationText(type: string, operator: string, value: number, span: string): string {
  const field = type === 'value_count' ? '    field: Target\n' : '';
  return `title: ${type} ${operator}
name: c_${type}_${operator}
correlation:
  type: ${type}
  rules: [r1, r2, r3]
  group-by: [Host]
  timespan: ${span}
  condition:
${field}    ${operator}: ${value}
`;
}

const correlations = fc.array(
  fc
    .record({
      type: fc.constantFrom(...CORRELATION_TYPES),
      operator: fc.constantFrom(...CORRELATION_OPERATORS),
      value: fc.integer({ min: 0, max: 5 }),
      span: fc.constantFrom('1s', '30s', '5m', '1h'),
    })
    .map(({ type, operator, value, span }) =>
      correlationFrom(correlationText(type, operator, value, span)),
    ),
  { minLength: 1, maxLength: 4 },
);

const scalar: fc.Arbitrary<EventValue> = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);

const hits = fc.array(
  fc.record({
    rule: fc.constantFrom(...RULES, 'other', 'c_event_count_gte'),
    seconds: fc.oneof(fc.integer({ min: 0, max: 7_200 }), fc.double({ noNaN: false })),
    host: fc.option(scalar, { nil: undefined }),
    target: fc.option(scalar, { nil: undefined }),
  }),
  { maxLength: 200 },
);

describe('Correlator properties', () => {
  it('never throws; every detection is well formed and within the event cap', () => {
    fc.assert(
      fc.property(correlations, hits, (list, stream) => {
        const correlator = new Correlator(list, fieldOf);
        const detections = stream.flatMap(({ rule, seconds, host, target }) => {
          const data = {
            ...(host === undefined ? {} : { Host: host }),
            ...(target === undefined ? {} : { Target: target }),
          };
          const event = Number.isFinite(seconds)
            ? eventAt(Math.abs(seconds) % 1e7, data)
            : { ...eventAt(0, data), time: 'never' };
          return correlator.observe({ ruleName: rule, event });
        });
        detections.push(...correlator.flush());
        for (const detection of detections) {
          expect(detection.kind).toBe('correlation');
          expect(detection.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_DETECTION);
          expect(new Date(detection.time).toISOString()).toBe(detection.time);
          expect(detection.groupKey?.startsWith('Host=')).toBe(true);
        }
        expect(correlator.stats.groups).toBe(0);
        expect(correlator.stats.entries).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within its caps with 100,000 distinct groups', { timeout: 60_000 }, () => {
    const list = [
      correlationFrom(correlationText('event_count', 'gte', 5, '1h')),
      correlationFrom(correlationText('value_count', 'lt', 3, '1h')),
      correlationFrom(correlationText('temporal_ordered', 'gte', 3, '1h')),
    ];
    const correlator = new Correlator(list, fieldOf);
    const started = performance.now();
    for (let i = 0; i < 100_000; i += 1) {
      correlator.observe({
        ruleName: RULES[i % 3] ?? 'r1',
        event: eventAt(i / 100, { Host: `host-${String(i)}`, Target: 'x' }),
      });
    }
    const elapsed = performance.now() - started;
    const { stats } = correlator;
    console.log(
      `100,000 hits over 100,000 groups: ${elapsed.toFixed(0)} ms, ${JSON.stringify(stats)}`,
    );
    expect(stats.groups).toBeLessThanOrEqual(list.length * MAX_GROUPS_PER_CORRELATION);
    expect(stats.entries).toBeLessThanOrEqual(list.length * MAX_ENTRIES_PER_CORRELATION);
    expect(stats.groupsEvicted).toBeGreaterThanOrEqual(3 * (100_000 - MAX_GROUPS_PER_CORRELATION));
    // The closing windows still open are decided at the end: every one holds fewer than 3 values.
    expect(correlator.flush()).toHaveLength(MAX_GROUPS_PER_CORRELATION);
  });

  it('keeps at most the group cap of entries in one busy group', () => {
    const correlator = new Correlator(
      [correlationFrom(correlationText('event_count', 'gte', 100_000, '1h'))],
      fieldOf,
    );
    for (let i = 0; i < 5_000; i += 1) {
      correlator.observe({ ruleName: 'r1', event: eventAt(i / 10, { Host: 'busy' }) });
    }
    expect(correlator.stats.entries).toBe(1_000);
    expect(correlator.stats.entriesDropped).toBe(4_000);
  });
});
