import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../domain/audit.js';
import { GENESIS_ANCHOR, linkAuditEntry, verifyChain, type AuditDraft } from './chain.js';

const draftArb: fc.Arbitrary<AuditDraft> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }),
  at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  actorId: fc.option(fc.string(), { nil: null }),
  actorName: fc.string(),
  action: fc.string({ minLength: 1 }),
  targetType: fc.option(fc.string(), { nil: null }),
  targetId: fc.option(fc.string(), { nil: null }),
  outcome: fc.constantFrom('success' as const, 'failure' as const),
  ip: fc.option(fc.ipV4(), { nil: null }),
  details: fc.dictionary(fc.string(), fc.jsonValue()),
});

function link(drafts: readonly AuditDraft[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let previous = GENESIS_ANCHOR;
  for (const draft of drafts) {
    const entry = linkAuditEntry(previous, draft);
    entries.push(entry);
    previous = entry;
  }
  return entries;
}

const chainArb = fc.array(draftArb, { minLength: 1, maxLength: 12 }).map(link);

describe('audit chain properties', () => {
  it('any chain built by linkAuditEntry verifies, also after a JSON round trip', () => {
    fc.assert(
      fc.property(chainArb, (entries) => {
        expect(verifyChain(entries)).toEqual({ ok: true, checked: entries.length });
        const reparsed = JSON.parse(JSON.stringify(entries)) as AuditEntry[];
        expect(verifyChain(reparsed).ok).toBe(true);
      }),
    );
  });

  it('changing any string field of any entry is reported at that entry', () => {
    const fields = ['id', 'at', 'actorName', 'action'] as const;
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.constantFrom(...fields), (entries, pick, field) => {
        const index = pick % entries.length;
        const target = entries[index]!;
        entries[index] = { ...target, [field]: `${target[field]}!` };
        expect(verifyChain(entries).firstBroken).toEqual({
          seq: target.seq,
          reason: 'hash-mismatch',
        });
      }),
    );
  });

  it('removing any entry but the last is reported at the entry after it', () => {
    fc.assert(
      fc.property(
        chainArb.filter((entries) => entries.length >= 2),
        fc.nat(),
        (entries, pick) => {
          const index = pick % (entries.length - 1);
          entries.splice(index, 1);
          const broken = verifyChain(entries).firstBroken;
          expect(broken?.seq).toBe(index + 2);
        },
      ),
    );
  });
});
