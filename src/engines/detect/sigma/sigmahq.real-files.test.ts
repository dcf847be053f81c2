/**
 * Every rule of the SigmaHQ repository (../shared/data/sigmahq-sigma/rules*, read in place)
 * parsed; at least 99 % must parse without a problem.
 */
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { parseSigmaRule } from './rule.js';

// Listed and read through Vite (no file-system module in an engine's tests); empty when absent.
const files = import.meta.glob<string>('../../../../../shared/data/sigmahq-sigma/rules*/**/*.yml', {
  query: '?raw',
  import: 'default',
});
const present = Object.keys(files).length > 0;

describe.skipIf(!present)('SigmaHQ rules', () => {
  it('parses at least 99 % of the rules without a problem', { timeout: 120_000 }, async () => {
    let clean = 0;
    let total = 0;
    let techniques = 0;
    const reasons: string[] = [];
    for (const [path, load] of Object.entries(files)) {
      const result = parseSigmaRule(await load(), { source: path });
      total += 1;
      if (result.problems.length === 0 && result.rule !== null) {
        clean += 1;
        techniques += result.rule.attack.techniques.length;
      } else {
        reasons.push(
          `${path.replace(/^.*sigmahq-sigma\//, '')}: ${result.problems[0]?.code ?? 'no rule'} ${result.problems[0]?.message ?? ''}`,
        );
      }
    }
    console.log(
      `SigmaHQ: ${clean}/${total} rules parsed clean (${((100 * clean) / total).toFixed(2)} %), ${techniques} technique tags; first problems:\n${reasons.slice(0, 10).join('\n')}`,
    );
    expect(total).toBeGreaterThan(1000);
    expect(techniques).toBeGreaterThan(total / 2);
    expect(clean / total).toBeGreaterThanOrEqual(0.99);
  });
});

describe.skipIf(present)('SigmaHQ rules (SKIPPED: ../shared/data/sigmahq-sigma is absent)', () => {
  it('has no data to read', () => {
    expect(present).toBe(false);
  });
});
