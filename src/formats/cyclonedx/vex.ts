/**
 * Writes what Wardline knows about a device's (or a product's) vulnerabilities as CycloneDX 1.6
 * JSON: a VEX (each vulnerability with its impact analysis: affected, not affected and why, fixed,
 * under triage) or a VDR (the vulnerabilities known to affect the components, with ratings and
 * recommendations). Both are a BOM with `vulnerabilities[]`; the subject is
 * `metadata.component`, the components are listed so each `affects.ref` resolves in the same file.
 *
 * Spec: CycloneDX 1.6 (ECMA-424 1st edition), <https://cyclonedx.org/docs/1.6/json/>,
 * `vulnerabilities` and `impactAnalysis*` definitions.
 *
 * @example
 * ```ts
 * writeCycloneDxVex({
 *   kind: 'vex', now: '2025-03-01T08:00:00Z',
 *   subject: { name: 'Infusion pump', version: '4.2', bomRef: 'device' },
 *   components: [{ bomRef: 'openssl', name: 'openssl', version: '1.0.2k', purl: null, cpe: null }],
 *   vulnerabilities: [{ id: 'CVE-2016-2107', ratings: [], cwes: ['CWE-310'],
 *     affects: [{ ref: 'openssl' }],
 *     analysis: { state: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' } }],
 * });
 * // → '{ "bomFormat": "CycloneDX", "specVersion": "1.6", … "analysis": { "state": "not_affected",
 * //      "justification": "code_not_reachable" }, "affects": [{ "ref": "openssl",
 * //      "versions": [{ "version": "1.0.2k", "status": "unaffected" }] }] … }'
 * ```
 */
import { createHash } from 'node:crypto';
import { WardlineError } from '../../domain/errors.js';
import {
  VEX_JUSTIFICATIONS,
  type CvssScore,
  type CvssVersion,
  type VexJustification,
} from '../../domain/vulnerability.js';
import type { Json, JsonRecord } from './write.js';

export const CYCLONEDX_ANALYSIS_STATES = [
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
  'false_positive',
  'not_affected',
] as const;
export type CycloneDxAnalysisState = (typeof CYCLONEDX_ANALYSIS_STATES)[number];

export const CYCLONEDX_JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
export type CycloneDxJustification = (typeof CYCLONEDX_JUSTIFICATIONS)[number];

export const CYCLONEDX_RESPONSES = [
  'can_not_fix',
  'will_not_fix',
  'update',
  'rollback',
  'workaround_available',
] as const;
export type CycloneDxResponse = (typeof CYCLONEDX_RESPONSES)[number];

/**
 * VEX justifications (CSAF flags, OpenVEX, CISA's minimum VEX) → CycloneDX's. There is no
 * standard crosswalk (the reference's is marked unverified); each choice is the closest meaning,
 * and each is the inverse of the reference's CycloneDX → VEX crosswalk, so a round trip keeps the
 * value:
 *
 * | VEX                                                 | CycloneDX                         | Why                                                          |
 * | --------------------------------------------------- | --------------------------------- | ------------------------------------------------------------ |
 * | `component_not_present`                             | `requires_dependency`             | exploitation needs a dependency that is not there            |
 * | `vulnerable_code_not_present`                       | `code_not_present`                | the same statement                                           |
 * | `vulnerable_code_not_in_execute_path`               | `code_not_reachable`              | the same statement                                           |
 * | `vulnerable_code_cannot_be_controlled_by_adversary` | `requires_environment`            | the attacker lacks the environment (input, access) it needs  |
 * | `inline_mitigations_already_exist`                  | `protected_by_mitigating_control` | the general form; compiler/runtime/perimeter are narrower    |
 */
export const CYCLONEDX_JUSTIFICATION_OF: Readonly<
  Record<VexJustification, CycloneDxJustification>
