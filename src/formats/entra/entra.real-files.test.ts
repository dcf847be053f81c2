/**
 * The SigmaHQ `azure/signinlogs` rules are the real consumers of this reader's field names: every
 * field a rule's detection names must be found in a sign-in read here, except the few listed in
 * README.md that no sign-in log carries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEntraSignIns } from './index.js';
import { pathOf } from './log-items.js';
import { asChunks, collect, eventsOf } from './test-helpers.js';

const rulesDir = new URL(
  '../../../../shared/data/sigmahq-sigma/rules/cloud/azure/signin_logs/',
  import.meta.url,
);
const present = existsSync(rulesDir);

/** Fields SigmaHQ rules name that no Graph or Azure Monitor sign-in holds (README.md says why). */
const UNMAPPED = ['ActivityDetails', 'Resultdescription', 'Username', 'properties.message'];

function detectionFields(detection: unknown): string[] {
  if (typeof detection !== 'object' || detection === null) return [];
  const fields: string[] = [];
  for (const [name, selection] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    const maps: unknown[] = Array.isArray(selection) ? selection : [selection];
    for (const map of maps) {
      if (typeof map !== 'object' || map === null) continue;
      for (const key of Object.keys(map)) fields.push(key.split('|')[0] ?? key);
    }
  }
  return fields;
}

const signIn = {
  createdDateTime: '2024-03-01T08:15:30Z',
  userPrincipalName: 'ada@contoso.example',
  appDisplayName: 'Office 365 Exchange Online',
  appId: '00000002-0000-0ff1-ce00-000000000000',
  ipAddress: '203.0.113.7',
  clientAppUsed: 'IMAP4',
  userAgent: 'BAV2ROPC',
  conditionalAccessStatus: 'notApplied',
  authenticationRequirement: 'singleFactorAuthentication',
  resourceDisplayName: 'Device Registration Service',
  riskState: 'atRisk',
  networkLocationDetails: [],
  status: { errorCode: 50053, failureReason: 'Account is locked.' },
  deviceDetail: { deviceId: '', isCompliant: false, trustType: '' },
  location: { countryOrRegion: 'US' },
  homeTenantId: 'home',
  resourceTenantId: 'resource',
};
const record = {
  time: '2024-03-01T08:15:30Z',
  category: 'SignInLogs',
  resultType: '50053',
  callerIpAddress: '203.0.113.7',
  location: 'US',
  properties: signIn,
};

describe.skipIf(!present)(
  `SigmaHQ signinlogs rules${present ? '' : ' (SKIPPED: shared/data/sigmahq-sigma absent)'}`,
  () => {
    it('finds every field the rules name, except the documented unmapped ones', async () => {
      const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yml'));
      expect(files.length).toBeGreaterThanOrEqual(18);
      const [event] = eventsOf(
        await collect(readEntraSignIns(asChunks(JSON.stringify(record)), { source: 'x' })),
      );
      const missing = new Set<string>();
      for (const file of files) {
        const rule = parse(readFileSync(new URL(file, rulesDir), 'utf8')) as Record<
          string,
          unknown
        >;
        expect(rule['logsource']).toMatchObject({ product: 'azure', service: 'signinlogs' });
        for (const field of detectionFields(rule['detection'])) {
          if (pathOf(event?.data, field) === undefined) missing.add(field);
        }
      }
      expect([...missing].sort()).toEqual(UNMAPPED);
    });
  },
);
