/**
 * The state of one parse: decodes bytes, tells CSV from JSON from NDJSON, feeds the format reader,
 * maps its rows to records, counts, caps diagnostics and queues what `parseInventory` yields. One
 * file's worth of state; nothing global.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { CsvReader } from './csv.js';
import { InventoryDecoder } from './decode.js';
import { guessMapping } from './guess.js';
import { JsonArrayReader, NdjsonReader } from './json.js';
import { FEED_SLICE_CHARS, MAX_DIAGNOSTICS, MAX_LINE_CHARS, MAX_ROWS } from './limits.js';
import { RowMapper } from './row.js';
import type { InputPosition, RowCells, RowSink } from './sink.js';
import type {
  InventoryDelimiter,
  InventoryDiagnosticCode,
  InventoryFormat,
  InventoryMapping,
  InventoryParseItem,
} from './types.js';

interface FormatReader {
  push(text: string): void;
  end(): void;
}

/** Codes that always get through the diagnostic cap: they say the file as a whole was cut. */
const ALWAYS_REPORTED: ReadonlySet<InventoryDiagnosticCode> = new Set([
  'WL_INVENTORY_LIMIT_EXCEEDED',
  'WL_INVENTORY_TRUNCATED',
  'WL_INVENTORY_ENCODING_FALLBACK',
  'WL_INVENTORY_ENCODING_INVALID',
]);

/** NDJSON when the first line is a whole object that is not a `result`/`records` wrapper. */
function firstLineIsRecord(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const wrapper = value as Record<string, unknown>;
    return !Array.isArray(wrapper['result']) && !Array.isArray(wrapper['records']);
  } catch {
    return false;
  }
}

/** One parse: the sink the format readers write to, and the queue `parseInventory` drains. */
export class InventorySession implements RowSink {
  stopped = false;
  private queue: InventoryParseItem[] = [];
  private readonly decoder: InventoryDecoder;
  private reader: FormatReader | null = null;
  /** Decoded text not yet fed to the reader. */
  private input = '';
  private decodedChars = 0;
  private mapper: RowMapper | null = null;
  private rows = 0;
  private records = 0;
  private skipped = 0;
  private diagnostics = 0;

  constructor(
    private readonly source: string,
    private readonly mapping: InventoryMapping | undefined,
  ) {
    this.decoder = new InventoryDecoder(mapping?.encoding, source, (code, message) => {
      this.push(code, 'warning', message, undefined, this.decodedChars);
    });
  }

  /** Takes the next chunk; `step` then feeds it to the reader slice by slice. */
  write(chunk: Uint8Array | string): void {
    if (this.stopped) return;
    const text = this.decoder.decode(chunk);
    this.decodedChars += text.length;
    this.input += text;
  }

