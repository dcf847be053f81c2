/**
 * A hospital-size CMMS export: 100,000 rows (WARDLINE_SCALE_ROWS to change) of 22 columns, streamed
 * in 64 KiB chunks. The rate is printed, not asserted: the budget only catches a hang or a
 * quadratic blow-up on a busy CI machine.
 */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { MAX_ROWS } from './limits.js';
import { parseInventory } from './parse.js';
import type { InventoryRecord } from './types.js';
import { inventoryCsvLines } from './write.js';

const COUNT = Number(process.env['WARDLINE_SCALE_ROWS'] ?? 100_000);
const BUDGET_MS = 120_000;
const CATEGORIES = ['infusion-pump', 'patient-monitor', 'imaging-modality', 'workstation'] as const;

function record(i: number): InventoryRecord {
  return {
    row: i + 1,
    line: i + 2,
    name: `Device ${i}`,
    hostname: `dev-${i}.hospital.example`,
    ips: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
    mac: `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
    serial: `SN-${String(i).padStart(8, '0')}`,
    assetTag: `A-${i}`,
    vendor: ['Baxter', 'GE Healthcare', 'Siemens Healthineers', 'Philips', 'Dräger'][i % 5] ?? null,
    model: `Model ${i % 300}`,
    os: i % 3 === 0 ? 'Windows 10 IoT' : null,
    firmware: `${i % 9}.${i % 7}.${i % 5}`,
    category: CATEGORIES[i % CATEGORIES.length] ?? null,
    patientSafety: (['high', 'medium', 'low', 'none'] as const)[i % 4] ?? null,
    holdsEphi: i % 2 === 0,
    location: `Building ${i % 12}, Floor ${i % 7}, Room ${i % 40}`,
    department: `Department ${i % 60}`,
    owner: 'Clinical Engineering',
    zone: `Zone ${i % 20}`,
    site: 'MAIN',
    aeTitles: i % 10 === 0 ? [`AE${i % 1000}`] : [],
    vlan: 100 + (i % 50),
    endOfSupport: `20${27 + (i % 5)}-12-31`,
    lastSeen: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

/** The export as 64 KiB chunks, produced as they are read. */
function* exportChunks(count: number): Generator<Buffer> {
  let pending = '';
  const records = (function* () {
    for (let i = 0; i < count; i += 1) yield record(i);
  })();
  for (const line of inventoryCsvLines(records)) {
    pending += `${line}\r\n`;
    if (pending.length >= 64 * 1024) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  yield Buffer.from(pending);
}

it(`parses a ${COUNT}-row CSV export and reports its rate`, async () => {
  const chunks = [...exportChunks(COUNT)];
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let records = 0;
  let last: InventoryRecord | null = null;
  const diagnostics: string[] = [];
  const input = Readable.from(chunks);
  for await (const item of parseInventory(input, { source: 'scale.csv' })) {
    if (item.kind === 'record') {
      records += 1;
      last = item.record;
    } else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic.code);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.info(
    `inventory CSV: ${COUNT} rows (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${ms.toFixed(0)} ms wall, ` +
      `${cpuMs.toFixed(0)} ms CPU: ${Math.round((COUNT / ms) * 1000)} rows/s wall, ` +
      `${Math.round((COUNT / cpuMs) * 1000)} rows/s of CPU`,
  );
  expect(records).toBe(COUNT);
  expect(diagnostics).toEqual([]);
  expect(last).toMatchObject({
    serial: `SN-${String(COUNT - 1).padStart(8, '0')}`,
    line: COUNT + 1,
  });
  expect(ms).toBeLessThan(BUDGET_MS);
}, 300_000);

it(`stops after MAX_ROWS (${MAX_ROWS}) rows, keeping them`, async () => {
  function* rows(): Generator<string> {
    yield 'Serial\n';
    for (let at = 0; at <= MAX_ROWS; at += 8192) {
      yield Array.from(
        { length: Math.min(8192, MAX_ROWS + 1 - at) },
        (_, i) => `S${at + i}\n`,
      ).join('');
    }
  }
  let records = 0;
  const codes: string[] = [];
  for await (const item of parseInventory(Readable.from(rows()), { source: 'many.csv' })) {
    if (item.kind === 'record') records += 1;
    else if (item.kind === 'diagnostic') codes.push(item.diagnostic.code);
  }
  expect(records).toBe(MAX_ROWS);
  expect(codes).toEqual(['WL_INVENTORY_LIMIT_EXCEEDED']);
}, 300_000);
