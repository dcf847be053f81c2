/** Input helpers shared by the inventory tests. */
import { Readable } from 'node:stream';
import { collectInventory, type InventoryInput } from './parse.js';
import type { InventoryMapping, InventoryRecord, InventoryReport } from './types.js';

/** Bytes in pieces of `size`, so characters, quotes and lines straddle chunk edges. */
export function inPieces(input: string | Uint8Array, size = 17): InventoryInput {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** Parses the text (UTF-8) or bytes in small pieces. */
export async function read(
  input: string | Uint8Array,
  mapping?: InventoryMapping,
  size = 17,
): Promise<InventoryReport> {
  return collectInventory(inPieces(input, size), {
    source: 'test.csv',
    ...(mapping === undefined ? {} : { mapping }),
  });
}

/** What the parser throws, or 'parsed'. */
export async function failure(
  input: string | Uint8Array,
  mapping?: InventoryMapping,
): Promise<unknown> {
  return read(input, mapping).then(
    () => 'parsed',
    (error: unknown) => error,
  );
}

/** A record with every field empty, for building expectations. */
export function blankRecord(row: number, line: number): InventoryRecord {
  return {
    row,
    line,
    name: null,
    hostname: null,
    ips: [],
    mac: null,
    serial: null,
    assetTag: null,
    vendor: null,
    model: null,
    os: null,
    firmware: null,
    category: null,
    patientSafety: null,
    holdsEphi: null,
    location: null,
    department: null,
    owner: null,
    zone: null,
    site: null,
    aeTitles: [],
    vlan: null,
    endOfSupport: null,
    lastSeen: null,
  };
}

/** Diagnostic codes of a report, in order. */
export function codes(report: InventoryReport): string[] {
  return report.diagnostics.map((d) => d.code);
}
