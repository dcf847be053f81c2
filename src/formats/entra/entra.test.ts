import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { inPieces } from '../cve/test-helpers.js';
import { readEntraSignIns } from './index.js';
import { MAX_JSON_LOG_DEPTH, MAX_JSON_LOG_RECORD_CHARS } from './json-log-limits.js';
import { asChunks, codesOf, collect, eventsOf } from './test-helpers.js';

const source = 'signins.json';

/** A Graph v1.0/beta `signIn` as Microsoft's documentation shows one (values invented). */
const graphSignIn = {
  id: '66ea54eb-6301-4ee5-be62-ff5a759b0100',
  createdDateTime: '2024-03-01T08:15:30Z',
  userDisplayName: 'Ada Lovelace',
  userPrincipalName: 'ada@contoso.example',
  userId: 'd7cc485d-2c1b-422c-98fd-5ce52859a4a3',
  appId: 'de8bc8b5-d9f9-48b1-a8ad-b748da725064',
  appDisplayName: 'Graph Explorer',
  ipAddress: '203.0.113.7',
  clientAppUsed: 'Browser',
  userAgent: 'Mozilla/5.0 axios/1.6',
  correlationId: 'c9d0a4b1-0000-4f00-9000-000000000001',
  conditionalAccessStatus: 'failure',
  isInteractive: true,
  riskState: 'atRisk',
  authenticationRequirement: 'multiFactorAuthentication',
  resourceDisplayName: 'Microsoft Graph',
  homeTenantId: 't-home',
  resourceTenantId: 't-res',
  networkLocationDetails: [],
  status: {
    errorCode: 500121,
    failureReason: 'Authentication failed during strong authentication request.',
    additionalDetails: 'MFA denied; user declined the authentication',
  },
  deviceDetail: { deviceId: '', operatingSystem: 'Windows 10', isCompliant: false, trustType: '' },
  location: { city: 'Redmond', state: 'Washington', countryOrRegion: 'US' },
};

async function read(...chunks: string[]) {
  return collect(readEntraSignIns(asChunks(...chunks), { source }));
}

describe('Entra sign-ins: Graph signIn resources', () => {
  it('maps a sign-in to a flat event with the Graph members and the Sigma-named fields', async () => {
    const items = await read(JSON.stringify([graphSignIn]));
    expect(codesOf(items)).toEqual([]);
    const [event] = eventsOf(items);
    expect(event?.logsource).toEqual({ product: 'azure', service: 'signinlogs' });
    expect(event?.shape).toBe('flat');
    expect(event?.time).toBe('2024-03-01T08:15:30.000Z');
    expect(event?.ips).toEqual(['203.0.113.7']);
    expect(event?.origin).toEqual({ source, position: 'line 1' });
    expect(event?.data).toMatchObject({
      userPrincipalName: 'ada@contoso.example',
      status: graphSignIn.status,
      ResultType: 500121,
      ResultDescription: 'Authentication failed during strong authentication request.',
      Status:
        'Failure: Authentication failed during strong authentication request.; MFA denied; user declined the authentication',
      AppDisplayName: 'Graph Explorer',
      UserPrincipalName: 'ada@contoso.example',
      AuthenticationRequirement: 'multiFactorAuthentication',
      ConditionalAccessStatus: 'failure',
      RiskState: 'atRisk',
      IPAddress: '203.0.113.7',
      ClientApp: 'Browser',
      Location: 'US',
      LocationDetails: graphSignIn.location,
      NetworkLocationDetails: '[]',
      DeviceDetail: { ...graphSignIn.deviceDetail, trusttype: '' },
      Category: 'SignInLogs',
    });
  });

  it('writes Status as Success for error code 0', async () => {
    const ok = { ...graphSignIn, status: { errorCode: 0 } };
    const [event] = eventsOf(await read(JSON.stringify(ok)));
    expect(event?.data['Status']).toBe('Success');
    expect(event?.data['ResultType']).toBe(0);
  });

  it('reads a Graph page ({"value": [...]}) and ignores its other members', async () => {
    const page = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns',
      value: [graphSignIn, { ...graphSignIn, id: 'second' }],
      '@odata.nextLink': 'https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x',
    };
    const text = JSON.stringify(page, null, 2);
    const items = await read(text);
    expect(codesOf(items)).toEqual([]);
    expect(eventsOf(items).map((e) => e.data['id'])).toEqual([graphSignIn.id, 'second']);
    const starts = text.split('\n').flatMap((l, i) => (l === '    {' ? [i + 1] : []));
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(starts.map((n) => `line ${n}`));
  });

  it('reads NDJSON and pretty-printed documents in any chunking', async () => {
    const ndjson = [graphSignIn, graphSignIn, graphSignIn].map((s) => JSON.stringify(s)).join('\n');
    for (const size of [1, 7, 4096]) {
      const items = await collect(readEntraSignIns(inPieces(ndjson, size), { source }));
      expect(eventsOf(items)).toHaveLength(3);
      expect(eventsOf(items)[2]?.origin?.position).toBe('line 3');
    }
    const pretty = JSON.stringify([graphSignIn, graphSignIn], null, 4);
    const items = await collect(readEntraSignIns(inPieces(pretty, 5), { source }));
    expect(eventsOf(items)).toHaveLength(2);
  });
});

