/**
 * Products with a purl helper → `PackageCriterion`: one per package (purl without version),
 * affected versions from `product_version` branches (or the purl's own version), ranges from
 * `vers:` strings, fixed versions from products listed as fixed.
 * @see https://github.com/package-url/purl-spec (purl and vers)
 */
import { PackageURL } from 'packageurl-js';
import type {
  PackageCriterion,
  ProductCriterion,
  VersionBounds,
  VersionScheme,
} from '../../domain/vulnerability.js';
import { unique } from './values.js';

const SCHEMES: Readonly<Record<string, VersionScheme>> = {
  npm: 'semver',
  pypi: 'pep440',
  maven: 'maven',
  golang: 'golang',
  deb: 'deb',
  rpm: 'rpm',
};

/** purl type → version scheme (`generic` for the rest). */
export function schemeOf(type: string): VersionScheme {
  return Object.hasOwn(SCHEMES, type) ? (SCHEMES[type] as VersionScheme) : 'generic';
}

interface Building {
  readonly purl: string;
  readonly scheme: VersionScheme;
  readonly bounds: VersionBounds[];
  readonly versions: string[];
  readonly fixedVersions: string[];
}

/** Package criteria of one vulnerability's affected and fixed products that carry a purl. */
export function packagesOf(products: readonly ProductCriterion[]): PackageCriterion[] {
  const byPurl = new Map<string, Building>();
  for (const product of products) {
    if (product.purl === null) continue;
    if (product.status !== 'known_affected' && product.status !== 'fixed') continue;
    const parsed = parsePurl(product.purl);
    if (parsed === null) continue;
    let building = byPurl.get(parsed.base);
    if (building === undefined) {
      building = {
        purl: parsed.base,
        scheme: schemeOf(parsed.type),
        bounds: [],
        versions: [],
        fixedVersions: [],
      };
      byPurl.set(parsed.base, building);
    }
    const version = product.version ?? parsed.version;
    if (product.status === 'fixed') {
      if (version !== null) building.fixedVersions.push(version);
    } else if (version !== null) {
      building.versions.push(version);
    } else if (product.versionRange !== null) {
      building.bounds.push(...versBounds(product.versionRange));
    }
  }
  return [...byPurl.values()].map((building) => ({
    purl: building.purl,
    ecosystem: null,
    scheme: building.scheme,
    bounds: building.bounds,
    versions: unique(building.versions),
    fixedVersions: unique(building.fixedVersions),
    gitOnly: false,
  }));
}

function parsePurl(purl: string): { base: string; type: string; version: string | null } | null {
  try {
    const parsed = PackageURL.fromString(purl);
    const base = new PackageURL(
      parsed.type,
      parsed.namespace,
      parsed.name,
      undefined,
      undefined,
      undefined,
    );
    return { base: base.toString(), type: parsed.type, version: parsed.version ?? null };
  } catch {
    return null;
  }
}

const OPEN: VersionBounds = {
  startIncluding: null,
  startExcluding: null,
  endIncluding: null,
  endExcluding: null,
};

/** vers comparator → the bound it sets; `=` and `!=` set none. */
const BOUND_OF: Readonly<Partial<Record<string, keyof VersionBounds>>> = {
  '>=': 'startIncluding',
  '>': 'startExcluding',
  '<=': 'endIncluding',
  '<': 'endExcluding',
};

/**
 * A `vers:` range as bounds: `vers:all/*` is one open interval; `>=`/`>` start an interval that
 * the next `<`/`<=` closes. `=` and bare versions are not intervals and are left out. Anything
 * that is not a `vers:` string gives no bounds (the vendor's words stay in `versionRange`).
 */
export function versBounds(range: string): VersionBounds[] {
  const match = /^vers:[^/]+\/(.+)$/.exec(range);
  if (match?.[1] === undefined) return [];
  if (match[1].trim() === '*') return [OPEN];
  const out: VersionBounds[] = [];
  let open: VersionBounds | null = null;
  for (const raw of match[1].split('|')) {
    const constraint = /^\s*(>=|<=|>|<|!=|=)?\s*(.+?)\s*$/.exec(raw);
    const version = constraint?.[2];
    if (version === undefined) continue;
    const bound = BOUND_OF[constraint?.[1] ?? '='];
    if (bound === undefined) continue;
    if (bound.startsWith('start')) {
      if (open !== null) out.push(open);
      open = { ...OPEN, [bound]: version };
    } else {
      out.push({ ...(open ?? OPEN), [bound]: version });
      open = null;
    }
  }
  if (open !== null) out.push(open);
  return out;
}