> = {
  component_not_present: 'requires_dependency',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** CVSS version → CycloneDX rating `method`. */
const RATING_METHOD: Readonly<Record<CvssVersion, string>> = {
  '2.0': 'CVSSv2',
  '3.0': 'CVSSv3',
  '3.1': 'CVSSv31',
  '4.0': 'CVSSv4',
};

/**
 * What the analysis state says about the listed versions (`affects[].versions[].status`):
 * exploitable is affected; not affected and false positive are unaffected; resolved means the
 * listed version carries the fix; in triage is unknown.
 */
const VERSION_STATUS: Readonly<Record<CycloneDxAnalysisState, string>> = {
  exploitable: 'affected',
  in_triage: 'unknown',
  not_affected: 'unaffected',
  false_positive: 'unaffected',
  resolved: 'unaffected',
  resolved_with_pedigree: 'unaffected',
};

export interface VexSubject {
  readonly name: string;
  readonly version?: string | null;
  readonly purl?: string | null;
  readonly bomRef: string;
  /** CycloneDX component type; default `device`, since Wardline's subjects are assets. */
  readonly type?: 'device' | 'application' | 'firmware' | 'operating-system';
}

export interface VexComponent {
  readonly bomRef: string;
  readonly name: string;
  readonly version: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
}

export interface VexAnalysis {
  readonly state: CycloneDxAnalysisState;
  /** CycloneDX's own value, or a VEX justification mapped through `CYCLONEDX_JUSTIFICATION_OF`. */
  readonly justification?: CycloneDxJustification | VexJustification | null;
  readonly response?: readonly CycloneDxResponse[];
  readonly detail?: string | null;
}

export interface VexAffects {
  readonly ref: string;
  /** Versions as written; a `vers:` string is written as a range. Default: the component's. */
  readonly versions?: readonly string[];
}

export interface VexVulnerability {
  readonly id: string;
  readonly source?: { readonly name: string; readonly url?: string | null } | null;
  readonly ratings: readonly CvssScore[];
  /** `CWE-79` or `79`; anything else (`NVD-CWE-Other`) is left out. */
  readonly cwes: readonly string[];
  readonly description?: string | null;
  readonly affects: readonly VexAffects[];
  readonly analysis?: VexAnalysis | null;
  readonly recommendation?: string | null;
}

export interface VexDocumentInput {
  /** `urn:uuid:…`; when absent, a name-based UUID (v5) of the content, so equal input gives equal output. */
  readonly serialNumber?: string;
  /** ISO 8601; written as `metadata.timestamp`. */
  readonly now: string;
  readonly subject: VexSubject;
  readonly components: readonly VexComponent[];
  readonly vulnerabilities: readonly VexVulnerability[];
  /** `vex`: every vulnerability carries an analysis (`in_triage` when none was given). */
  readonly kind: 'vex' | 'vdr';
}

const SERIAL =
  /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The CycloneDX 1.6 JSON text, two-space indented with a final newline. Throws
 * `WardlineError('WL_REQUEST_INVALID')` for input no valid document can carry: a timestamp that is
 * not ISO 8601, a malformed serial number, two components with one `bom-ref`, a value outside
 * CycloneDX's enumerations.
 */
export function writeCycloneDxVex(input: VexDocumentInput): string {
  const timestamp = isoTimestamp(input.now);
  const refs = new Map<string, VexComponent | null>([[input.subject.bomRef, null]]);
  for (const component of input.components) {
    if (refs.has(component.bomRef)) invalid(`bom-ref \`${component.bomRef}\` is used twice`);
    refs.set(component.bomRef, component);
  }
  const body: JsonRecord = {
    metadata: metadataOf(input, timestamp),
    components: input.components.map(componentOf),
    vulnerabilities: input.vulnerabilities.map((v) => vulnerabilityOf(v, input.kind, refs)),
  };
  if (input.serialNumber !== undefined && !SERIAL.test(input.serialNumber)) {
    invalid('serialNumber is not a urn:uuid');
  }
  const serialNumber = input.serialNumber ?? nameBasedSerial(JSON.stringify(body));
  const bom: JsonRecord = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber,
    version: 1,
    ...body,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}

function metadataOf(input: VexDocumentInput, timestamp: string): JsonRecord {
  const subject: JsonRecord = {
    type: input.subject.type ?? 'device',
    'bom-ref': input.subject.bomRef,
    name: input.subject.name,
  };
  setText(subject, 'version', input.subject.version);
  setText(subject, 'purl', input.subject.purl);
  return {
    timestamp,
    tools: { components: [{ type: 'application', name: 'Wardline' }] },
    component: subject,
    properties: [{ name: 'wardline:bom-kind', value: input.kind }],
  };
}

function componentOf(component: VexComponent): JsonRecord {
  const out: JsonRecord = { type: 'library', 'bom-ref': component.bomRef, name: component.name };
  setText(out, 'version', component.version);
  setText(out, 'cpe', component.cpe);
  setText(out, 'purl', component.purl);
  return out;
}

function vulnerabilityOf(
  vulnerability: VexVulnerability,
  kind: VexDocumentInput['kind'],
  refs: ReadonlyMap<string, VexComponent | null>,
): JsonRecord {
  const out: JsonRecord = { id: vulnerability.id };
  if (vulnerability.source) {
    const source: JsonRecord = { name: vulnerability.source.name };
    setText(source, 'url', vulnerability.source.url);
    out['source'] = source;
  }
  if (vulnerability.ratings.length > 0) out['ratings'] = vulnerability.ratings.map(ratingOf);
  const cwes = cweNumbers(vulnerability.cwes);
  if (cwes.length > 0) out['cwes'] = cwes;
  setText(out, 'description', vulnerability.description);
  setText(out, 'recommendation', vulnerability.recommendation);
  const analysis =
    vulnerability.analysis ?? (kind === 'vex' ? { state: 'in_triage' as const } : null);
  if (analysis !== null) out['analysis'] = analysisOf(analysis);
  const status = analysis === null ? 'affected' : VERSION_STATUS[analysis.state];
  out['affects'] = vulnerability.affects.map((affects) => affectsOf(affects, status, refs));
  return out;
}

function ratingOf(score: CvssScore): JsonRecord {
  const out: JsonRecord = {};
  if (score.source !== null) out['source'] = { name: score.source };
  out['score'] = score.baseScore;
  out['severity'] = score.severity;
  out['method'] = RATING_METHOD[score.version];
  out['vector'] = score.vector;
  return out;
}

function analysisOf(analysis: VexAnalysis): JsonRecord {
  if (!(CYCLONEDX_ANALYSIS_STATES as readonly string[]).includes(analysis.state)) {
    invalid(`analysis state \`${analysis.state}\` is not CycloneDX's`);
  }
  const out: JsonRecord = { state: analysis.state };
  if (analysis.justification != null)
    out['justification'] = justificationOf(analysis.justification);
  const responses = [...new Set(analysis.response ?? [])];
  for (const response of responses) {
    if (!(CYCLONEDX_RESPONSES as readonly string[]).includes(response)) {
      invalid(`analysis response \`${response}\` is not CycloneDX's`);
    }
  }
  if (responses.length > 0) out['response'] = responses;
  setText(out, 'detail', analysis.detail);
  return out;
}

function justificationOf(value: string): CycloneDxJustification {
  if ((VEX_JUSTIFICATIONS as readonly string[]).includes(value)) {
    return CYCLONEDX_JUSTIFICATION_OF[value as VexJustification];
  }
  if ((CYCLONEDX_JUSTIFICATIONS as readonly string[]).includes(value)) {
    return value as CycloneDxJustification;
  }
  return invalid(`justification \`${value}\` is neither a VEX nor a CycloneDX justification`);
}

function affectsOf(
  affects: VexAffects,
  status: string,
  refs: ReadonlyMap<string, VexComponent | null>,
): JsonRecord {
  const out: JsonRecord = { ref: affects.ref };
  const own = refs.get(affects.ref)?.version ?? null;
  const versions = affects.versions ?? (own === null ? [] : [own]);
  if (versions.length > 0) {
    out['versions'] = versions.map((version): Json =>
      version.startsWith('vers:') ? { range: version, status } : { version, status },
    );
  }
  return out;
}

/** `CWE-79` → 79, once each, in order; other entries are left out. */
function cweNumbers(cwes: readonly string[]): number[] {
  const out: number[] = [];
  for (const cwe of cwes) {
    const match = /^(?:CWE-)?(\d{1,7})$/i.exec(cwe.trim());
    const number = match?.[1] === undefined ? Number.NaN : Number(match[1]);
    if (Number.isSafeInteger(number) && !out.includes(number)) out.push(number);
  }
  return out;
}

function setText(target: JsonRecord, key: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined && value !== '') target[key] = value;
}

function isoTimestamp(text: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text)
    ? Date.parse(text)
    : NaN;
  if (!Number.isFinite(ms)) invalid('now is not an ISO 8601 timestamp');
  return new Date(ms).toISOString();
}

/** A name-based UUID in the RFC 4122 version 5 layout (SHA-1 of a Wardline prefix and the text). */
function nameBasedSerial(text: string): string {
  const bytes = createHash('sha1')
    .update('wardline:cyclonedx-vex:')
    .update(text)
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function invalid(message: string): never {
  throw new WardlineError('WL_REQUEST_INVALID', `CycloneDX VEX: ${message}.`);
}
