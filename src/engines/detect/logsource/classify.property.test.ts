import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_SHAPES } from '../../../domain/detection.js';
import type { EventData, EventValue } from '../../../domain/detection.js';
import { classifyEvent } from './classify.js';
import { MAX_EVENT_IPS } from './limits.js';
import { isRecord } from './values.js';

const value: fc.Arbitrary<EventValue> = fc.jsonValue() as fc.Arbitrary<EventValue>;
const record = fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 8 });

/** Records built from the keys classification looks at, so each reader is reached. */
const knownKeys = fc.constantFrom(
  'Event',
  'System',
  'EventID',
  'Channel',
  'EventData',
  'TimeCreated',
  'winlog',
  '@timestamp',
  'event',
  'ts',
  'uid',
  'id.orig_h',
  '_path',
  'event_type',
  'timestamp',
  'src_ip',
  'flow_id',
  'PatientId',
  'UserId',
  'Action',
  'facility',
  'message',
  'category',
  'properties',
  'createdDateTime',
  'userPrincipalName',
  'appDisplayName',
  'eventType',
  'actor',
  'outcome',
  'published',
);
const nested: fc.Arbitrary<EventData> = fc
  .letrec<{ node: EventValue }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      value,
      fc.dictionary(knownKeys, tie('node'), { maxKeys: 6 }),
    ),
  }))
  .node.map((node): EventData => (isRecord(node) ? node : { Event: node }));

const hint = fc.option(
  fc.record(
    {
      shape: fc.constantFrom(...EVENT_SHAPES),
      logsource: fc.record(
        { product: fc.string(), category: fc.string(), service: fc.string() },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function checkResult(data: EventData, given: Parameters<typeof classifyEvent>[1]): void {
  const result = classifyEvent(data, given);
  expect(EVENT_SHAPES).toContain(result.shape);
  if (given?.shape !== undefined) expect(result.shape).toBe(given.shape);
  expect((result.ips ?? []).length).toBeLessThanOrEqual(MAX_EVENT_IPS);
  if (result.time !== undefined) expect(new Date(result.time).toISOString()).toBe(result.time);
  for (const attribute of ['product', 'category', 'service'] as const) {
    const wanted = given?.logsource?.[attribute];
    if (wanted !== undefined) expect(result.logsource[attribute]).toBe(wanted);
  }
}

describe('classifyEvent properties', () => {
  it('never throws on arbitrary records and hints; hints win; times are ISO', () => {
    fc.assert(
      fc.property(fc.oneof(record, nested), hint, (data, given) => {
        checkResult(data, given);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps at most the cap of addresses however many a record names', () => {
    const ips = Array.from({ length: 1_000 }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`);
    const result = classifyEvent({ ts: 1, uid: 'C', tx_hosts: ips, rx_hosts: ips });
    expect(result.ips).toHaveLength(MAX_EVENT_IPS);
  });
});
