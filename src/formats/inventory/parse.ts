/**
 * Streaming parser for CMMS and CMDB device exports (CSV, JSON arrays, NDJSON): rows come out as
 * they are read, so memory stays bounded by one record whatever the file size.
 *
 * @example
 * ```ts
 * const mapping = parseInventoryMapping(await readFile('nuvolo.yaml', 'utf8'), 'nuvolo.yaml');
 * for await (const item of parseInventory(createReadStream('export.csv'), { source: 'export.csv', mapping })) {
 *   if (item.kind === 'record') console.log(item.record.serial, item.record.ips, item.record.category);
 * }
 * // export.csv:  Serial Number,IP Address,Device Type
 * //              SN-1,"10.0.0.5, 10.0.1.5",IV Pump
 * // → SN-1 [ '10.0.0.5', '10.0.1.5' ] infusion-pump
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { InventorySession } from './session.js';
import type {
  InventoryDiagnostic,
  InventoryHeader,
  InventoryMapping,
  InventoryParseItem,
  InventoryRecord,
  InventoryReport,
  InventorySummary,
} from './types.js';

/** A Node `Readable` (file, upload) or any async source of bytes or text. */
export type InventoryInput = AsyncIterable<Uint8Array | string>;

/** What `parseInventory` is told besides the input. */
export interface ParseInventoryOptions {
  /** Names the input in diagnostics: a file name or an upload id. */
  readonly source: string;
  /** Checked with `validateInventoryMapping`; when absent, `guessMapping` proposes one from the header. */
  readonly mapping?: InventoryMapping;
}

/**
 * Reads an export and yields its header (layout and the mapping in force), then each record and
 * each diagnostic as they occur, and last a summary. Throws only
 * `WardlineError('WL_INVENTORY_UNREADABLE')`: empty or binary input, no header, JSON that is
 * neither an array nor a `result`/`records` wrapper, or a stream that fails.
 */
export async function* parseInventory(
  input: InventoryInput,
  options: ParseInventoryOptions,
): AsyncGenerator<InventoryParseItem, void, undefined> {
  const session = new InventorySession(options.source, options.mapping);
  try {
    for await (const chunk of input) {
      session.write(chunk);
      while (session.step()) yield* session.drain();
      yield* session.drain();
      if (session.stopped) break;
    }
    session.end();
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_INVENTORY_UNREADABLE', 'The inventory export could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  yield* session.drain();
}

/** Reads a whole export into memory: for tests and small files; services should stream. */
export async function collectInventory(
  input: InventoryInput,
  options: ParseInventoryOptions,
): Promise<InventoryReport> {
  let header: InventoryHeader | null = null;
  let summary: InventorySummary | null = null;
  const records: InventoryRecord[] = [];
  const diagnostics: InventoryDiagnostic[] = [];
  for await (const item of parseInventory(input, options)) {
    if (item.kind === 'record') records.push(item.record);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else if (item.kind === 'header') header = item.header;
    else summary = item.summary;
  }
  if (summary === null) {
    throw new WardlineError('WL_INTERNAL', 'The inventory parser ended without a summary.');
  }
  return { header, records, diagnostics, summary };
}

/**
 * Reads only as far as the header: the layout, the columns and (without a mapping) the guessed
 * one, for the CLI and UI to show for confirmation. Stops reading there.
 */
export async function readInventoryHeader(
  input: InventoryInput,
  options: ParseInventoryOptions,
): Promise<InventoryHeader | null> {
  for await (const item of parseInventory(input, options)) {
    if (item.kind === 'header') return item.header;
  }
  return null;
}
