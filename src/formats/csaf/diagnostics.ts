/**
 * Every diagnostic code the CSAF readers emit (`README.md` describes each), and the capped log
 * they report into, which turns an offset into a line when it has the text.
 */
import type { Diagnostic, DiagnosticSeverity } from '../../domain/diagnostic.js';
import { MAX_DIAGNOSTICS } from './limits.js';

/** Codes of the CSAF readers. */
export const CSAF_DIAGNOSTIC_CODES = [
  'WL_CSAF_JSON_MALFORMED',
  'WL_CSAF_NOT_CSAF',
  'WL_CSAF_VERSION',
  'WL_CSAF_FIELD_MISSING',
  'WL_CSAF_VALUE_INVALID',
  'WL_CSAF_POISONED_KEY',
  'WL_CSAF_PRODUCT_UNKNOWN',
  'WL_CSAF_PRODUCT_DUPLICATE',
  'WL_CSAF_CVSS_INVALID',
  'WL_CSAF_CVSS_MISMATCH',
  'WL_CSAF_PURL_INVALID',
  'WL_CSAF_LIMIT_EXCEEDED',
] as const;
/** One CSAF diagnostic code. */
export type CsafDiagnosticCode = (typeof CSAF_DIAGNOSTIC_CODES)[number];

/** Codes that always get through the cap: the end of a parse must never go unreported. */
const ALWAYS: ReadonlySet<CsafDiagnosticCode> = new Set([
  'WL_CSAF_LIMIT_EXCEEDED',
  'WL_CSAF_JSON_MALFORMED',
  'WL_CSAF_NOT_CSAF',
]);

/** Collects one parse's diagnostics; after `MAX_DIAGNOSTICS` one more says the rest were dropped. */
export class CsafLog {
  readonly diagnostics: Diagnostic<CsafDiagnosticCode>[] = [];
  private count = 0;
  private lineStarts: number[] | null = null;
  private text = '';

  constructor(private readonly source: string) {}

  /** The document text, so offsets can be given a line and values located. */
  setText(text: string): void {
    this.text = text;
    this.lineStarts = null;
  }

  report(
    code: CsafDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    offset = 0,
  ): void {
    const always = ALWAYS.has(code);
    if (!always) this.count += 1;
    if (!always && this.count > MAX_DIAGNOSTICS + 1) return;
    const text =
      !always && this.count > MAX_DIAGNOSTICS
        ? `More than ${MAX_DIAGNOSTICS} diagnostics; the rest are not reported.`
        : message;
    const line = this.text === '' ? undefined : this.lineOf(offset);
    this.diagnostics.push({
      source: this.source,
      offset,
      ...(line === undefined ? {} : { line }),
      code,
      severity,
      message: text,
    });
  }

  /**
   * Best-effort offset of a value in the text: the first occurrence of `needle` (a JSON-encoded
   * string) at or after `from`; `from` when it is not found.
   */
  locate(needle: string, from = 0): number {
    if (this.text === '') return from;
    const at = this.text.indexOf(needle, from);
    return at < 0 ? from : at;
  }

  /** One-based line of a character offset. */
  lineOf(offset: number): number {
    this.lineStarts ??= lineStartsOf(this.text);
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
