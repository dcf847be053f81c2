/**
 * Vulnerability matching benchmark: 10,000 generated assets × 100 components (1M components)
 * against 250,000 generated advisories (about 1M purl, CPE and device criteria), as the matching
 * service runs them: `AdvisoryIndex.build`, then `matchSoftware` per component and `matchDevice`
 * per device. Also: one new advisory (index.add, and a one-advisory index against every
 * component, as a vuln-scoped run would re-match), one 5,000-component SBOM against the full
 * index, peak memory, and as a baseline in the same run the time to read the same components
 * from a SQLite store through `iterateTargets` (and to read and match them).
 *
 *   npx tsx bench/vuln.ts [--scale 1] [--seed 20261128]
 *
 * Goals (the vulnerability issue): build + match ≤ 15 s on 2 cores, re-match after one new
 * advisory ≤ 50 ms, a 5k-component SBOM ≤ 200 ms, peak memory < 2 GB.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { Advisory } from '../src/domain/vulnerability.js';
import { AdvisoryIndex, type MatchTarget } from '../src/engines/vuln/match/index.js';
import { iterateTargets } from '../src/store/match-target-repo.js';
import { criteriaCount, makeAdvisoryMaker, type AdvisoryKind } from './vuln/advisories.js';
import { makeCatalog } from './vuln/catalog.js';
import { FleetMaker, SBOM_MIX, type FleetAsset } from './vuln/fleet.js';
import { ComponentKeys, deviceOf } from './vuln/keyed.js';
import { Random } from './vuln/random.js';
import {
  count,
  median,
  megabytes,
  millis,
  printTable,
  seconds,
  timed,
  timedAsync,
  type Row,
} from './vuln/report.js';
import { fillStore, openBenchStore } from './vuln/store.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261128' },
  },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0) || !Number.isInteger(seed))
  throw new Error('--scale must be > 0, --seed an integer');
const ASSETS = Math.round(10_000 * scale);
const ADVISORIES = Math.round(250_000 * scale);
const gc = (globalThis as { gc?: () => void }).gc;

interface Tally {
  components: number;
  devices: number;
  matches: number;
  matchedComponents: number;
}

/** An asset as the matcher reads it, from the generator or from the store. */
interface Matchable {
  readonly software: readonly MatchTarget[];
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly serial: string | null;
}

/** One asset as the matching service does it: each component, then the device itself. */
function matchAsset(index: AdvisoryIndex, asset: Matchable, tally: Tally): void {
  for (const software of asset.software) {
    const found = index.matchSoftware(software).length;
    tally.components++;
    tally.matches += found;
    if (found > 0) tally.matchedComponents++;
  }
  const device = deviceOf(asset);
  if (device !== null) {
    tally.devices++;
    tally.matches += index.matchDevice(device).length;
  }
}

function emptyTally(): Tally {
  return { components: 0, devices: 0, matches: 0, matchedComponents: 0 };
}

function matchFleet(index: AdvisoryIndex, assets: readonly FleetAsset[]): Tally {
  const tally = emptyTally();
  for (const asset of assets) matchAsset(index, asset, tally);
  return tally;
}

