import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { collect, eventsOf } from '../entra/test-helpers.js';
import { ATNA_DIAGNOSTIC_CODES, readAtnaMessages } from './index.js';

const source = 'property-atna.log';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const codes: ReadonlySet<string> = new Set(ATNA_DIAGNOSTIC_CODES);

const good = fc
  .record({
    id: fc.stringMatching(/^[A-Z0-9]{1,12}$/),
    outcome: fc.constantFrom('0', '4', '8', '12'),
  })
  .map(
    ({ id, outcome: o }) =>
      `<AuditMessage><EventIdentification EventActionCode="R" EventDateTime="2024-01-01T00:00:00Z" EventOutcomeIndicator="${o}"><EventID csd-code="110110" originalText="Patient Record"/></EventIdentification><ParticipantObjectIdentification ParticipantObjectID="${id}" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/></AuditMessage>`,
  );
const bad = fc.constantFrom(
  '<AuditMessage><EventIdentification EventDateTime="x"/></AuditMessage>',
  '<AuditMessage><EventIdentification></AuditMessage>',
  '<AuditMessage>&bogus;</AuditMessage>',
  '<AuditMessage/>',
);
const noise = fc
  .string({ maxLength: 40 })
  .filter((s) => !s.includes('<AuditMessage') && !s.includes('</AuditMessage'));

describe('ATNA reader on hostile input', () => {
  it('arbitrary bytes in any chunking end within the budget and throw nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          fc.string({ maxLength: 400 }).map((s) => new TextEncoder().encode(`<AuditMessage>${s}`)),
        ),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, size) => {
          const { error, ms } = await outcome(async () => {
            for (const item of await collect(readAtnaMessages(inPieces(bytes, size), { source }))) {
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

  it('bad messages and noise between good ones lose none of the good ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            noise,
            fc.oneof(
              good.map((g) => ({ good: g })),
              bad.map((b) => ({ bad: b })),
            ),
          ),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 64 }),
        async (parts, size) => {
          const text = parts.map(([n, m]) => n + ('good' in m ? m.good : m.bad)).join('');
          const items = await collect(readAtnaMessages(inPieces(text, size), { source }));
          const goodCount = parts.filter(([, m]) => 'good' in m).length;
          expect(eventsOf(items)).toHaveLength(goodCount);
          expect(items).toHaveLength(parts.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
