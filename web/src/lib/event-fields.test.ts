import { describe, expect, it } from 'vitest';
import type { EventData } from '../api/detect-types';
import { EVENT_VIEW_LIMITS, flattenEvent } from './event-fields';

describe('flattenEvent', () => {
  it('lists the leaves of an EVTX-shaped event as dotted paths', () => {
    const data: EventData = {
      Event: {
        System: { EventID: 1, Computer: 'WS-RAD-07' },
        EventData: { CommandLine: 'vssadmin delete shadows /all /quiet', Hashes: ['a', 'b'] },
      },
      flag: null,
    };
    expect(flattenEvent(data)).toEqual({
      fields: [
        { path: 'Event.System.EventID', value: '1' },
        { path: 'Event.System.Computer', value: 'WS-RAD-07' },
        { path: 'Event.EventData.CommandLine', value: 'vssadmin delete shadows /all /quiet' },
        { path: 'Event.EventData.Hashes[0]', value: 'a' },
        { path: 'Event.EventData.Hashes[1]', value: 'b' },
        { path: 'flag', value: 'null' },
      ],
      truncated: false,
    });
  });

  it('cuts long values, deep nesting and many fields, and says so', () => {
    const long = flattenEvent({ x: 'y'.repeat(EVENT_VIEW_LIMITS.valueChars + 5) });
    expect(long.truncated).toBe(true);
    expect(long.fields[0]?.value.length).toBe(EVENT_VIEW_LIMITS.valueChars);

    let deep: EventData = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { n: deep };
    const nested = flattenEvent(deep);
    expect(nested.truncated).toBe(true);
    expect(nested.fields).toHaveLength(1);

    const wide: Record<string, number> = {};
    for (let i = 0; i < EVENT_VIEW_LIMITS.fields + 10; i++) wide[`f${String(i)}`] = i;
    const many = flattenEvent(wide);
    expect(many.truncated).toBe(true);
    expect(many.fields).toHaveLength(EVENT_VIEW_LIMITS.fields);
  });
});