console.log(
  `Machine: ${String(cpus().length)} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${megabytes(totalmem())}, Node ${process.version}; ${new Date().toISOString()}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `Scale ${String(scale)}: ${count(ASSETS)} assets × 100 components, ${count(ADVISORIES)} advisories, seed ${String(seed)}`,
);

// --- Generation (not measured against a goal) ---
const random = new Random(seed);
const generation = timed(() => {
  const catalog = makeCatalog(random, scale);
  const makeAdvisory = makeAdvisoryMaker(random, catalog);
  const advisories = Array.from({ length: ADVISORIES }, (_, i) => makeAdvisory(i));
  const fleet = new FleetMaker(random, catalog);
  const assets = Array.from({ length: ASSETS }, (_, i) => fleet.asset(i));
  const sbom = fleet.components('sbom', SBOM_MIX);
  return { makeAdvisory, advisories, assets, sbom };
});
const { makeAdvisory, advisories, assets, sbom } = generation.result;
const criteria = advisories.reduce((n, a) => n + criteriaCount(a), 0);
const bySource = new Map<string, number>();
for (const a of advisories) bySource.set(a.source, (bySource.get(a.source) ?? 0) + 1);
console.log(
  `Generated in ${seconds(generation.ms)}: ${count(criteria)} criteria (${[...bySource].map(([s, n]) => `${s} ${count(n)}`).join(', ')}), ${count(assets.reduce((n, a) => n + a.software.length, 0))} components, SBOM ${count(sbom.length)}`,
); // prettier-ignore

// --- The store: set-up (raw inserts), then the measured read path ---
const bench = await openBenchStore();
const filled = timed(() => fillStore(bench.path, assets));
console.log(
  `Store set-up (raw better-sqlite3 inserts, one transaction): ${count(filled.result)} software rows in ${seconds(filled.ms)}`,
);

// --- 1. Build and match in memory ---
const build = timed(() => AdvisoryIndex.build(advisories));
const index = build.result;
gc?.();
const heapAfterBuild = process.memoryUsage().heapUsed;
const rssAfterBuild = process.memoryUsage().rss;
const full = timed(() => matchFleet(index, assets));
const tally = full.result;
console.log(
  `Build ${seconds(build.ms)} (${count(index.size)} advisories held), match ${seconds(full.ms)}: ${count(tally.matches)} matches, ${count(tally.matchedComponents)} components with a match`,
);

// --- 5. Baseline: iterate the same components from the store; then iterate + match ---
const iterate = await timedAsync(async () => {
  let n = 0;
  for await (const asset of iterateTargets(bench.store.db)) n += asset.software.length;
  return n;
});
const storePath = await timedAsync(async () => {
  const t = emptyTally();
  for await (const asset of iterateTargets(bench.store.db)) matchAsset(index, asset, t);
  return t;
});
console.log(
  `Iterate from the store ${seconds(iterate.ms)} (${count(iterate.result)} components); iterate + match ${seconds(storePath.ms)} (${count(storePath.result.matches)} matches)`,
);

// --- 2. One new advisory ---
interface Incremental {
  readonly kind: AdvisoryKind;
  readonly add: number;
  readonly scan: number;
  readonly scanMatches: number;
  readonly keyed: number;
  readonly keyedMatches: number;
}
const keys = timed(() => new ComponentKeys(assets));
const incremental: Incremental[] = (['osv', 'nvd', 'csaf'] as const).map((kind, k) => {
  const advisory: Advisory = makeAdvisory(ADVISORIES + k, kind);
  const add = timed(() => {
    index.add(advisory);
  });
  const scan = timed(() => matchFleet(AdvisoryIndex.build([advisory]), assets));
  const keyed = timed(() => keys.result.rematch(advisory, AdvisoryIndex.build([advisory])));
  return { kind, add: add.ms, scan: scan.ms, scanMatches: scan.result.matches, keyed: keyed.ms, keyedMatches: keyed.result };
}); // prettier-ignore
for (const r of incremental) {
  console.log(`New ${r.kind} advisory: add ${millis(r.add)}; one-advisory index over every component ${millis(r.scan)} (${count(r.scanMatches)} matches); over the components under its keys ${millis(r.keyed)} (${count(r.keyedMatches)} matches)`);
} // prettier-ignore

// --- 3. One SBOM against the full index ---
const sbomRuns = Array.from({ length: 5 }, () =>
  timed(() => sbom.reduce((n, c) => n + index.matchSoftware(c).length, 0)),
);
const sbomFirst = sbomRuns[0]?.ms ?? 0;
const sbomMedian = median(sbomRuns.map((r) => r.ms));

// --- 4. Memory ---
const maxRss = process.resourceUsage().maxRSS * 1024;
await bench.dispose();

const total = build.ms + full.ms;
const worstAdd = Math.max(...incremental.map((r) => r.add));
const worstScan = Math.max(...incremental.map((r) => r.add + r.scan));
const worstKeyed = Math.max(...incremental.map((r) => r.add + r.keyed));
const GB2 = 2 * 1024 ** 3;
const rows: Row[] = [
  { figure: `Build AdvisoryIndex (${count(ADVISORIES)} advisories, ${count(criteria)} criteria)`, value: seconds(build.ms), goal: '', met: null },
  { figure: `Match ${count(tally.components)} components + ${count(tally.devices)} devices`, value: seconds(full.ms), goal: '', met: null },
  { figure: '1. Build + match', value: seconds(total), goal: '≤ 15 s', met: total <= 15_000 },
  { figure: 'Per component (match only)', value: `${((full.ms * 1000) / tally.components).toFixed(2)} µs`, goal: '', met: null },
  { figure: 'Matches found', value: count(tally.matches), goal: '', met: null },
  { figure: 'Components with a match', value: `${count(tally.matchedComponents)} (${((100 * tally.matchedComponents) / tally.components).toFixed(1)} %)`, goal: '', met: null },
  { figure: '2. index.add of one advisory (worst of 3)', value: millis(worstAdd), goal: '', met: null },
  { figure: '2. add + one-advisory index over every component (worst of 3)', value: millis(worstScan), goal: '≤ 50 ms', met: worstScan <= 50 },
  { figure: `   (sketch) add + only components under its keys (key map built once in ${seconds(keys.ms)})`, value: millis(worstKeyed), goal: '', met: null },
  { figure: `3. SBOM of ${count(sbom.length)} components, first run`, value: millis(sbomFirst), goal: '≤ 200 ms', met: sbomFirst <= 200 },
  { figure: '   same, median of 5', value: millis(sbomMedian), goal: '', met: null },
  { figure: '4. Peak RSS (maxRSS)', value: megabytes(maxRss), goal: '< 2 GB', met: maxRss < GB2 },
  { figure: `   heap used after build${gc === undefined ? ' (no --expose-gc)' : ' (after gc)'} / RSS`, value: `${megabytes(heapAfterBuild)} / ${megabytes(rssAfterBuild)}`, goal: '', met: null },
  { figure: '5. Iterate 1M components from the store (iterateTargets)', value: seconds(iterate.ms), goal: '', met: null },
  { figure: '   iterate from the store + match', value: seconds(storePath.ms), goal: '', met: null },
  { figure: '   ratio match time / iterate time', value: `${(full.ms / iterate.ms).toFixed(2)}×`, goal: '', met: null },
]; // prettier-ignore
console.log('');
printTable(rows);
console.log(
  `\nLoad average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
