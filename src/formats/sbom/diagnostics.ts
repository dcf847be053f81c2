/**
 * Every diagnostic code the SBOM parsers emit, and the capped queue they report into. The
 * CycloneDX and SPDX READMEs describe each code.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { MAX_DIAGNOSTICS } from './limits.js';

/** Codes of the CycloneDX parsers; `cyclonedx/README.md` describes each. */
export const CYCLONEDX_DIAGNOSTIC_CODES = [
  'WL_CYCLONEDX_JSON_MALFORMED',
  'WL_CYCLONEDX_XML_MALFORMED',
  'WL_CYCLONEDX_TRUNCATED',
  'WL_CYCLONEDX_DTD_IGNORED',
  'WL_CYCLONEDX_BOM_FORMAT_MISSING',
  'WL_CYCLONEDX_SPEC_VERSION',
  'WL_CYCLONEDX_COMPONENT_INVALID',
  'WL_CYCLONEDX_PURL_INVALID',
  'WL_CYCLONEDX_VALUE_INVALID',
  'WL_CYCLONEDX_REF_DUPLICATE',
  'WL_CYCLONEDX_REF_UNKNOWN',
  'WL_CYCLONEDX_DEPENDENCY_CYCLE',
  'WL_CYCLONEDX_POISONED_KEY',
  'WL_CYCLONEDX_LIMIT_EXCEEDED',
] as const;
/** One CycloneDX diagnostic code. */
export type CycloneDxDiagnosticCode = (typeof CYCLONEDX_DIAGNOSTIC_CODES)[number];

/** Codes of the SPDX parsers; `spdx/README.md` describes each. */
export const SPDX_DIAGNOSTIC_CODES = [
  'WL_SPDX_JSON_MALFORMED',
  'WL_SPDX_LINE_INVALID',
  'WL_SPDX_TRUNCATED',
  'WL_SPDX_SPEC_VERSION',
  'WL_SPDX_PACKAGE_INVALID',
  'WL_SPDX_RELATIONSHIP_INVALID',
  'WL_SPDX_PURL_INVALID',
  'WL_SPDX_VALUE_INVALID',
  'WL_SPDX_REF_DUPLICATE',
  'WL_SPDX_REF_UNKNOWN',
  'WL_SPDX_DEPENDENCY_CYCLE',
  'WL_SPDX_POISONED_KEY',
  'WL_SPDX_LIMIT_EXCEEDED',
] as const;
/** One SPDX diagnostic code. */
export type SpdxDiagnosticCode = (typeof SPDX_DIAGNOSTIC_CODES)[number];

/** Any SBOM diagnostic code. */
export type SbomDiagnosticCode = CycloneDxDiagnosticCode | SpdxDiagnosticCode;

/** Which format's codes a shared piece of the parser reports under. */
export type SbomArea = 'CYCLONEDX' | 'SPDX';

/** Conditions both formats report, so shared code can name them for either area. */
export type SharedCondition =
  | 'JSON_MALFORMED'
  | 'TRUNCATED'
  | 'SPEC_VERSION'
  | 'PURL_INVALID'
  | 'VALUE_INVALID'
  | 'REF_DUPLICATE'
  | 'REF_UNKNOWN'
  | 'DEPENDENCY_CYCLE'
  | 'POISONED_KEY'
  | 'LIMIT_EXCEEDED';

/** `codeFor('SPDX', 'TRUNCATED')` → `'WL_SPDX_TRUNCATED'`, typed. */
export function codeFor(area: SbomArea, condition: SharedCondition): SbomDiagnosticCode {
  return `WL_${area}_${condition}`;
}

/** Where in the input a diagnostic points: bytes for JSON, characters and a line for XML and tag-value. */
export interface SbomPosition {
  readonly offset: number;
  readonly line?: number;
}

/** Anything that can take a diagnostic; parsers hand one to the mapping code. */
export type DiagnosticSink = (
  code: SbomDiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
) => void;

/** Codes that always get through the cap: the end of the parse must never go unreported. */
const ALWAYS: ReadonlySet<string> = new Set([
  'WL_CYCLONEDX_TRUNCATED',
  'WL_CYCLONEDX_LIMIT_EXCEEDED',
  'WL_SPDX_TRUNCATED',
  'WL_SPDX_LIMIT_EXCEEDED',
]);

/** Collects one parse's diagnostics; after `MAX_DIAGNOSTICS` one more says the rest were dropped. */
export class DiagnosticLog {
  private count = 0;

  constructor(
    private readonly source: string,
    private readonly push: (diagnostic: {
      source: string;
      offset: number;
      line?: number;
      code: SbomDiagnosticCode;
      severity: DiagnosticSeverity;
      message: string;
    }) => void,
  ) {}

  report(
    code: SbomDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    at: SbomPosition,
  ): void {
    const always = ALWAYS.has(code);
    if (!always) this.count += 1;
    if (!always && this.count > MAX_DIAGNOSTICS + 1) return;
    const text =
      !always && this.count > MAX_DIAGNOSTICS
        ? `More than ${MAX_DIAGNOSTICS} diagnostics; the rest are not reported.`
        : message;
    const position = at.line === undefined ? { offset: at.offset } : at;
    this.push({ source: this.source, ...position, code, severity, message: text });
  }
}
