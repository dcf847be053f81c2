/** The matcher never throws on arbitrary targets, and a CSAF range text never throws either. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdvisoryIndex } from './advisory-index.js';
import { globMatches } from './device.js';
import { advisory, bounds, config, pkg, product } from './test-helpers.js';
import { parseVersionRange } from './vers.js';

const index = AdvisoryIndex.build([
  advisory('A', {
    packages: [pkg('pkg:npm/left-pad', { bounds: [bounds({ endExcluding: '1.3.0' })] })],
  }),
  advisory('B', { cpeConfigurations: [config([['cpe:2.3:a:*:openssl:1.0.1?:*:*:*:*:*:*:*']])] }),
  advisory('C', {
    source: 'csaf',
    products: [product('X', { modelNumbers: ['*'], versionRange: 'garbage' })],
  }),
]);

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constant('pkg:npm/left-pad@1.0.0'),
  fc.constant('cpe:2.3:a:openssl:openssl:1.0.1a:*:*:*:*:*:*:*'),
);
const nullable = fc.option(text, { nil: null });

describe('matcher invariants', () => {
  it('never throws on arbitrary software and devices, and keeps one match per advisory', () => {
    fc.assert(
      fc.property(
        text,
        nullable,
        nullable,
        nullable,
        nullable,
        (name, version, supplier, purl, cpe) => {
          const matches = index.matchSoftware({
            ref: 'r',
            name,
            version,
            supplier,
            purl,
            cpe,
            platformCpes: [name],
          });
          expect(new Set(matches.map((m) => m.advisoryId)).size).toBe(matches.length);
          for (const m of matches) expect(m.confidence).toBeGreaterThan(0);
          index.matchDevice({
            ref: 'd',
            vendor: supplier,
            model: name,
            firmware: version,
            serial: purl,
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads or refuses any range text without throwing, and globs in linear time', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (range) => {
        const rule = parseVersionRange(`vers:generic/${range}`);
        expect(rule === null || typeof rule.all === 'boolean').toBe(true);
        parseVersionRange(range);
      }),
    );
    const started = performance.now();
    expect(globMatches(`${'*a'.repeat(200)}b`, 'a'.repeat(500))).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
