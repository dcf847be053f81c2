/**
 * The SigmaHQ Okta rules are the real consumers of this reader's events: every field a rule's
 * detection names must be found in an Okta event read here, as Okta spells it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { EventValue } from '../../domain/detection.js';
import { asChunks, collect, eventsOf } from '../entra/test-helpers.js';
import { memberOf } from '../entra/log-items.js';
import { readOktaEvents } from './index.js';

const rulesDir = new URL(
  '../../../../shared/data/sigmahq-sigma/rules/identity/okta/',
  import.meta.url,
);
const present = existsSync(rulesDir);

/** A path through objects and, for lists (`target[]`), through any element. */
function found(value: EventValue | undefined, path: readonly string[]): boolean {
  if (path.length === 0) return value !== undefined;
  if (Array.isArray(value)) return value.some((item: EventValue) => found(item, path));
  const [head = '', ...rest] = path;
  return found(memberOf(value, head), rest);
}

function detectionFields(detection: unknown): string[] {
  if (typeof detection !== 'object' || detection === null) return [];
  return Object.entries(detection).flatMap(([name, selection]: [string, unknown]) => {
    if (name === 'condition' || typeof selection !== 'object' || selection === null) return [];
    const maps: unknown[] = Array.isArray(selection) ? selection : [selection];
    return maps.flatMap((map) =>
      typeof map === 'object' && map !== null
        ? Object.keys(map).map((k) => k.split('|')[0] ?? k)
        : [],
    );
  });
}

const event = {
  published: '2024-08-13T15:58:20.353Z',
  eventType: 'user.session.start',
  legacyEventType: 'core.user_auth.login_failed',
  displayMessage: 'User login to Okta',
  actor: { alternateId: 'ada@example.com' },
  client: { ipAddress: '198.51.100.23' },
  outcome: { result: 'FAILURE', reason: 'FastPass declined phishing attempt' },
  securityContext: { isProxy: true },
  debugContext: {
    debugData: {
      requestUri: '/api/v1/iam/resourcesets',
      behaviors: '{New Geo-Location=NEGATIVE, New Device=POSITIVE}',
      logOnlySecurityData: '{"risk":{"level":"LOW"}}',
    },
  },
  target: [{ displayName: 'Okta Admin Console' }],
};

describe.skipIf(!present)(
  `SigmaHQ Okta rules${present ? '' : ' (SKIPPED: shared/data/sigmahq-sigma absent)'}`,
  () => {
    it('finds every field the rules name, under Okta’s own names', async () => {
      const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yml'));
      expect(files.length).toBeGreaterThanOrEqual(20);
      const [read] = eventsOf(
        await collect(readOktaEvents(asChunks(JSON.stringify(event)), { source: 'x' })),
      );
      const missing: string[] = [];
      for (const file of files) {
        const rule = parse(readFileSync(new URL(file, rulesDir), 'utf8')) as Record<
          string,
          unknown
        >;
        expect(rule['logsource']).toEqual({ product: 'okta', service: 'okta' });
        for (const field of detectionFields(rule['detection'])) {
          if (!found(read?.data, field.split('.'))) missing.push(`${file}: ${field}`);
        }
      }
      expect(missing).toEqual([]);
    });
  },
);
