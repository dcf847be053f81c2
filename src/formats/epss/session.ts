/**
 * The EPSS CSV read line by line: the `#model_version:…,score_date:…` comment, the
 * `cve,epss,percentile` header (columns found by name), then one score per row.
 */
import type { EpssScore } from '../../domain/vulnerability.js';
import type { FeedLog } from '../cve/feed-log.js';
import type { EpssDiagnosticCode } from './diagnostics.js';
import type { TextLine } from './lines.js';
import { MAX_EPSS_META_CHARS, MAX_EPSS_ROWS } from './limits.js';

const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;
/** A plain decimal or exponent number, as EPSS writes them (`0.00043`, `1e-05`). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;
const COLUMNS = ['cve', 'epss', 'percentile'] as const;
type Column = (typeof COLUMNS)[number];

/** What the first meaningful line said: the header, a row without a header, or neither. */
export type EpssStart = 'header' | 'row' | 'unknown';

export class EpssSession {
  readonly scores: EpssScore[] = [];
  modelVersion: string | null = null;
  scoreDate: string | null = null;
  start: EpssStart | null = null;
  stopped = false;
  private columns: Readonly<Record<Column, number>> = { cve: 0, epss: 1, percentile: 2 };
  private width = 3;
  private readonly seen = new Set<string>();
  private rows = 0;

  constructor(private readonly log: FeedLog<EpssDiagnosticCode>) {}

  line(line: TextLine): void {
    if (this.stopped) return;
    if (line.text === null) {
      this.report(
        'WL_EPSS_LINE_TOO_LONG',
        'warning',
        line,
        'The line is too long for an EPSS row; it is skipped.',
      );
      return;
    }
    const text = line.text.trim();
    if (text === '') return;
    if (text.startsWith('#')) {
      if (this.start === null) this.comment(text.slice(1), line);
      return;
    }
    if (this.start === null) {
      this.first(text, line);
      return;
    }
    this.row(text, line);
  }

  /** `model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000`. */
  private comment(text: string, line: TextLine): void {
    for (const part of text.split(',')) {
      const colon = part.indexOf(':');
      if (colon === -1) continue;
      const key = part.slice(0, colon).trim();
      const value = part
        .slice(colon + 1)
        .trim()
        .slice(0, MAX_EPSS_META_CHARS);
      if (key === 'model_version') this.modelVersion = value;
      else if (key === 'score_date') this.scoreDate = this.date(value, line);
    }
  }

  private date(value: string, line: TextLine): string | null {
    // EPSS writes `+0000`; Date needs `+00:00`.
    const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const parsed = /^\d{4}-\d{2}-\d{2}/.test(iso) ? new Date(iso) : new Date(NaN);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString();
    this.report(
      'WL_EPSS_META_INVALID',
      'warning',
      line,
      '`score_date` is not a date; it is ignored.',
    );
    return null;
  }

  private first(text: string, line: TextLine): void {
    const names = text.split(',').map((name) => name.trim().toLowerCase());
    const found = COLUMNS.map((column) => names.indexOf(column));
    if (found.every((index) => index >= 0)) {
      this.start = 'header';
      this.columns = { cve: found[0] ?? 0, epss: found[1] ?? 1, percentile: found[2] ?? 2 };
      this.width = names.length;
      return;
    }
    const looksLikeRow = CVE_ID.test(names[0]?.toUpperCase() ?? '');
    this.start = looksLikeRow ? 'row' : 'unknown';
    this.report(
      'WL_EPSS_HEADER_INVALID',
      'error',
      line,
      'The header is not `cve,epss,percentile`; columns are read in that order.',
    );
    if (looksLikeRow) this.row(text, line);
  }

  private row(text: string, line: TextLine): void {
    const fields = text.split(',');
    const cveId = fields[this.columns.cve]?.trim() ?? '';
    if (fields.length !== this.width || !CVE_ID.test(cveId)) {
      this.report(
        'WL_EPSS_ROW_INVALID',
        'error',
        line,
        `The row is not \`CVE-id,epss,percentile\` (${fields.length} fields); it is skipped.`,
      );
      return;
    }
    const epss = this.number(fields[this.columns.epss], 'epss', cveId, line);
    const percentile = this.number(fields[this.columns.percentile], 'percentile', cveId, line);
    if (epss === null || percentile === null) return;
    if (this.seen.has(cveId)) {
      this.report(
        'WL_EPSS_DUPLICATE',
        'warning',
        line,
        `${cveId} is scored again; the first row is kept.`,
      );
      return;
    }
    this.rows += 1;
    if (this.rows > MAX_EPSS_ROWS) {
      this.report(
        'WL_EPSS_LIMIT_EXCEEDED',
        'error',
        line,
        `More than ${MAX_EPSS_ROWS} rows; the rest are not read.`,
      );
      this.stopped = true;
      return;
    }
    this.seen.add(cveId);
    this.scores.push({ cveId, epss, percentile });
  }

  private number(
    field: string | undefined,
    name: string,
    cveId: string,
    line: TextLine,
  ): number | null {
    const text = field?.trim() ?? '';
    const value = NUMBER.test(text) ? Number(text) : NaN;
    if (Number.isNaN(value)) {
      this.report(
        'WL_EPSS_ROW_INVALID',
        'error',
        line,
        `${cveId}: \`${name}\` is not a number; the row is skipped.`,
      );
      return null;
    }
    if (value < 0 || value > 1) {
      this.report(
        'WL_EPSS_VALUE_OUT_OF_RANGE',
        'error',
        line,
        `${cveId}: \`${name}\` ${text} is outside 0..1; the row is skipped.`,
      );
      return null;
    }
    // `-0` reads as 0: a score has no sign.
    return value === 0 ? 0 : value;
  }

  private report(
    code: EpssDiagnosticCode,
    severity: 'error' | 'warning',
    line: TextLine,
    message: string,
  ): void {
    this.log.report(code, severity, message, line.offset, line.line);
  }
}
