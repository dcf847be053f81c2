/**
 * CSV exports: an optional Excel `sep=;` line, a header, then one record per row. The framer
 * (`csv-frame.ts`) finds record boundaries; csv-parse splits the fields, a batch of records at a
 * time, and a batch with a bad record is parsed again record by record so only that one is lost.
 */
import { parse, type Options } from 'csv-parse/sync';
import { WardlineError } from '../../domain/errors.js';
import { CsvFramer, recordText, type FramedItem } from './csv-frame.js';
import { LineSplitter, type PhysicalLine } from './lines.js';
import { CSV_BATCH_RECORDS, MAX_COLUMNS, MAX_RECORD_CHARS } from './limits.js';
import type { RowSink } from './sink.js';
import { INVENTORY_DELIMITERS, type InventoryDelimiter } from './types.js';

const SEP_LINE = /^sep=(.)$/i;

/** The delimiter that occurs most often outside quotes in the header line; comma on a tie. */
function sniffDelimiter(headerLine: string): InventoryDelimiter {
  let best: InventoryDelimiter = ',';
  let bestCount = 0;
  for (const candidate of INVENTORY_DELIMITERS) {
    let count = 0;
    let inside = false;
    for (const c of headerLine) {
      if (c === '"') inside = !inside;
      else if (c === candidate && !inside) count += 1;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

type Framed = Extract<FramedItem, { kind: 'record' }>;

/** Reads a CSV export: `sep=` line, header, then rows handed to the sink. */
export class CsvReader {
  private readonly lines = new LineSplitter();
  private delimiter: InventoryDelimiter | undefined;
  private framer: CsvFramer | null = null;
  private options: Options = {};
  private columns: string[] | null = null;
  private sawSepLine = false;
  /** Header cell → its first column index. */
  private readonly index = new Map<string, number>();
  private batch: Framed[] = [];
  private readonly framed: FramedItem[] = [];

  constructor(
    private readonly sink: RowSink,
    private readonly source: string,
    declared: InventoryDelimiter | undefined,
  ) {
    this.delimiter = declared;
  }

  push(text: string): void {
    for (const line of this.lines.push(text)) this.line(line);
    this.flush();
  }

  end(): void {
    for (const line of this.lines.end()) this.line(line);
    this.framer?.end(this.framed);
    this.flush();
    if (this.columns === null && !this.sink.stopped) {
      throw new WardlineError('WL_INVENTORY_UNREADABLE', 'The CSV export has no header line.', {
        details: { source: this.source },
      });
    }
  }

  private line(line: PhysicalLine): void {
    if (this.sink.stopped) return;
    if (this.framer !== null) {
      this.framer.push(line, this.framed);
      return;
    }
    if (line.text.trim() === '' && !line.tooLong) return;
    const sep = SEP_LINE.exec(line.text.trim());
    if (sep !== null && !this.sawSepLine) {
      // Excel's hint line; the mapping's delimiter, when given, still wins.
      this.sawSepLine = true;
      this.delimiter ??= INVENTORY_DELIMITERS.find((d) => d === sep[1]);
      return;
    }
    this.delimiter ??= sniffDelimiter(line.text);
    this.framer = new CsvFramer(this.delimiter.charCodeAt(0));
    this.options = {
      delimiter: this.delimiter,
      quote: '"',
      escape: '"',
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: '\n',
      bom: false,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
    };
    this.framer.push(line, this.framed);
  }

  private flush(): void {
    for (const item of this.framed) {
      if (this.sink.stopped) break;
      if (item.kind === 'broken' && this.columns === null) {
        throw new WardlineError(
          'WL_INVENTORY_UNREADABLE',
          `The CSV header line is malformed: ${item.reason}.`,
          { details: { source: this.source, line: item.line.line } },
        );
      } else if (item.kind === 'broken') {
        this.flushBatch();
        this.sink.skipRow(`Malformed CSV: ${item.reason}; the line is skipped`, item.line);
      } else if (this.columns === null) {
        this.header(item);
      } else if (!item.lines.every((l) => l.text.trim() === '')) {
        this.batch.push(item);
        if (this.batch.length >= CSV_BATCH_RECORDS) this.flushBatch();
      }
    }
    this.framed.length = 0;
    this.flushBatch();
  }

  private header(item: Framed): void {
    const first = item.lines[0] as PhysicalLine;
    const cells = this.fields(recordText(item.lines));
    if (cells === null) {
      throw new WardlineError('WL_INVENTORY_UNREADABLE', 'The CSV header line is malformed.', {
        details: { source: this.source, line: first.line },
      });
    }
    if (cells.length > MAX_COLUMNS) {
      this.sink.stop(`the header has ${cells.length} columns, more than ${MAX_COLUMNS}`, first);
      return;
    }
    this.columns = cells.map((c) => c.trim());
    this.columns.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
    this.sink.header('csv', this.delimiter ?? ',', this.columns, first);
  }

  /** The fields of one record, or null when csv-parse does not read it as exactly one record. */
  private fields(text: string): string[] | null {
    try {
      const rows = parse(text, this.options);
      return rows.length === 1 ? (rows[0] ?? null) : null;
    } catch {
      return null;
    }
  }

  private flushBatch(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    let rows: string[][] | null = null;
    try {
      rows = parse(batch.map((r) => recordText(r.lines)).join('\n'), this.options);
    } catch {
      rows = null;
    }
    if (rows?.length === batch.length) {
      rows.forEach((cells, i) => {
        this.accept(cells, batch[i] as Framed);
      });
      return;
    }
    for (const record of batch) this.one(record);
  }

  /** A record parsed alone. */
  private one(record: Framed): void {
    if (this.sink.stopped) return;
    const cells = this.fields(recordText(record.lines));
    if (cells === null) this.reject(record, 'the record does not parse');
    else this.accept(cells, record);
  }

  /** A row of the header's width becomes a row; anything else is rejected. */
  private accept(cells: string[], record: Framed): void {
    const width = this.columns?.length ?? 0;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length > width && cells.slice(width).every((c) => c.trim() === '')) {
      cells.length = width;
    }
    if (cells.length !== width) {
      this.reject(record, `the row has ${cells.length} fields, the header ${width}`);
      return;
    }
    this.sink.row((name) => {
      const i = this.index.get(name);
      return i === undefined ? undefined : cells[i];
    }, record.lines[0] as PhysicalLine);
  }

  /**
   * Skips a record's first line. When the record spans several lines, the quote that joined them
   * may have been a stray one on the first line: the lines after it are framed and read again.
   */
  private reject(record: Framed, reason: string): void {
    const [first, ...rest] = record.lines;
    if (first === undefined) return;
    const what =
      rest.length === 0
        ? 'the row is skipped'
        : 'its first line is skipped and the next lines are read again';
    this.sink.skipRow(`Malformed CSV: ${reason}; ${what}`, first);
    if (rest.length === 0) return;
    const again: FramedItem[] = [];
    const framer = new CsvFramer((this.delimiter ?? ',').charCodeAt(0));
    for (const line of rest) framer.push(line, again);
    framer.end(again);
    for (const item of again) {
      if (item.kind === 'record') this.one(item);
      else this.sink.skipRow(`Malformed CSV: ${item.reason}; the line is skipped`, item.line);
    }
  }
}