describe('Entra sign-ins: Azure Monitor export', () => {
  const record = {
    time: '2024-03-01T08:15:31.1234567Z',
    resourceId: '/tenants/t/providers/Microsoft.aadiam',
    operationName: 'Sign-in activity',
    category: 'NonInteractiveUserSignInLogs',
    tenantId: 't',
    resultType: '50053',
    resultSignature: 'None',
    resultDescription: 'Account is locked because user tried to sign in too many times.',
    callerIpAddress: '198.51.100.4',
    location: 'DE',
    properties: { ...graphSignIn, ipAddress: '198.51.100.4' },
  };

  it('takes the sign-in from properties and the envelope fields the rules use', async () => {
    const items = await read(JSON.stringify({ records: [record] }));
    expect(codesOf(items)).toEqual([]);
    const [event] = eventsOf(items);
    expect(event?.time).toBe('2024-03-01T08:15:30.000Z');
    expect(event?.ips).toEqual(['198.51.100.4']);
    expect(event?.data).toMatchObject({
      ResultType: 50053,
      resultType: '50053',
      ResultDescription: 'Account is locked because user tried to sign in too many times.',
      Location: 'DE',
      location: 'DE',
      Category: 'NonInteractiveUserSignInLogs',
      callerIpAddress: '198.51.100.4',
      userPrincipalName: 'ada@contoso.example',
      properties: record.properties,
    });
  });

  it('falls back on the envelope time and rejects other categories', async () => {
    const noCreated = { ...record, properties: { userPrincipalName: 'x' } };
    const audit = { ...record, category: 'AuditLogs' };
    const items = await read(`${JSON.stringify(noCreated)}\n${JSON.stringify(audit)}\n`);
    expect(eventsOf(items)[0]?.time).toBe('2024-03-01T08:15:31.123Z');
    expect(codesOf(items)).toEqual(['WL_ENTRA_NOT_SIGNIN']);
  });
});

describe('Entra sign-ins: bad records', () => {
  it('rejects each bad record with a coded diagnostic and keeps the good ones', async () => {
    const good = JSON.stringify(graphSignIn);
    const lines = [
      good,
      '{"createdDateTime": tru}',
      'not json at all',
      '{"__proto__": {"polluted": 1}, "createdDateTime": "2024-01-01T00:00:00Z"}',
      '{"constructor": {"x": 1}, "createdDateTime": "2024-01-01T00:00:00Z"}',
      '{"createdDateTime": "yesterday", "status": {}}',
      '[1, "two"]',
      '{"unclosed": [1, 2',
      good,
    ];
    const items = await read(lines.join('\n'));
    expect(codesOf(items)).toEqual([
      'WL_ENTRA_JSON_MALFORMED',
      'WL_ENTRA_JSON_MALFORMED',
      'WL_ENTRA_POISONED_KEY',
      'WL_ENTRA_POISONED_KEY',
      'WL_ENTRA_TIME_INVALID',
      'WL_ENTRA_NOT_SIGNIN',
      'WL_ENTRA_NOT_SIGNIN',
      'WL_ENTRA_JSON_MALFORMED',
    ]);
    expect(eventsOf(items)).toHaveLength(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const rejected = items.filter((i) => i.kind === 'rejected');
    expect(rejected.map((i) => i.diagnostic.line)).toEqual([2, 3, 4, 5, 6, 7, 7, 8]);
    expect(rejected[0]).toMatchObject({
      raw: '{"createdDateTime": tru}',
      diagnostic: { source, severity: 'error', offset: good.length + 1 },
    });
  });

  it('cuts an oversized record to the dead-letter bound and reads on', async () => {
    const huge = JSON.stringify({ ...graphSignIn, padding: 'x'.repeat(MAX_JSON_LOG_RECORD_CHARS) });
    const items = await read(`[${huge},`, `${JSON.stringify(graphSignIn)}]`);
    expect(codesOf(items)).toEqual(['WL_ENTRA_LIMIT_EXCEEDED']);
    const [rejected] = items;
    expect(rejected?.kind === 'rejected' && rejected.raw?.length).toBe(MAX_DEAD_LETTER_RAW_CHARS);
    expect(eventsOf(items)).toHaveLength(1);
  });

  it('rejects a record nested past the depth cap', async () => {
    const deep = `${'['.repeat(MAX_JSON_LOG_DEPTH + 1)}${']'.repeat(MAX_JSON_LOG_DEPTH + 1)}`;
    const items = await read(
      `[{"createdDateTime":"2024-01-01T00:00:00Z","x":${deep}}, ${JSON.stringify(graphSignIn)}]`,
    );
    expect(codesOf(items)).toEqual(['WL_ENTRA_LIMIT_EXCEEDED']);
    expect(eventsOf(items)).toHaveLength(1);
  });

  it('reports a document cut short and keeps the records before the cut', async () => {
    const text = JSON.stringify([graphSignIn, graphSignIn], null, 2);
    const items = await read(text.slice(0, text.length - 40));
    expect(eventsOf(items)).toHaveLength(1);
    expect(codesOf(items)).toEqual(['WL_ENTRA_TRUNCATED']);
  });

  it('reads nothing from empty input and U+FFFD from bad UTF-8 bytes', async () => {
    expect(await read('')).toEqual([]);
    const bytes = new TextEncoder().encode(
      JSON.stringify({ ...graphSignIn, userDisplayName: 'A' }),
    );
    const bad = Uint8Array.from(bytes, (b) => (b === 0x41 ? 0xff : b));
    const items = await collect(readEntraSignIns(asChunks(bad), { source }));
    expect(eventsOf(items)[0]?.data['userDisplayName']).toBe('\uFFFD');
  });
});
