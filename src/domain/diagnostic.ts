/**
 * What a parser reports about its input besides the records it returns: a record skipped, cut
 * short or repaired, a limit reached. Parsers throw only for wholly unreadable input; everything
 * else is a diagnostic, so one bad record never costs the good ones.
 */

export const DIAGNOSTIC_SEVERITIES = ['error', 'warning', 'info'] as const;
export type DiagnosticSeverity = (typeof DIAGNOSTIC_SEVERITIES)[number];

export interface Diagnostic<Code extends string = string> {
  /** The name the caller gave the input (a file name, an upload id). */
  readonly source: string;
  /** Zero-based offset in the input: bytes for binary formats, characters for text formats. */
  readonly offset: number;
  /** One-based line, for text formats. */
  readonly line?: number;
  /** A stable `WL_<AREA>_<CONDITION>` code. */
  readonly code: Code;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
}
