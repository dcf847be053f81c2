/** What `parseOsv` needs and returns. */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { Advisory, VersionScheme } from '../../domain/vulnerability.js';
import type { OsvDiagnosticCode } from './diagnostics.js';

/**
 * How versions are ordered, given by the caller: formats may not import engines, and OSV ranges
 * cannot be paired into bounds without ordering their events. `src/engines/vuln/versions` exports
 * exactly these three functions, so `import * as versions from '…/engines/vuln/versions/index.js'`
 * can be passed as is.
 */
export interface OsvVersionRules {
  schemeOfOsvEcosystem(ecosystem: string): VersionScheme;
  schemeOfPurlType(purlType: string): VersionScheme;
  /** Negative, zero, positive; null when either version is unreadable under the scheme. */
  tryCompareVersions(scheme: VersionScheme, a: string, b: string): number | null;
}

export interface ParseOsvOptions {
  /** The name diagnostics carry (a file name, a feed URL). */
  readonly source: string;
  readonly versions: OsvVersionRules;
}

export interface OsvParseResult {
  readonly advisories: Advisory[];
  readonly diagnostics: Diagnostic<OsvDiagnosticCode>[];
}
