import { describe, expect, it } from 'vitest';
import { ipAddress } from './ips.js';
import { eventTime } from './time.js';

describe('eventTime', () => {
  it.each([
    ['2025-10-24T23:41:48.497170Z', '2025-10-24T23:41:48.497Z'],
    ['2025-10-24 23:41:48.482', '2025-10-24T23:41:48.482Z'],
    ['2017-05-03T17:02:49.868591+0000', '2017-05-03T17:02:49.868Z'],
    ['2017-05-03T17:02:49-05:30', '2017-05-03T22:32:49.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2016-12-31T23:59:59.999Z'],
    ['1700000000', '2023-11-14T22:13:20.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(eventTime(input)).toBe(expected);
  });

  it('reads epoch seconds and milliseconds', () => {
    expect(eventTime(1320279566.452687)).toBe('2011-11-03T00:19:26.453Z');
    expect(eventTime(1700000000123)).toBe('2023-11-14T22:13:20.123Z');
  });

  it.each([
    '2023-02-29T00:00:00Z',
    '2023-13-01',
    '2023-01-01T24:00:00Z',
    '2023-01-01T10:00:00+25:00',
    'yesterday',
    '0099-01-01',
    '',
    'x'.repeat(100),
  ])('rejects %s', (input) => {
    expect(eventTime(input)).toBeUndefined();
  });

  it('rejects negative, infinite and far-future numbers and non-scalars', () => {
    expect(eventTime(-1)).toBeUndefined();
    expect(eventTime(Number.NaN)).toBeUndefined();
    expect(eventTime(1e20)).toBeUndefined();
    expect(eventTime(null)).toBeUndefined();
    expect(eventTime(['2024-01-01'])).toBeUndefined();
  });
});

describe('ipAddress', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
    ['FE80::1', 'fe80::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8:0:0:0:0:0:1'],
    ['::ffff:10.0.0.5', '10.0.0.5'],
    ['64:ff9b::192.0.2.33', '64:ff9b::192.0.2.33'],
  ])('%s → %s', (input, expected) => {
    expect(ipAddress(input)).toBe(expected);
  });

  it.each(['-', '256.1.1.1', '10.0.0', 'host.example', '1:2:3:4:5:6:7:8:9', '1::2::3', '01.2.3.4'])(
    'rejects %s',
    (input) => {
      expect(ipAddress(input)).toBeUndefined();
    },
  );
});

describe('eventTime without a regex (the common UTC forms)', () => {
  it.each([
    ['2026-05-20T10:11:12.123Z', '2026-05-20T10:11:12.123Z'],
    ['2026-05-20 10:11:12.1', '2026-05-20T10:11:12.100Z'],
    ['2026-05-20t10:11:12.12z', '2026-05-20T10:11:12.120Z'],
    ['2026-05-20T10:11:12.123456789Z', '2026-05-20T10:11:12.123Z'],
    ['2026-05-20T10:11:12Z', '2026-05-20T10:11:12.000Z'],
    ['2026-05-20T10:11:60Z', '2026-05-20T10:11:59.999Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(eventTime(input)).toBe(expected);
  });

  it.each([
    '2025-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '0999-01-01T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-05-20T24:00:00Z',
    '2026-05-20T10:11:12.Z',
    '2026-05-20T10:11:12.1234567890123Z',
    '2026-05-20X10:11:12Z',
    '2026-05-2aT10:11:12Z',
  ])('rejects %s', (input) => {
    expect(eventTime(input)).toBeUndefined();
  });
});
