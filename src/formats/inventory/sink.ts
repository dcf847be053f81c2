/** The contract between the format readers (CSV, JSON, NDJSON) and the session that maps rows. */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import type { InventoryDelimiter, InventoryDiagnosticCode, InventoryFormat } from './types.js';

/** Where a row or problem is: 1-based line, characters into the decoded input. */
export interface InputPosition {
  readonly line: number;
  readonly offset: number;
}

/**
 * A row's cell by column name: a CSV header cell as written (its first occurrence), or a JSON key
 * (matched exactly, else ignoring case); `undefined` when the row has no such column.
 */
export type RowCells = (column: string) => string | undefined;

/** What a format reader reports to: the header, rows, skipped rows, diagnostics, a stop. */
export interface RowSink {
  /** True once a cap stopped the parse; readers then read nothing more. */
  readonly stopped: boolean;
  /** The columns, once, before the first row. */
  header(
    format: InventoryFormat,
    delimiter: InventoryDelimiter | null,
    columns: readonly string[],
    at: InputPosition,
  ): void;
  /** One data row. */
  row(cells: RowCells, at: InputPosition): void;
  /** A data row that could not be read at all: counted, reported, skipped. */
  skipRow(message: string, at: InputPosition): void;
  diagnose(
    code: InventoryDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    at: InputPosition,
  ): void;
  /** A cap was reached: report it and read nothing more. */
  stop(reason: string, at: InputPosition): void;
}