  /**
   * Feeds one slice (about `FEED_SLICE_CHARS`) of the pending text to the reader, so the caller can
   * yield what it produced before the next; false when nothing more can be fed yet.
   */
  step(): boolean {
    if (this.stopped || this.input === '') return false;
    if (this.reader === null && !this.detect(false)) return false;
    let end = Math.min(FEED_SLICE_CHARS, this.input.length);
    const last = this.input.charCodeAt(end - 1);
    if (end < this.input.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    const slice = this.input.slice(0, end);
    this.input = this.input.slice(end);
    this.reader?.push(slice);
    return this.input !== '' && !this.stopped;
  }

  /** Ends the input: feeds what is left, ends the reader and queues the summary. */
  end(): void {
    if (!this.stopped) {
      const rest = this.decoder.end();
      this.decodedChars += rest.length;
      this.input += rest;
      if (this.reader === null) this.detect(true);
      while (this.step()) continue;
      this.reader?.end();
    }
    const summary = {
      rows: this.rows,
      records: this.records,
      skipped: this.skipped,
      encoding: this.decoder.encoding ?? 'utf-8',
    };
    this.queue.push({ kind: 'summary', summary });
  }

  /** The items queued so far; taken whole, since shifting a long array one by one is quadratic. */
  *drain(): Generator<InventoryParseItem> {
    while (this.queue.length > 0) {
      const items = this.queue;
      this.queue = [];
      yield* items;
    }
  }

  /** Chooses the reader from the mapping's `format` or the first characters; false until it can. */
  private detect(atEnd: boolean): boolean {
    const start = this.input.search(/\S/);
    if (start < 0 && !atEnd && this.input.length <= MAX_LINE_CHARS) return false;
    if (start < 0 && this.mapping?.format === undefined) {
      const what = atEnd ? 'is empty' : `starts with more than ${MAX_LINE_CHARS} blank characters`;
      throw new WardlineError('WL_INVENTORY_UNREADABLE', `The inventory export ${what}.`, {
        details: { source: this.source },
      });
    }
    const first = this.input[start];
    const format = this.mapping?.format ?? this.guessFormat(first, start, atEnd);
    if (format === null) return false;
    this.reader = this.readerFor(format, first);
    return true;
  }

  private guessFormat(
    first: string | undefined,
    start: number,
    atEnd: boolean,
  ): InventoryFormat | null {
    if (first === '[') return 'json';
    if (first !== '{') return 'csv';
    const newline = this.input.indexOf('\n', start);
    if (newline < 0 && !atEnd && this.input.length - start <= MAX_LINE_CHARS) return null;
    const line = this.input.slice(start, newline < 0 ? undefined : newline);
    return firstLineIsRecord(line) ? 'ndjson' : 'json';
  }

  private readerFor(format: InventoryFormat, first: string | undefined): FormatReader {
    switch (format) {
      case 'csv':
        return new CsvReader(this, this.source, this.mapping?.delimiter);
      case 'ndjson':
        return new NdjsonReader(this);
      case 'json':
        if (first !== '[' && first !== '{') {
          throw new WardlineError(
            'WL_INVENTORY_UNREADABLE',
            'The JSON export starts with neither [ nor {.',
            { details: { source: this.source } },
          );
        }
        return new JsonArrayReader(this, this.source, first);
    }
  }

  header(
    format: InventoryFormat,
    delimiter: InventoryDelimiter | null,
    columns: readonly string[],
    at: InputPosition,
  ): void {
    const guessed = this.mapping === undefined ? guessMapping(columns) : null;
    const mapping = this.mapping ?? guessed?.mapping ?? { fields: {} };
    const mapped = new Set(Object.values(mapping.fields).map((c) => c.trim().toLowerCase()));
    const unplaced = columns.filter((c) => !mapped.has(c.trim().toLowerCase()));
    this.queue.push({
      kind: 'header',
      header: {
        format,
        delimiter,
        columns: [...columns],
        mapping,
        guessed: guessed !== null,
        unplaced,
      },
    });
    this.mapper = new RowMapper(mapping, columns, format, this.diagnose.bind(this), at);
  }

  row(cells: RowCells, at: InputPosition): void {
    if (!this.count(at) || this.mapper === null) return;
    const record = this.mapper.read(cells, this.rows, at);
    if (record === null) {
      this.skipped += 1;
      return;
    }
    this.records += 1;
    this.queue.push({ kind: 'record', record });
  }

  skipRow(message: string, at: InputPosition): void {
    if (!this.count(at)) return;
    this.skipped += 1;
    this.diagnose('WL_INVENTORY_ROW_MALFORMED', 'error', message, at);
  }

  diagnose(
    code: InventoryDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    at: InputPosition,
  ): void {
    this.push(code, severity, message, at.line, at.offset);
  }

  stop(reason: string, at: InputPosition): void {
    if (this.stopped) return;
    this.diagnose(
      'WL_INVENTORY_LIMIT_EXCEEDED',
      'error',
      `Parsing stopped at line ${at.line}: ${reason}. Rows before this point are kept.`,
      at,
    );
    this.stopped = true;
  }

  /** Counts a data row; false (and the parse stops) once there are too many. */
  private count(at: InputPosition): boolean {
    if (this.stopped) return false;
    if (this.rows >= MAX_ROWS) {
      this.stop(`the file has more than ${MAX_ROWS} rows`, at);
      return false;
    }
    this.rows += 1;
    return true;
  }

  private push(
    code: InventoryDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    line: number | undefined,
    offset: number,
  ): void {
    const always = ALWAYS_REPORTED.has(code);
    if (!always) this.diagnostics += 1;
    if (this.diagnostics > MAX_DIAGNOSTICS + 1) return;
    const suppressed = !always && this.diagnostics > MAX_DIAGNOSTICS;
    const diagnostic = {
      source: this.source,
      offset,
      ...(line === undefined ? {} : { line }),
      code,
      severity: suppressed ? 'info' : severity,
      message: suppressed
        ? `More than ${MAX_DIAGNOSTICS} diagnostics; the rest are not reported.`
        : message,
    } as const;
    this.queue.push({ kind: 'diagnostic', diagnostic });
  }
}
