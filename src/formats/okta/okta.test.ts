import { describe, expect, it } from 'vitest';
import { inPieces } from '../cve/test-helpers.js';
import { asChunks, codesOf, collect, eventsOf } from '../entra/test-helpers.js';
import { readOktaEvents } from './index.js';

const source = 'okta.json';

/** A System Log event in the layout of Okta's API reference (values invented). */
const oktaEvent = {
  uuid: 'dc9fd3c0-598c-11ef-8478-2b7584bf8d5a',
  published: '2024-08-13T15:58:20.353Z',
  eventType: 'user.session.start',
  version: '0',
  severity: 'INFO',
  legacyEventType: 'core.user_auth.login_success',
  displayMessage: 'User login to Okta',
  actor: {
    id: '00u8xst93qEWYx65sx1d7',
    type: 'User',
    alternateId: 'ada@example.com',
    displayName: 'Ada Lovelace',
  },
  client: {
    userAgent: { rawUserAgent: 'Mozilla/5.0', os: 'Mac OS X', browser: 'CHROME' },
    zone: 'null',
    device: 'Computer',
    ipAddress: '198.51.100.23',
    geographicalContext: { city: 'Lisbon', country: 'Portugal' },
  },
  outcome: { result: 'SUCCESS', reason: null },
  securityContext: { asNumber: 64496, isProxy: false },
  debugContext: { debugData: { requestUri: '/idp/idx/authenticators/poll' } },
  target: [{ id: '0oa1', type: 'AppInstance', displayName: 'Okta Admin Console' }],
  transaction: { type: 'WEB', id: 'ZrSdBI' },
};

describe('Okta System Log reader', () => {
  it('keeps the event as Okta writes it, with time, IP and log source', async () => {
    const items = await collect(readOktaEvents(asChunks(JSON.stringify([oktaEvent])), { source }));
    expect(codesOf(items)).toEqual([]);
    const [event] = eventsOf(items);
    expect(event).toEqual({
      time: '2024-08-13T15:58:20.353Z',
      logsource: { product: 'okta', service: 'okta' },
      shape: 'flat',
      data: oktaEvent,
      ips: ['198.51.100.23'],
      origin: { source, position: 'line 1' },
    });
    expect(event?.host).toBeUndefined();
  });

  it('reads NDJSON in any chunking and omits ips when the client has none', async () => {
    const second = { ...oktaEvent, uuid: 'two', client: { ipAddress: null } };
    const text = `${JSON.stringify(oktaEvent)}\n${JSON.stringify(second)}\n`;
    for (const size of [1, 13, 10_000]) {
      const events = eventsOf(await collect(readOktaEvents(inPieces(text, size), { source })));
      expect(events.map((e) => e.data['uuid'])).toEqual([oktaEvent.uuid, 'two']);
      expect(events[1]?.ips).toBeUndefined();
      expect(events[1]?.origin?.position).toBe('line 2');
    }
  });

  it('rejects bad records with coded diagnostics and keeps the good ones', async () => {
    const text = JSON.stringify(
      [
        oktaEvent,
        { errorCode: 'E0000011', errorSummary: 'Invalid token provided' },
        { ...oktaEvent, published: '13/08/2024' },
        'text',
        oktaEvent,
      ],
      null,
      2,
    ).replace('"errorSummary"', '"__proto__": {}, "errorSummary"');
    const items = await collect(readOktaEvents(asChunks(text), { source }));
    expect(codesOf(items)).toEqual([
      'WL_OKTA_POISONED_KEY',
      'WL_OKTA_TIME_INVALID',
      'WL_OKTA_NOT_EVENT',
    ]);
    expect(eventsOf(items)).toHaveLength(2);
    const poisoned = items.find((i) => i.kind === 'rejected');
    expect(poisoned?.kind === 'rejected' && poisoned.raw).toContain('E0000011');
  });

  it('accepts an event that names only legacyEventType and reports a cut-short array', async () => {
    const legacy = {
      published: '2024-01-01T00:00:00Z',
      legacyEventType: 'core.user_auth.login_failed',
    };
    const text = `[${JSON.stringify(legacy)}, {"eventType": "x", "published": "2024`;
    const items = await collect(readOktaEvents(asChunks(text), { source }));
    expect(eventsOf(items)).toHaveLength(1);
    expect(codesOf(items)).toEqual(['WL_OKTA_TRUNCATED']);
  });
});
