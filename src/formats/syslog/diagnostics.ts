import { MAX_DIAGNOSTICS } from './limits.js';
import type { SyslogDiagnostic, SyslogDiagnosticCode } from './types.js';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';

/** A capped diagnostic list: past the cap, one WL_SYSLOG_DIAGNOSTICS_LIMIT and then silence. */
export class SyslogLog {
  readonly items: SyslogDiagnostic[] = [];

  constructor(
    private readonly source: string,
    private readonly base: number,
  ) {}

  add(code: SyslogDiagnosticCode, severity: DiagnosticSeverity, at: number, message: string): void {
    if (this.items.length > MAX_DIAGNOSTICS) return;
    const offset = this.base + at;
    if (this.items.length === MAX_DIAGNOSTICS) {
      this.items.push({
        source: this.source,
        offset,
        code: 'WL_SYSLOG_DIAGNOSTICS_LIMIT',
        severity: 'warning',
        message: `more than ${String(MAX_DIAGNOSTICS)} diagnostics; the rest are dropped`,
      });
      return;
    }
    this.items.push({ source: this.source, offset, code, severity, message });
  }
}
