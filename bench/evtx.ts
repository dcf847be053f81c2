/**
 * EVTX reader benchmark: every .evtx under ../shared/data/evtx-samples and the SigmaHQ
 * regression data, read several times through `readEvtx` as a stream of 64 KiB file pieces
 * (as `createReadStream` gives them). Reports MB/s, records/s and peak RSS.
 *
 *   npx tsx bench/evtx.ts [--rounds 5]
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readEvtx } from '../src/formats/evtx/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Math.max(1, Number(values.rounds));
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const roots = [join(DATA, 'evtx-samples'), join(DATA, 'sigmahq-sigma/regression_data')];

function evtxFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...evtxFiles(path));
    else if (name.endsWith('.evtx')) out.push(path);
  }
  return out;
}

const files = roots.flatMap(evtxFiles);
if (files.length === 0) {
  console.log('bench/evtx: SKIPPED, no .evtx under ../shared/data');
  process.exit(0);
}
const bytesPerRound = files.reduce((sum, f) => sum + statSync(f).size, 0);
let peakRss = process.memoryUsage().rss;
const sampleRss = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

interface Tally {
  events: number;
  rejected: number;
}

async function readAll(): Promise<Tally> {
  const tally = { events: 0, rejected: 0 };
  for (const path of files) {
    const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
    for await (const item of readEvtx(stream as AsyncIterable<Uint8Array>, { source: path })) {
      if (item.kind === 'event') tally.events++;
      else tally.rejected++;
    }
  }
  return tally;
}

const buffers = files.map((f) => readFileSync(f));

/** The parser alone: the same files already in memory, each given to readEvtx as one buffer. */
async function readBuffers(): Promise<Tally> {
  const tally = { events: 0, rejected: 0 };
  for (const bytes of buffers) {
    for await (const item of readEvtx(bytes, { source: 'memory' })) {
      if (item.kind === 'event') tally.events++;
      else tally.rejected++;
    }
  }
  return tally;
}

function rate(mbps: number, rps: number): string {
  return `${mbps.toFixed(1)} MB/s, ${Math.round(rps).toLocaleString('en-US')} records/s`;
}

async function measure(label: string, run: () => Promise<Tally>): Promise<void> {
  await run(); // warm-up
  const times: number[] = [];
  let tally: Tally = { events: 0, rejected: 0 };
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    tally = await run();
    times.push(performance.now() - start);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const total = times.reduce((a, b) => a + b, 0) / 1000;
  const best = Math.min(...times) / 1000;
  const mbRound = bytesPerRound / 1e6;
  console.log(
    `${label}: ${String(tally.events)} records, ${String(tally.rejected)} rejected per round; ` +
      `mean ${rate((mbRound * rounds) / total, (tally.events * rounds) / total)}; ` +
      `best round ${rate(mbRound / best, tally.events / best)}`,
  );
}

console.log(
  `files ${String(files.length)}, ${(bytesPerRound / 1e6).toFixed(2)} MB per round, ${String(rounds)} rounds`,
);
await measure('from disk, 64 KiB stream pieces', readAll);
await measure('from memory, one buffer per file', readBuffers);
clearInterval(sampleRss);
console.log(`peak RSS ${(peakRss / 1048576).toFixed(0)} MiB`);
