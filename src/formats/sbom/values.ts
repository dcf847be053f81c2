/**
 * Checks and normal forms for the values an SBOM carries: purls, CPEs, hashes, timestamps, SPDX
 * actors. Each returns `null` for a value it cannot vouch for; the caller reports it.
 */
import { PackageURL } from 'packageurl-js';
import { MAX_STRING_CHARS } from './limits.js';

/**
 * The purl in canonical form (packageurl-js: type lower-cased, `@` in a namespace encoded, type
 * rules such as PyPI name normalization applied), or `null` when it is not a valid purl.
 * @see https://github.com/package-url/purl-spec
 */
export function canonicalPurl(text: string): string | null {
  if (text.length > MAX_STRING_CHARS || !text.startsWith('pkg:')) return null;
  try {
    return PackageURL.fromString(text).toString();
  } catch {
    // packageurl-js throws its own errors and, for some golang versions, a ReferenceError.
    return null;
  }
}

/** CPE 2.3 formatted string: `cpe:2.3:` part and ten more colon-separated, backslash-escaped fields. */
const CPE23 = /^cpe:2\.3:[aho*-](?::(?:[^:\\\s]|\\.)*){10}$/i;
/** CPE 2.2 URI: `cpe:/` part and up to six more fields. */
const CPE22 = /^cpe:\/[aho]?(?::[^:\s]*){0,6}$/i;

/**
 * True for a CPE 2.3 formatted string or a CPE 2.2 URI.
 * @see https://nvlpubs.nist.gov/nistpubs/Legacy/IR/nistir7695.pdf (CPE naming, §6.1 and §6.2)
 */
export function isCpe(text: string): boolean {
  return text.length <= MAX_STRING_CHARS && (CPE23.test(text) || CPE22.test(text));
}

/** Hash algorithm names with punctuation stripped → the CycloneDX spelling. */
const HASH_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['MD2', 'MD2'],
  ['MD4', 'MD4'],
  ['MD5', 'MD5'],
  ['MD6', 'MD6'],
  ['ADLER32', 'ADLER32'],
  ['SHA1', 'SHA-1'],
  ['SHA224', 'SHA-224'],
  ['SHA256', 'SHA-256'],
  ['SHA384', 'SHA-384'],
  ['SHA512', 'SHA-512'],
  ['SHA3256', 'SHA3-256'],
  ['SHA3384', 'SHA3-384'],
  ['SHA3512', 'SHA3-512'],
  ['BLAKE2B256', 'BLAKE2b-256'],
  ['BLAKE2B384', 'BLAKE2b-384'],
  ['BLAKE2B512', 'BLAKE2b-512'],
  ['BLAKE3', 'BLAKE3'],
]);

/** `SHA256`, `sha-256`, `SHA-256` → `SHA-256`; `null` for an algorithm neither spec names. */
export function hashAlgorithm(text: string): string | null {
  return HASH_ALGORITHMS.get(text.toUpperCase().replace(/[^A-Z0-9]/g, '')) ?? null;
}

/** SPDX spells algorithms without the hyphen (`SHA256`, `BLAKE2b-256` stays). */
export function spdxHashAlgorithm(algorithm: string): string {
  return algorithm.startsWith('SHA3-') || algorithm.startsWith('BLAKE')
    ? algorithm
    : algorithm.replace('-', '');
}

/** Lower-case hex, or `null` when the digest is not hex. */
export function hexDigest(text: string): string | null {
  return /^[0-9a-fA-F]{1,1024}$/.test(text) ? text.toLowerCase() : null;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An RFC 3339 timestamp or a bare date → ISO 8601 UTC (`2024-05-01T00:00:00.000Z`); `null` when
 * it is not one or names a day that does not exist. A time without a zone is read as UTC.
 */
export function isoTimestamp(text: string): string | null {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return null;
  if (hour === undefined || minute === undefined) return date.toISOString();
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 60) return null;
  const time = `${hour}:${minute}:${second ?? '00'}${fraction?.slice(0, 4) ?? ''}`;
  const parsed = new Date(`${year}-${month}-${day}T${time}${rfc3339Offset(zone)}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** No zone means UTC; `+0100` becomes `+01:00`. */
function rfc3339Offset(zone: string | undefined): string {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  return zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
}

/** `NOASSERTION` and `NONE` mean "no value" in SPDX. */
export function isSpdxNoValue(text: string): boolean {
  return text === 'NOASSERTION' || text === 'NONE';
}

/** The kinds of SPDX actor (creator, supplier, originator). */
export type SpdxActorKind = 'Person' | 'Organization' | 'Tool';

/** `Organization: ACME Medical (psirt@acme.example)` → `{ kind: 'Organization', name: 'ACME Medical' }`. */
export function spdxActor(text: string): { kind: SpdxActorKind; name: string } | null {
  const match = /^(Person|Organization|Tool)\s*:\s*(.*)$/s.exec(text.trim());
  if (match === null) return null;
  const name = (match[2] ?? '').replace(/\s*\([^()]*\)\s*$/, '').trim();
  return name === '' ? null : { kind: match[1] as SpdxActorKind, name };
}
