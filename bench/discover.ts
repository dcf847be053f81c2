/**
 * Passive discovery benchmark: `discoverCapture` over a synthetic capture of a hospital imaging
 * VLAN (≥ 200 MB, mostly DICOM C-STORE in 1460-byte segments, plus HL7, DHCP, DNS, TLS, HTTP;
 * see capture-synthetic.ts), made once and cached under bench/.cache/. Each run is a fresh Node
 * process pinned to one core (taskset), so its peak RSS is its own; then tshark extracts the same
 * DICOM fields from the same file, pinned the same way, and the two are compared with each other
 * and with the ground truth the generator recorded.
 *
 *   npm run bench:discover -- [--size 200] [--runs 3] [--no-tshark] [--cpu-prof]
 *
 * Goals: ≥ 300 MB/s with reassembly, ≥ 10× tshark, peak RSS < 300 MB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { discoverCapture, readFileChunks } from '../src/formats/pcap/discover/index.js';
import {
  differences,
  truthFacts,
  tsharkArguments,
  tsharkFacts,
  tsharkInstalled,
  valueSets,
  wardlineFacts,
  type DicomFacts,
} from './capture-dicom-facts.js';
import { ensureSyntheticCapture, SYNTHETIC_CAPTURE_VERSION } from './capture-synthetic.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    tshark: { type: 'boolean', default: true },
    'no-tshark': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    measure: { type: 'string' },
    input: { type: 'string', default: 'stream' },
  },
});

interface Measurement {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly bytes: number;
  readonly packets: number;
  readonly maxRssMb: number;
  readonly devices: number;
  readonly conversations: number;
  readonly diagnostics: number;
  readonly recognized: Record<string, number>;
  readonly reassembly: {
    connections: number;
    gaps: number;
    outOfOrderSegments: number;
    retransmittedBytes: number;
  };
  readonly facts: DicomFacts;
  /** Addresses of the devices known by address only (no trusted MAC). */
  readonly withoutMac: string[];
  /** CPU time of a second pass in the same process, once the JIT has compiled the hot path. */
  readonly warmCpuMs: number;
}

const mb = (bytes: number) => bytes / 1e6;
const fixed = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The two ways a caller can hand a file over: a Node stream (fresh buffers, 256 KiB reads), or
 * `readFileChunks` (one reused 1 MiB buffer, `reusedChunks: true`).
 */
const INPUTS = {
  stream: (path: string) =>
    discoverCapture(createReadStream(path, { highWaterMark: 256 * 1024 }), { source: path }),
  file: (path: string) =>
    discoverCapture(readFileChunks(path), { source: path, reusedChunks: true }),
} as const;
type Input = keyof typeof INPUTS;

/** Child mode: one measured run over the file, printed as JSON on the last line. */
async function measure(path: string, input: Input): Promise<void> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const result = await INPUTS[input](path);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  let out: Measurement = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytes: statSync(path).size,
    packets: result.stats.packets,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    devices: result.observations.length,
    conversations: result.flows.length,
    diagnostics: result.diagnostics.length,
    recognized: { ...result.stats.recognized },
    reassembly: result.stats.reassembly,
    facts: wardlineFacts(result.observations, result.flows),
    withoutMac: result.observations
      .filter((o) => o.identifiers.mac === null)
      .flatMap((o) => o.identifiers.ips),
    warmCpuMs: 0,
  };
  const warm0 = process.cpuUsage();
  await INPUTS[input](path);
  const warm = process.cpuUsage(warm0);
  out = { ...out, warmCpuMs: (warm.user + warm.system) / 1000 };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function pinned(command: string, args: readonly string[]): [string, string[]] {
  const taskset = spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;
  return taskset ? ['taskset', ['-c', '0', command, ...args]] : [command, [...args]];
}

