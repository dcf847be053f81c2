/** Every diagnostic code the OSV parser emits; `README.md` describes each. */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import type { FeedLog } from '../cve/feed-log.js';

export const OSV_DIAGNOSTIC_CODES = [
  'WL_OSV_UNREADABLE',
  'WL_OSV_TOO_LARGE',
  'WL_OSV_POISONED_KEY',
  'WL_OSV_TOO_DEEP',
  'WL_OSV_YAML_WARNING',
  'WL_OSV_LIMIT_EXCEEDED',
  'WL_OSV_RECORD_INVALID',
  'WL_OSV_SCHEMA_VERSION',
  'WL_OSV_VALUE_INVALID',
  'WL_OSV_CVSS_INVALID',
  'WL_OSV_SEVERITY_UNSUPPORTED',
  'WL_OSV_PURL_INVALID',
  'WL_OSV_PACKAGE_UNKNOWN',
  'WL_OSV_EVENT_INVALID',
  'WL_OSV_RANGE_UNORDERED',
] as const;
/** One OSV diagnostic code. */
export type OsvDiagnosticCode = (typeof OSV_DIAGNOSTIC_CODES)[number];

/** Codes that always get through the diagnostic cap. */
export const OSV_ALWAYS: ReadonlySet<OsvDiagnosticCode> = new Set([
  'WL_OSV_UNREADABLE',
  'WL_OSV_TOO_LARGE',
  'WL_OSV_LIMIT_EXCEEDED',
]);

/** Where in the input a record sits, and the log its problems go to. */
export class RecordContext {
  constructor(
    private readonly log: FeedLog<OsvDiagnosticCode>,
    readonly offset: number,
    readonly line: number,
    /** The record's id once known, for messages. */
    public id = '',
  ) {}

  report(code: OsvDiagnosticCode, severity: DiagnosticSeverity, path: string, message: string) {
    const where = this.id === '' ? path : `${this.id} ${path}`;
    this.log.report(code, severity, `${where}: ${message}`, this.offset, this.line);
  }
}
