/**
 * The normalized keys the index is built on and looked up by: purl package keys, vendor and
 * product names, model numbers.
 */
import { PackageURL } from 'packageurl-js';
import { MAX_NAME_LENGTH, MAX_PURL_LENGTH } from './limits.js';

export interface PurlParts {
  /** `type/namespace/name` (or `type/name`), normalized. */
  readonly key: string;
  readonly type: string;
  readonly version: string | null;
}

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The package key of a purl: type, namespace and name, lower-cased (every ecosystem Wardline
 * matches treats names case-insensitively in practice), PyPI names per PEP 503. Version,
 * qualifiers and subpath are not part of the key. Null when the text is not a purl.
 *
 * @example purlParts('pkg:pypi/Django_REST@3.0') → { key: 'pypi/django-rest', type: 'pypi', version: '3.0' }
 */
export function purlParts(purl: string): PurlParts | null {
  if (purl.length > MAX_PURL_LENGTH) return null;
  let parts: ReturnType<typeof PackageURL.parseString>;
  try {
    parts = PackageURL.parseString(purl);
  } catch {
    // packageurl-js throws its own errors, and for some inputs a ReferenceError.
    return null;
  }
  const [rawType, namespace, rawName, version] = parts;
  if (
    typeof rawType !== 'string' ||
    typeof rawName !== 'string' ||
    rawType === '' ||
    rawName === ''
  ) {
    return null;
  }
  const type = rawType.toLowerCase();
  const name = type === 'pypi' ? pep503(rawName) : rawName.toLowerCase();
  const prefix =
    typeof namespace === 'string' && namespace !== '' ? `${namespace.toLowerCase()}/` : '';
  return {
    key: `${type}/${prefix}${name}`,
    type,
    version: typeof version === 'string' && version !== '' ? version : null,
  };
}

/** Words that say what kind of company it is, not which one. */
const CORPORATE_WORDS: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ltd',
  'limited',
  'llc',
  'ag',
  'sa',
  'plc',
  'bv',
  'nv',
  'kg',
  'se',
  'spa',
  'srl',
  'oy',
  'ab',
  'kk',
  'pty',
]);

/** Lower-case alphanumeric words; dots inside abbreviations (`S.A.`) are dropped first. */
function words(text: string): string[] {
  return text
    .slice(0, MAX_NAME_LENGTH)
    .toLowerCase()
    .replace(/\./g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The meaningful words of a company name: no leading `the`, no trailing corporate suffixes. */
export function vendorWords(vendor: string): string[] {
  const list = words(vendor.replace(/_/g, ' '));
  if (list[0] === 'the') list.shift();
  while (list.length > 1 && CORPORATE_WORDS.has(list[list.length - 1] ?? '')) list.pop();
  return list;
}

/**
 * A vendor name for comparison: case, punctuation and corporate suffixes removed.
 *
 * @example normalizeVendor('Acme Medical Systems, Inc.') → 'acmemedicalsystems'
 */
export function normalizeVendor(vendor: string): string {
  return vendorWords(vendor).join('');
}

/**
 * A product name or model number for comparison: case, spaces, hyphens and other punctuation
 * removed.
 *
 * @example normalizeProduct('Infusion-Pump 3000') → 'infusionpump3000'
 */
export function normalizeProduct(product: string): string {
  return words(product.replace(/_/g, ' ')).join('');
}

/**
 * Whether a component's supplier and a CPE vendor name the same company: equal once normalized,
 * or the same first meaningful word of at least three letters (`The Apache Software Foundation`
 * and `apache`).
 */
export function vendorsAgree(supplier: string, vendor: string): boolean {
  const a = vendorWords(supplier);
  const b = vendorWords(vendor);
  if (a.length === 0 || b.length === 0) return false;
  if (a.join('') === b.join('')) return true;
  const first = a[0] ?? '';
  return first.length >= 3 && first === b[0];
}
