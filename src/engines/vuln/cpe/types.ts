/**
 * A CPE 2.3 name (NISTIR 7695) as Wardline holds it: eleven attribute values, each in the
 * formatted-string form of the value, lower-cased.
 *
 * - `*` alone is the logical value ANY, `-` alone is NA.
 * - Any other value is a string of unreserved characters (`a-z 0-9 . _ -`) and quoted characters
 *   (`\` before any other printable ASCII character, `\\` for a backslash), with optional
 *   unquoted wild cards at its ends: one `*`, or a run of `?` (NISTIR 7696 §5.2).
 *
 * The form is canonical: two values name the same thing exactly when their strings are equal,
 * which is what lets the matcher hash them.
 */
export interface CpeName {
  readonly part: string;
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly update: string;
  readonly edition: string;
  readonly language: string;
  readonly swEdition: string;
  readonly targetSw: string;
  readonly targetHw: string;
  readonly other: string;
}

/** The attributes in binding order (`cpe:2.3:part:vendor:…:other`). */
export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const satisfies readonly (keyof CpeName)[];
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];

/** The logical value ANY in Wardline's form. */
export const CPE_ANY = '*';
/** The logical value NA (not applicable) in Wardline's form. */
export const CPE_NA = '-';

/**
 * NISTIR 7696 Table 6-1 relations of a source to a target, plus UNDEFINED (the spec's result when
 * the target carries wild cards, and Wardline's name-level result when attribute relations mix
 * SUPERSET and SUBSET).
 */
export type CpeRelation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED';

export const CPE_PARSE_CODES = [
  'WL_CPE_TOO_LONG',
  'WL_CPE_PREFIX',
  'WL_CPE_COMPONENT_COUNT',
  'WL_CPE_PART',
  'WL_CPE_CHARACTER',
  'WL_CPE_WILDCARD',
  'WL_CPE_EMPTY',
  'WL_CPE_LANGUAGE',
  'WL_CPE_PERCENT',
  'WL_CPE_PACKED_EDITION',
] as const;
export type CpeParseCode = (typeof CPE_PARSE_CODES)[number];

/**
 * Why a text is not a CPE name, and where (zero-based character offset). Returned, never thrown.
 *
 * @example parseCpe('cpe:2.3:a:foo') → CpeParseError { code: 'WL_CPE_COMPONENT_COUNT', position: 13 }
 */
export class CpeParseError {
  constructor(
    readonly code: CpeParseCode,
    readonly position: number,
    readonly message: string,
  ) {}
}

export function isCpeParseError(value: CpeName | CpeParseError): value is CpeParseError {
  return value instanceof CpeParseError;
}
