/**
 * Matching at scale: 20,000 generated advisories (OSV packages, NVD CPE ranges, CSAF devices)
 * against 50,000 generated components. Asserts correctness on a sample whose answers follow from
 * the generator, and prints the build and match times. The time limit is a hang guard, not a
 * benchmark.
 */
import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../../domain/vulnerability.js';
import { AdvisoryIndex } from './advisory-index.js';
import { advisory, bounds, config, pkg, product, software } from './test-helpers.js';
import type { MatchTarget } from './types.js';

const ADVISORIES = 20_000;
const TARGETS = 50_000;
const PACKAGES = 5_000;
const BUDGET_MS = 30_000;

/** Advisory i covers package i % PACKAGES, versions [1.(i%7).0, 1.(i%7+3).0). */
function generated(i: number): Advisory {
  const p = i % PACKAGES;
  const low = i % 7;
  const range = bounds({ startIncluding: `1.${low}.0`, endExcluding: `1.${low + 3}.0` });
  switch (i % 3) {
    case 0:
      return advisory(`OSV-${i}`, {
        source: 'osv',
        packages: [pkg(`pkg:npm/pkg-${p}`, { bounds: [range] })],
      });
    case 1:
      return advisory(`CVE-${i}`, {
        cpeConfigurations: [
          config([
            [`cpe:2.3:a:vendor${p}:product${p}:*:*:*:*:*:*:*:*`, range],
            [`cpe:2.3:a:vendor${p}:product${p}_extra:*:*:*:*:*:*:*:*`, range],
          ]),
        ],
      });
    default:
      return advisory(`CSAF-${i}`, {
        source: 'csaf',
        products: [
          product(`Device ${p}`, {
            vendor: `Maker ${p} Inc.`,
            modelNumbers: [`M-${p}`],
            versionRange: `vers:generic/>=1.${low}.0|<1.${low + 3}.0`,
          }),
        ],
      });
  }
}

/** Target j: package j % PACKAGES at version 1.(j % 10).0, as a purl or a CPE. */
function target(j: number): MatchTarget {
  const p = j % PACKAGES;
  const version = `1.${j % 10}.0`;
  return j % 2 === 0
    ? software(`t${j}`, { name: `pkg-${p}`, version, purl: `pkg:npm/pkg-${p}@${version}` })
    : software(`t${j}`, {
        name: `product${p}`,
        version,
        cpe: `cpe:2.3:a:vendor${p}:product${p}:${version}:*:*:*:*:*:*:*`,
      });
}

/** The advisory ids target j must match, from the generator's rules. */
function expected(j: number): string[] {
  const p = j % PACKAGES;
  const minor = j % 10;
  const ids: string[] = [];
  for (let i = p; i < ADVISORIES; i += PACKAGES) {
    const low = i % 7;
    const kind = i % 3;
    const wanted = j % 2 === 0 ? 0 : 1;
    if (kind === wanted && minor >= low && minor < low + 3)
      ids.push(kind === 0 ? `OSV-${i}` : `CVE-${i}`);
  }
  return ids.sort();
}

describe('matching at scale', () => {
  it(`matches ${TARGETS} components against ${ADVISORIES} advisories`, () => {
    const started = performance.now();
    const index = AdvisoryIndex.build(Array.from({ length: ADVISORIES }, (_, i) => generated(i)));
    const built = performance.now();
    let total = 0;
    const sample = new Map<number, string[]>();
    for (let j = 0; j < TARGETS; j++) {
      const matches = index.matchSoftware(target(j));
      total += matches.length;
      if (j % 997 === 0) sample.set(j, matches.map((m) => m.advisoryId).sort());
    }
    let devices = 0;
    for (let d = 0; d < 5_000; d++) {
      devices += index.matchDevice({
        ref: `d${d}`,
        vendor: `Maker ${d} GmbH`,
        model: `m${d}`,
        firmware: `1.${d % 10}.0`,
        serial: null,
      }).length;
    }
    const matched = performance.now();
    console.log(
      `scale: build ${ADVISORIES} advisories ${(built - started).toFixed(0)} ms; ` +
        `match ${TARGETS} components ${(matched - built).toFixed(0)} ms ` +
        `(${(((matched - built) * 1000) / TARGETS).toFixed(1)} µs each incl. 5,000 devices); ${total} software and ${devices} device matches`,
    );
    expect(index.size).toBe(ADVISORIES);
    expect(sample.size).toBeGreaterThan(40);
    for (const [j, ids] of sample) expect(ids).toEqual(expected(j));
    expect(total).toBeGreaterThan(TARGETS / 4);
    expect(devices).toBeGreaterThan(0);
    expect(matched - started).toBeLessThan(BUDGET_MS);
  });
});
