/**
 * Import benchmark: a 10,000-host Nmap XML scan and a 5,000-component CycloneDX SBOM imported into
 * a fresh SQLite store through the import service (hash, parse, merge through the inventory engine,
 * one audited transaction), as `wardline ingest` runs them. For a baseline in the same run it also
 * times the parse alone, so the cost of merging and writing reads off the difference.
 *
 *   npm run bench:import -- [--hosts 10000] [--components 5000]
 *
 * Goals (the Inventory issue): the scan in ≤ 5 s, the SBOM in ≤ 1 s.
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { withRuntime } from '../src/cli/runtime.js';
import { parseNmapXml } from '../src/formats/nmap/index.js';
import { parseSbom } from '../src/formats/sbom/index.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { nmapReport, type TestScanHost } from '../test/support/nmap-files.js';

const { values } = parseArgs({
  options: {
    hosts: { type: 'string', default: '10000' },
    components: { type: 'string', default: '5000' },
  },
});
const hostCount = Number(values.hosts);
const componentCount = Number(values.components);
const dir = mkdtempSync(join(tmpdir(), 'wardline-bench-import-'));

function scanHosts(): TestScanHost[] {
  return Array.from({ length: hostCount }, (_, i) => ({
    ip: `10.${String(64 + (i >> 16))}.${String((i >> 8) & 255)}.${String(i & 255)}`,
    mac: `00:1b:44:${[(i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, '0')).join(':')}`,
    hostname: `host-${String(i)}.larkspur.example`,
    os: i % 3 === 0 ? 'Microsoft Windows 10 22H2' : undefined,
    ports: [
      { port: 443, name: 'https', product: 'nginx', version: '1.24.0' },
      { port: 22, name: 'ssh', product: 'OpenSSH', version: '9.2p1' },
      ...(i % 10 === 0
        ? [{ port: 104, name: 'dicom', product: 'Orthanc', version: '1.12.1' }]
        : []),
    ],
  }));
}

function sbom(): string {
  const components = Array.from({ length: componentCount }, (_, i) => ({
    type: 'library',
    'bom-ref': `c${String(i)}`,
    name: `component-${String(i)}`,
    version: `1.${String(i % 50)}.${String(i % 7)}`,
    purl: `pkg:npm/component-${String(i)}@1.${String(i % 50)}.${String(i % 7)}`,
    hashes: [{ alg: 'SHA-256', content: 'ab'.repeat(32) }],
    licenses: [{ license: { id: 'MIT' } }],
  }));
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: { component: { type: 'device', name: 'Bench Pump', version: '1.0' } },
    components,
  });
}

async function time<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

async function drain(items: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  const iterator = items[Symbol.asyncIterator]();
  while (!(await iterator.next()).done) n += 1;
  return n;
}

const scanPath = join(dir, 'scan.xml');
const sbomPath = join(dir, 'bom.cdx.json');
writeFileSync(scanPath, nmapReport('2026-11-19T02:00:00.000Z', scanHosts()));
writeFileSync(sbomPath, sbom());

const parseScan = await time(() =>
  drain(parseNmapXml(createReadStream(scanPath), { source: 'scan.xml' })),
);
const parseBom = await time(() =>
  drain(parseSbom(createReadStream(sbomPath), { source: 'bom.cdx.json' })),
);

const config = loadConfig({ env: {}, overrides: { dataDir: join(dir, 'data') } });
process.env['WARDLINE_MASTER_KEY'] ??= Buffer.alloc(32, 7).toString('base64');
const [scan, bom] = await withRuntime(config, async ({ services }) => {
  const imported = await time(() =>
    services.imports.run(SYSTEM_ACTOR, { kind: 'nmap', path: scanPath, fileName: 'scan.xml' }),
  );
  const attached = await time(() =>
    services.imports.run(SYSTEM_ACTOR, {
      kind: 'sbom',
      path: sbomPath,
      fileName: 'bom.cdx.json',
      options: { vendor: 'Bench', model: 'Pump' },
    }),
  );
  return [imported, attached] as const;
});

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Machine: ${String(cpus().length)} × ${cpu}, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  `Nmap ${String(hostCount)} hosts: import ${(scan.ms / 1000).toFixed(2)} s (goal ≤ 5 s; ${String(scan.result.summary.counts.created)} assets created), parse alone ${(parseScan.ms / 1000).toFixed(2)} s`,
);
console.log(
  `SBOM ${String(componentCount)} components: import ${(bom.ms / 1000).toFixed(2)} s (goal ≤ 1 s; ${String(bom.result.summary.counts.components)} stored), parse alone ${(parseBom.ms / 1000).toFixed(2)} s`,
);
rmSync(dir, { recursive: true, force: true });
