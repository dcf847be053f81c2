/**
 * Every rule of SigmaHQ (../shared/data/sigmahq-sigma/rules*, read in place) parsed and compiled:
 * at least 99 % must compile; the rest are printed with their reasons. SKIPPED when absent.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/engines/detect/compile/index.js';
import { loadRules, ruleFiles, SIGMAHQ_ROOT, sigmahqPresent } from './sigmahq-files.js';

describe.skipIf(!sigmahqPresent)('SigmaHQ rules compiled', () => {
  it('compiles at least 99 % of the rules', { timeout: 180_000 }, () => {
    const loaded = loadRules(ruleFiles());
    const started = performance.now();
    const { ruleSet, problems } = compileRules(loaded.map((item) => item.rule));
    const millis = performance.now() - started;
    const pathOf = new Map(loaded.map((item) => [item.rule.id ?? item.rule.title, item.path]));
    const lines = problems.map(
      (problem) =>
        `${relative(SIGMAHQ_ROOT, pathOf.get(problem.ruleId) ?? problem.ruleId)}: ${problem.code} ${problem.message}`,
    );
    const total = loaded.length;
    console.log(
      `SigmaHQ: ${ruleSet.rules.length}/${total} rules compiled (${((100 * ruleSet.rules.length) / total).toFixed(2)} %) in ${millis.toFixed(0)} ms; not compiled:\n${lines.join('\n')}`,
    );
    expect(total).toBeGreaterThan(1000);
    expect(ruleSet.rules.length + problems.length).toBe(total);
    expect(ruleSet.rules.length / total).toBeGreaterThanOrEqual(0.99);
  });
});

describe.skipIf(sigmahqPresent)(
  'SigmaHQ rules compiled (SKIPPED: ../shared/data/sigmahq-sigma is absent)',
  () => {
    it('has no data to read', () => {
      expect(sigmahqPresent).toBe(false);
    });
  },
);
