import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { VEX_JUSTIFICATIONS, type Advisory } from '../../domain/vulnerability.js';
import {
  parseCsaf,
  writeCsafVex,
  type CsafVexInput,
  type CsafVexStatement,
  type CsafVexStatus,
} from './index.js';
import { chunksOf, csafDoc } from './test-helpers.js';

const STATUSES: readonly CsafVexStatus[] = [
  'known_affected',
  'known_not_affected',
  'fixed',
  'under_investigation',
];
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
const label = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,15}[A-Za-z0-9]$/);

const product = fc.record({
  name: label,
  vendor: fc.option(label, { nil: undefined }),
  version: fc.option(fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}$/), { nil: undefined }),
  purlName: fc.option(word, { nil: undefined }),
});

const vexInput = fc
  .record({
    products: fc.array(product, { minLength: 1, maxLength: 6 }),
    vulnerabilities: fc.uniqueArray(fc.integer({ min: 1000, max: 99999 }), {
      minLength: 1,
      maxLength: 4,
    }),
    assignments: fc.array(
      fc.array(fc.option(fc.nat(3), { nil: null }), { minLength: 6, maxLength: 6 }),
      { minLength: 4, maxLength: 4 },
    ),
    justification: fc.option(fc.constantFrom(...VEX_JUSTIFICATIONS), { nil: undefined }),
    impact: fc.option(label, { nil: undefined }),
  })
  .map(({ products, vulnerabilities, assignments, justification, impact }): CsafVexInput => {
    const statements: CsafVexStatement[] = [];
    vulnerabilities.forEach((number, v) => {
      const row = assignments[v] ?? [];
      for (const [s, status] of STATUSES.entries()) {
        const productIds = products.map((_, p) => `P${p}`).filter((_, p) => row[p] === s);
        if (productIds.length === 0) continue;
        const notAffected = status === 'known_not_affected';
        statements.push({
          vulnerabilityId: `CVE-2024-${number}`,
          status,
          productIds,
          ...(notAffected ? { justification: justification ?? 'component_not_present' } : {}),
          ...(notAffected && impact !== undefined ? { impactStatement: impact } : {}),
        });
      }
    });
    if (statements.length === 0)
      statements.push({ vulnerabilityId: 'CVE-2024-0001', status: 'fixed', productIds: ['P0'] });
    return {
      publisher: { name: 'Acme', namespace: 'https://acme.example' },
      trackingId: 'ACME-VEX-1',
      title: 'VEX',
      now: new Date(Date.UTC(2024, 0, 1)),
      products: products.map((p, i) => ({
        productId: `P${i}`,
        name: p.name,
        ...(p.vendor === undefined ? {} : { vendor: p.vendor }),
        ...(p.version === undefined ? {} : { version: p.version }),
        ...(p.purlName === undefined
          ? {}
          : { purl: `pkg:npm/${p.purlName}${p.version === undefined ? '' : `@${p.version}`}` }),
      })),
      statements,
    };
  });

/** Every product of the statement is read back with its status, facts and VEX fields. */
function checkStatement(
  input: CsafVexInput,
  statement: CsafVexStatement,
  advisories: readonly Advisory[],
): void {
  const advisory = advisories.find((a) => a.id === statement.vulnerabilityId);
  for (const id of statement.productIds) {
    const read = advisory?.products.find(
      (p) => p.productId === id && p.status === statement.status,
    );
    const stated = input.products.find((p) => p.productId === id);
    expect(read).toMatchObject({
      name: stated?.name,
      vendor: stated?.vendor ?? null,
      product: stated?.name,
      version: stated?.version ?? null,
      purl: stated?.purl ?? null,
      justification: statement.justification ?? null,
      impactStatement: statement.impactStatement ?? null,
    });
    if (statement.status === 'known_affected') {
      expect(advisory?.remediations.some((r) => r.productIds.includes(id))).toBe(true);
    }
  }
}

describe('CSAF properties', () => {
  it('parseCsaf(writeCsafVex(x)) gives back every statement', async () => {
    await fc.assert(
      fc.asyncProperty(vexInput, async (input) => {
        const { document, advisories, diagnostics } = await parseCsaf(writeCsafVex(input), {
          source: 'rt',
        });
        expect(diagnostics).toEqual([]);
        expect(document.category).toBe('csaf_vex');
        expect(document.trackingId).toBe(input.trackingId);
        for (const statement of input.statements) checkStatement(input, statement, advisories);
        const written = new Set(input.statements.map((s) => s.vulnerabilityId));
        expect(advisories.map((a) => a.id).sort()).toEqual([...written].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('never throws a foreign error on arbitrary text or bytes, within a time budget', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 512 })),
        async (value) => {
          try {
            const input =
              typeof value === 'string'
                ? value
                : chunksOf(Buffer.from(value).toString('latin1'), 17);
            const result = await parseCsaf(input, { source: 'fuzz' });
            for (const diagnostic of result.diagnostics)
              expect(diagnostic.code).toMatch(/^WL_CSAF_[A-Z_]+$/);
          } catch (thrown) {
            expect(thrown).toBeInstanceOf(WardlineError);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('never throws on CSAF-shaped documents with arbitrary members', async () => {
    const anything = fc.anything({ maxDepth: 4, withNullPrototype: false });
    await fc.assert(
      fc.asyncProperty(
        anything,
        fc.array(
          fc.oneof(
            anything,
            fc.record({
              cve: fc.string(),
              product_status: anything,
              scores: anything,
              flags: anything,
              threats: anything,
              remediations: anything,
            }),
          ),
        ),
        async (tree, vulnerabilities) => {
          const text = JSON.stringify(csafDoc(tree, vulnerabilities)) as string | undefined;
          if (text === undefined) return;
          const result = await parseCsaf(text, { source: 'fuzz' });
          expect(result.advisories.length).toBeLessThanOrEqual(vulnerabilities.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
