import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_TRAIL_FIELDS, MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { asChunks, collect, eventsOf } from '../entra/test-helpers.js';
import { FHIR_AUDIT_DIAGNOSTIC_CODES, readFhirAuditEvents } from './index.js';

const source = 'property-audit.json';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const codes: ReadonlySet<string> = new Set(FHIR_AUDIT_DIAGNOSTIC_CODES);
const fields: ReadonlySet<string> = new Set(AUDIT_TRAIL_FIELDS);

const auditEvent = fc.record({
  resourceType: fc.constant('AuditEvent'),
  id: fc.uuid(),
  recorded: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  action: fc.constantFrom('C', 'R', 'U', 'D', 'E'),
  outcome: fc.constantFrom('0', '4', '8', '12'),
  agent: fc.array(
    fc.record({ requestor: fc.boolean(), who: fc.record({ display: fc.string() }) }),
    { maxLength: 2 },
  ),
});

describe('FHIR AuditEvent reader on hostile input', () => {
  it('arbitrary bytes in any chunking end within the budget and throw nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, size) => {
          const { error, ms } = await outcome(async () => {
            for (const item of await collect(
              readFhirAuditEvents(inPieces(bytes, size), { source }),
            )) {
              if (item.kind === 'rejected') {
                expect(codes.has(item.diagnostic.code)).toBe(true);
                expect((item.raw ?? '').length).toBeLessThanOrEqual(MAX_DEAD_LETTER_RAW_CHARS);
              }
            }
          });
          expect(error).toBeNull();
          expect(ms).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('any JSON object as an AuditEvent gives only audit-trail fields, or a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
        async (object) => {
          const resource = {
            ...object,
            resourceType: 'AuditEvent',
            recorded: '2024-01-01T00:00:00Z',
          };
          const items = await collect(
            readFhirAuditEvents(asChunks(JSON.stringify(resource)), { source }),
          );
          expect(items).toHaveLength(1);
          for (const event of eventsOf(items)) {
            expect(Object.keys(event.data).every((k) => fields.has(k))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bad entries in a Bundle lose none of the good AuditEvents', async () => {
    const bad = fc.oneof(
      fc.constant({ resource: { resourceType: 'Patient' } }),
      fc.constant({ resource: { resourceType: 'AuditEvent', recorded: 'soon' } }),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => !Array.isArray(v)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            auditEvent.map((e) => ({ good: e })),
            bad.map((b) => ({ bad: b })),
          ),
          { maxLength: 15 },
        ),
        fc.integer({ min: 1, max: 50 }),
        async (entries, size) => {
          const entry = entries.map((e) => ('good' in e ? { resource: e.good } : e.bad));
          const text = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry });
          const items = await collect(readFhirAuditEvents(inPieces(text, size), { source }));
          const good = entries.filter((e) => 'good' in e);
          expect(eventsOf(items)).toHaveLength(good.length);
          expect(items).toHaveLength(entries.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