async function runChild(path: string, input: Input): Promise<Measurement> {
  const nodeArgs = [
    '--import',
    'tsx',
    ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir=bench/.cache/profiles'] : []),
  ];
  const [command, args] = pinned(process.execPath, [
    ...nodeArgs,
    'bench/discover.ts',
    '--measure',
    path,
    '--input',
    input,
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`measurement run exited with ${code}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Measurement;
}

interface TsharkRun {
  readonly wallMs: number;
  readonly cpuMs: number | null;
  readonly maxRssMb: number | null;
  readonly facts: DicomFacts;
}

function runTshark(path: string): TsharkRun {
  const time = spawnSync('sh', ['-c', 'test -x /usr/bin/time'], { stdio: 'ignore' }).status === 0;
  const [command, args] = pinned(time ? '/usr/bin/time' : 'tshark', [
    ...(time ? ['-f', 'WLTIME %e %U %S %M', 'tshark'] : []),
    ...tsharkArguments(path),
  ]);
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallMs = performance.now() - started;
  if (run.status !== 0)
    throw new Error(`tshark exited with ${run.status}: ${run.stderr.slice(-500)}`);
  const timing = /WLTIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  return {
    wallMs,
    cpuMs: timing === null ? null : (Number(timing[2]) + Number(timing[3])) * 1000,
    maxRssMb: timing === null ? null : Number(timing[4]) / 1024,
    facts: tsharkFacts(run.stdout),
  };
}

function compare(
  label: string,
  left: DicomFacts,
  right: DicomFacts,
  names: [string, string],
): boolean {
  const diff = differences(left, right, names);
  console.log(`${label}: ${diff.length === 0 ? 'IDENTICAL' : `${diff.length} DIFFERENCES`}`);
  for (const line of diff.slice(0, 20)) console.log(line);
  return diff.length === 0;
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  const sizeMb = Number(values.size);
  const runs = Math.max(1, Number(values.runs));
  const cacheDir = join('bench', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, `discover-v${SYNTHETIC_CAPTURE_VERSION}-${sizeMb}mb.pcap`);
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  const generated = performance.now();
  const capture = ensureSyntheticCapture(path, sizeMb * 1e6);
  console.log(
    `Capture: ${path}, ${fixed(mb(capture.bytes), 1)} MB, ${capture.associations.length} DICOM associations, ${capture.hl7Messages} HL7 messages (ready in ${fixed((performance.now() - generated) / 1000, 1)} s)`,
  );

  const stream = await measureInput(path, 'stream', runs);
  const file = await measureInput(path, 'file', runs);
  const last = file.last;
  console.log(
    `  ${fixed(last.packets)} packets, ${last.devices} devices, ${last.conversations} conversations, ${last.diagnostics} diagnostics; recognized ${JSON.stringify(last.recognized)}; reassembly ${JSON.stringify(last.reassembly)}`,
  );
  // The generator puts 10.20.0.0/16 behind the router: only those should lack a MAC.
  const unexpected = last.withoutMac.filter((ip) => !ip.startsWith('10.20.'));
  console.log(
    `Devices known by address only: ${last.withoutMac.join(', ') || 'none'}${unexpected.length === 0 ? ' (all behind the router, as generated)' : ` — UNEXPECTED: ${unexpected.join(', ')}`}`,
  );
  const truth = truthFacts(capture.associations);
  compare('Wardline vs ground truth', last.facts, truth, ['wardline', 'truth']);
  if (values['no-tshark'] || !values.tshark) return;
  if (!tsharkInstalled()) {
    console.log('tshark is not installed (apt-get install tshark): the comparison is skipped.');
    return;
  }
  if (JSON.stringify(stream.last.facts) !== JSON.stringify(file.last.facts)) {
    console.log('Stream and file inputs DIFFER');
  }
  compareWithTshark(path, capture.bytes, last.facts, truth, { stream, file }, runs);
}

interface InputSummary {
  readonly wall: number;
  readonly cpu: number;
  readonly last: Measurement;
}

async function measureInput(path: string, input: Input, runs: number): Promise<InputSummary> {
  const measurements: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await runChild(path, input);
    measurements.push(m);
    console.log(
      `Wardline (${input}) run ${i + 1}: ${fixed(m.wallMs / 1000, 2)} s wall (${fixed(mb(m.bytes) / (m.wallMs / 1000))} MB/s), ${fixed(m.cpuMs / 1000, 2)} s CPU (${fixed(mb(m.bytes) / (m.cpuMs / 1000))} MB/s), ${fixed(m.packets / (m.wallMs / 1000))} packets/s, peak RSS ${fixed(m.maxRssMb)} MB`,
    );
  }
  const wall = median(measurements.map((m) => mb(m.bytes) / (m.wallMs / 1000)));
  const cpu = median(measurements.map((m) => mb(m.bytes) / (m.cpuMs / 1000)));
  const packets = median(measurements.map((m) => m.packets / (m.wallMs / 1000)));
  const rss = Math.max(...measurements.map((m) => m.maxRssMb));
  const warm = median(measurements.map((m) => mb(m.bytes) / (m.warmCpuMs / 1000)));
  console.log(
    `Wardline (${input}) median: ${fixed(wall)} MB/s wall, ${fixed(cpu)} MB/s CPU, ${fixed(packets)} packets/s, peak RSS ${fixed(rss)} MB; a second pass in the same process: ${fixed(warm)} MB/s CPU`,
  );
  return { wall, cpu, last: measurements.at(-1)! };
}

function compareWithTshark(
  path: string,
  bytes: number,
  wardline: DicomFacts,
  truth: DicomFacts,
  speed: { stream: InputSummary; file: InputSummary },
  runs: number,
): void {
  // tshark varies from run to run as much as Wardline does: the median of a few.
  const tsharkRuns = Array.from({ length: Math.min(3, runs) }, () => runTshark(path));
  for (const [i, run] of tsharkRuns.entries()) {
    console.log(
      `tshark run ${i + 1}: ${fixed(run.wallMs / 1000, 1)} s wall${run.cpuMs === null ? '' : `, ${fixed(run.cpuMs / 1000, 1)} s CPU`}`,
    );
  }
  const byWall = [...tsharkRuns].sort((a, b) => a.wallMs - b.wallMs);
  const tshark = byWall[Math.floor(byWall.length / 2)] ?? tsharkRuns[0]!;
  const tsharkWall = mb(bytes) / (tshark.wallMs / 1000);
  const tsharkCpu = tshark.cpuMs === null ? null : mb(bytes) / (tshark.cpuMs / 1000);
  console.log(
    `tshark median: ${fixed(tshark.wallMs / 1000, 1)} s wall (${fixed(tsharkWall, 1)} MB/s)${tsharkCpu === null ? '' : `, ${fixed((tshark.cpuMs ?? 0) / 1000, 1)} s CPU (${fixed(tsharkCpu, 1)} MB/s)`}${tshark.maxRssMb === null ? '' : `, peak RSS ${fixed(tshark.maxRssMb)} MB`}`,
  );
  console.log(`  tshark ${tsharkArguments(path).join(' ')}`);
  compare('tshark vs ground truth', tshark.facts, truth, ['tshark', 'truth']);
  const same = compare(
    'Wardline vs tshark (per address and role, and AE pairs)',
    wardline,
    tshark.facts,
    ['wardline', 'tshark'],
  );
  const sets = [valueSets(wardline), valueSets(tshark.facts)] as const;
  for (const name of Object.keys(sets[0])) {
    const a = sets[0][name] ?? [];
    const b = sets[1][name] ?? [];
    console.log(
      `  ${name}: ${a.length} values, ${JSON.stringify(a) === JSON.stringify(b) ? 'identical' : 'DIFFERENT'}`,
    );
  }
  for (const [input, m] of Object.entries(speed)) {
    console.log(
      `Speed ratio Wardline (${input}) / tshark: ${fixed(m.wall / tsharkWall, 1)}× wall${tsharkCpu === null ? '' : `, ${fixed(m.cpu / tsharkCpu, 1)}× CPU`}; values ${same ? 'identical' : 'differ'}`,
    );
  }
}

if (values.measure !== undefined)
  await measure(values.measure, values.input === 'file' ? 'file' : 'stream');
else await main();
