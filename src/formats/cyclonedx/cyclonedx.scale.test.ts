/**
 * A 5 000-component device SBOM (the import goal: parsed and imported in ≤ 1 s), written by the
 * CycloneDX writer and by the SPDX writer: every component and edge comes out, and the parse ends
 * well within a hang guard. The measured figures are in README.md, not asserted: CI must not fail
 * on a busy machine.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSbom } from '../sbom/parse.js';
import { syntheticSbom } from '../sbom/test-helpers.js';
import { formatSpdxTagValue } from '../spdx/write.js';
import { formatCycloneDxJson } from './write.js';

const COMPONENTS = 5_000;

async function count(text: string, source: string) {
  // 64 KiB chunks, as a file stream delivers them.
  const bytes = Buffer.from(text);
  const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
    bytes.subarray(i * 65_536, (i + 1) * 65_536),
  );
  const tally = { components: 0, edges: 0, errors: 0, ms: 0 };
  const started = performance.now();
  for await (const item of parseSbom(Readable.from(chunks), { source })) {
    if (item.kind === 'component') tally.components += 1;
    else if (item.kind === 'edge') tally.edges += 1;
    else if (item.kind === 'diagnostic' && item.diagnostic.severity === 'error') tally.errors += 1;
  }
  tally.ms = performance.now() - started;
  return tally;
}

describe('SBOM parsing at scale', () => {
  const content = syntheticSbom(COMPONENTS);

  it(`reads a ${COMPONENTS}-component CycloneDX JSON SBOM`, async () => {
    const tally = await count(formatCycloneDxJson(content), 'scale.cdx.json');
    expect(tally).toMatchObject({ components: COMPONENTS, edges: COMPONENTS - 1, errors: 0 });
    // A hang guard; the measured figures are in README.md.
    expect(tally.ms).toBeLessThan(60_000);
  }, 120_000);

  it(`reads a ${COMPONENTS}-package SPDX tag-value document`, async () => {
    const tally = await count(formatSpdxTagValue(content), 'scale.spdx');
    expect(tally).toMatchObject({ components: COMPONENTS, edges: COMPONENTS - 1, errors: 0 });
    expect(tally.ms).toBeLessThan(60_000);
  }, 120_000);
});
