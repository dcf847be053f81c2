/**
 * The capped diagnostic list every feed parser reports into (CVE, NVD, KEV, EPSS). After
 * `maxDiagnostics` one more diagnostic says the rest were dropped; codes in `always` (the end of
 * the parse, a limit reached) always get through.
 */
import type { Diagnostic, DiagnosticSeverity } from '../../domain/diagnostic.js';

/** Diagnostics kept per parse before the rest are suppressed. */
export const MAX_FEED_DIAGNOSTICS = 1000;

/** One parse's diagnostics, in the order they were found. */
export class FeedLog<Code extends string> {
  readonly diagnostics: Diagnostic<Code>[] = [];
  private counted = 0;

  constructor(
    readonly source: string,
    private readonly always: ReadonlySet<Code>,
    private readonly maxDiagnostics = MAX_FEED_DIAGNOSTICS,
  ) {}

  report(
    code: Code,
    severity: DiagnosticSeverity,
    message: string,
    offset: number,
    line?: number,
  ): void {
    const always = this.always.has(code);
    if (!always) {
      this.counted += 1;
      if (this.counted > this.maxDiagnostics + 1) return;
    }
    const text =
      !always && this.counted > this.maxDiagnostics
        ? `More than ${this.maxDiagnostics} diagnostics; the rest are not reported.`
        : message;
    const diagnostic: Diagnostic<Code> =
      line === undefined
        ? { source: this.source, offset, code, severity, message: text }
        : { source: this.source, offset, line, code, severity, message: text };
    this.diagnostics.push(diagnostic);
  }
}
