/**
 * Generated advisories of realistic shape: OSV-like package ranges (several intervals, some
 * `versions` lists, several Debian and RHEL-family releases), NVD-like CPE configurations (ranges
 * and exact versions, AND with a platform, firmware AND hardware) and CSAF-like device products
 * (model numbers, `vers:` ranges and vendor words, fixed and not-affected statements, serial
 * globs). Which names advisories pick follows the same popularity ranks as the fleet, flattened.
 */
import type {
  Advisory,
  CpeConfiguration,
  CpeCriterion,
  PackageCriterion,
  ProductCriterion,
  VersionBounds,
} from '../../src/domain/vulnerability.js';
import {
  ECOSYSTEMS,
  SCHEME_OF,
  type Catalog,
  type CpeProduct,
  type DeviceModel,
  type Ecosystem,
  type Package,
} from './catalog.js';
import { Zipf, type Random } from './random.js';

/** How strongly advisories favour popular names (flatter than deployment). */
const ADVISORY_ZIPF = 0.6;
/** Spread of the log-normal factor between deployment rank and advisory rank. */
const RANK_NOISE = 1.5;
/** Share of last intervals left open (no fix yet). */
const UNFIXED = 0.002;
const OSV_SHARE = 0.45;
const CSAF_SHARE = 0.05;
const ECOSYSTEM_WEIGHTS: Readonly<Record<Ecosystem, number>> = {
  npm: 0.3,
  pypi: 0.2,
  maven: 0.15,
  golang: 0.1,
  deb: 0.15,
  rpm: 0.1,
};
const DEBIAN_RELEASES = ['Debian:10', 'Debian:11', 'Debian:12'];
const RHEL_RELEASES = ['AlmaLinux:8', 'AlmaLinux:9', 'Rocky Linux:9'];
const OPEN: VersionBounds = {
  startIncluding: null,
  startExcluding: null,
  endIncluding: null,
  endExcluding: null,
};

function base(id: string, source: Advisory['source']): Advisory {
  return {
    id,
    source,
    aliases: [],
    document: null,
    title: null,
    summary: null,
    published: null,
    modified: null,
    withdrawn: null,
    cvss: [],
    cwes: [],
    references: [],
    cpeConfigurations: [],
    packages: [],
    products: [],
    remediations: [],
    ssvc: null,
  };
}

/** `CVE-YYYY-NNNNN`, unique per index. */
export function cveId(i: number): string {
  return `CVE-${String(2002 + (i % 25))}-${String(10_000 + Math.floor(i / 25)).padStart(5, '0')}`;
}

/**
 * One to three disjoint intervals over a release history, OSV style: introduced (null when from
 * the first release), fixed at a later release; rarely unfixed (open end) or last-affected.
 */
export function intervals(random: Random, versions: readonly string[]): VersionBounds[] {
  const count = random.chance(0.4) ? 1 : random.chance(0.67) ? 2 : 3;
  const cuts = new Set<number>();
  while (cuts.size < Math.min(count * 2, versions.length)) cuts.add(random.int(versions.length));
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: VersionBounds[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) {
    const start = sorted[i] ?? 0;
    const end = sorted[i + 1] ?? 0;
    const last = i + 2 >= sorted.length;
    out.push({
      ...OPEN,
      startIncluding: start === 0 && random.chance(0.5) ? null : (versions[start] ?? null),
      ...(last && random.chance(UNFIXED)
        ? {}
        : random.chance(0.1)
          ? { endIncluding: versions[end - 1] ?? null }
          : { endExcluding: versions[end] ?? null }),
    });
  }
  return out;
}

/**
 * Draws the names advisories are about: Zipf over an order that follows deployment popularity
 * only loosely (each name's rank is scaled by a log-normal factor), so widely deployed software
 * tends to have more advisories without the most deployed name always having the most.
 */
class Picker {
  private readonly orders = new Map<readonly unknown[], { zipf: Zipf; order: Int32Array }>();

  constructor(private readonly random: Random) {}

  private gaussian(): number {
    const u = 1 - this.random.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random.next());
  }

  pick<T>(items: readonly T[]): T {
    let drawn = this.orders.get(items);
    if (drawn === undefined) {
      const weight = items.map((_, i) => (i + 1) * Math.exp(RANK_NOISE * this.gaussian()));
      const order = Int32Array.from(items.keys()).sort(
        (a, b) => (weight[a] ?? 0) - (weight[b] ?? 0),
      );
      drawn = { zipf: new Zipf(items.length, ADVISORY_ZIPF), order };
      this.orders.set(items, drawn);
    }
    const item = items[drawn.order[drawn.zipf.sample(this.random)] ?? 0];
    if (item === undefined) throw new Error('empty list');
    return item;
  }
}

function ecosystemOf(random: Random): Ecosystem {
  let u = random.next();
  for (const ecosystem of ECOSYSTEMS) {
    u -= ECOSYSTEM_WEIGHTS[ecosystem];
    if (u < 0) return ecosystem;
  }
  return 'npm';
}

function packageCriterion(random: Random, pkg: Package, ecosystem: string): PackageCriterion {
  const listed = random.chance(0.08);
  const bounds = intervals(random, pkg.versions);
  const versions = listed
    ? pkg.versions.filter((_, i) => i < pkg.versions.length - 1 && random.chance(0.5))
    : [];
  return {
    purl: pkg.purl,
    ecosystem,
    scheme: SCHEME_OF[pkg.ecosystem],
    bounds,
    versions,
    fixedVersions: bounds.flatMap((b) => (b.endExcluding === null ? [] : [b.endExcluding])),
    gitOnly: false,
  };
}

function osvAdvisory(i: number, random: Random, catalog: Catalog, picker: Picker): Advisory {
  const ecosystem = ecosystemOf(random);
  const list = catalog.packages[ecosystem];
  const packages: PackageCriterion[] = [];
  if (ecosystem === 'deb' || ecosystem === 'rpm') {
    const pkg = picker.pick(list);
    const releases = ecosystem === 'deb' ? DEBIAN_RELEASES : RHEL_RELEASES;
    for (const release of releases.slice(0, random.between(1, 3)))
      packages.push(packageCriterion(random, pkg, release));
  } else {
    const count = random.chance(0.8) ? 1 : random.chance(0.75) ? 2 : 3;
    for (let k = 0; k < count; k++)
      packages.push(packageCriterion(random, picker.pick(list), ecosystem));
  }
  return { ...base(cveId(i), 'osv'), packages };
}

function cpeText(part: string, vendor: string, product: string, version = '*'): string {
  return `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`;
}

/** NVD style: ranges over the product's releases, or exact versions one criterion each. */
function productCriteria(random: Random, product: CpeProduct, count: number): CpeCriterion[] {
  const out: CpeCriterion[] = [];
  if (random.chance(0.6)) {
    for (const bounds of intervals(random, product.versions).slice(0, count)) {
      out.push({
        cpe: cpeText(product.part, product.vendor, product.product),
        vulnerable: true,
        bounds,
      });
    }
  }
  while (out.length < count) {
    const version = product.versions[random.int(Math.max(1, product.versions.length - 1))] ?? '*';
    out.push({
      cpe: cpeText(product.part, product.vendor, product.product, version),
      vulnerable: true,
      bounds: OPEN,
    });
  }
  return out;
}

function platformNode(random: Random, catalog: Catalog): CpeConfiguration['nodes'][number] {
  const system = random.pick(catalog.systems);
  return {
    operator: 'OR',
    negate: false,
    matches: [
      {
        cpe: cpeText('o', system.vendor, system.product, random.pick(system.versions)),
        vulnerable: false,
        bounds: OPEN,
      },
    ],
  };
}

function appConfiguration(random: Random, catalog: Catalog, picker: Picker): CpeConfiguration {
  const product = random.chance(0.04) ? random.pick(catalog.systems) : picker.pick(catalog.apps);
  const count = random.chance(0.5) ? random.between(1, 3) : random.between(4, 12);
  const node = {
    operator: 'OR' as const,
    negate: false,
    matches: productCriteria(random, product, count),
  };
  if (random.chance(0.12)) return { operator: 'AND', nodes: [node, platformNode(random, catalog)] };
  return { operator: 'OR', nodes: [node] };
}

/** Embedded firmware AND the hardware it runs on, the way NVD writes device CVEs. */
function firmwareConfiguration(random: Random, device: DeviceModel): CpeConfiguration {
  const slug = device.model.toLowerCase().replace(/-/g, '_');
  const firmware = {
    operator: 'OR' as const,
    negate: false,
    matches: intervals(random, device.firmwares).map((bounds) => ({
      cpe: cpeText('o', device.vendorSlug, `${slug}_firmware`),
      vulnerable: true,
      bounds,
    })),
  };
  const hardware = {
    operator: 'OR' as const,
    negate: false,
    matches: [{ cpe: cpeText('h', device.vendorSlug, slug, '-'), vulnerable: false, bounds: OPEN }],
  };
  return { operator: 'AND', nodes: [firmware, hardware] };
}

function nvdAdvisory(i: number, random: Random, catalog: Catalog, picker: Picker): Advisory {
  const configurations: CpeConfiguration[] = [];
  if (random.chance(0.05))
    configurations.push(firmwareConfiguration(random, picker.pick(catalog.devices)));
  else {
    const count = random.chance(0.85) ? 1 : 2;
    for (let k = 0; k < count; k++) configurations.push(appConfiguration(random, catalog, picker));
  }
  return { ...base(cveId(i), 'nvd'), cpeConfigurations: configurations };
}

function productRange(
  random: Random,
  device: DeviceModel,
): Pick<ProductCriterion, 'version' | 'versionRange'> {
  const fixed = device.firmwares[random.between(1, device.firmwares.length - 1)] ?? '1.0';
  const u = random.next();
  if (u < 0.5) return { version: null, versionRange: `vers:generic/<${fixed}` };
  if (u < 0.75) return { version: null, versionRange: `All versions < V${fixed}` };
  if (u < 0.85) return { version: null, versionRange: 'All versions' };
  return { version: random.pick(device.firmwares), versionRange: null };
}

function csafProduct(random: Random, device: DeviceModel, k: number): ProductCriterion {
  const u = random.next();
  const status = u < 0.85 ? 'known_affected' : u < 0.95 ? 'fixed' : 'known_not_affected';
  const slug = device.model.toLowerCase().replace(/-/g, '_');
  return {
    productId: `CSAFPID-${String(1000 + k)}`,
    name: `${device.vendor} ${device.product} ${device.model}`,
    vendor: device.vendor,
    product: `${device.product} ${device.model}`,
    ...productRange(random, device),
    cpe: random.chance(0.2) ? cpeText('o', device.vendorSlug, `${slug}_firmware`) : null,
    purl: null,
    modelNumbers: random.chance(0.2) ? [device.model, `${device.model}E`] : [device.model],
    serialNumbers: random.chance(0.1) ? [`${device.model.slice(0, 2)}*`] : [],
    status,
    justification: status === 'known_not_affected' ? 'vulnerable_code_not_present' : null,
    impactStatement:
      status === 'known_not_affected' ? 'The affected service is not present.' : null,
  };
}

function csafAdvisory(i: number, random: Random, catalog: Catalog, picker: Picker): Advisory {
  const first = picker.pick(catalog.devices);
  const siblings = catalog.devicesByVendor.get(first.vendor) ?? [first];
  const count = random.between(1, Math.min(8, siblings.length));
  const devices = new Set([first]);
  while (devices.size < count) devices.add(random.pick(siblings));
  const products = [...devices].map((device, k) => csafProduct(random, device, k));
  const document = `ICSMA-${String(17 + (i % 9))}-${String(100 + (i % 250)).padStart(3, '0')}-${String(i % 100).padStart(2, '0')}`;
  return { ...base(cveId(i), 'csaf'), document, products };
}

export type AdvisoryKind = 'osv' | 'nvd' | 'csaf';

/**
 * Advisory i of the generated feed, of the given kind or drawn (45 % OSV, 50 % NVD, 5 % CSAF);
 * deterministic for a seeded `random`.
 */
export function makeAdvisoryMaker(
  random: Random,
  catalog: Catalog,
): (i: number, kind?: AdvisoryKind) => Advisory {
  const picker = new Picker(random);
  return (i, kind) => {
    const u = random.next();
    const drawn = u < OSV_SHARE ? 'osv' : u < OSV_SHARE + CSAF_SHARE ? 'csaf' : 'nvd';
    switch (kind ?? drawn) {
      case 'osv':
        return osvAdvisory(i, random, catalog, picker);
      case 'csaf':
        return csafAdvisory(i, random, catalog, picker);
      case 'nvd':
        return nvdAdvisory(i, random, catalog, picker);
    }
  };
}

/** Criteria an advisory states: package criteria, every cpeMatch, every CSAF product. */
export function criteriaCount(advisory: Advisory): number {
  let n = advisory.packages.length + advisory.products.length;
  for (const config of advisory.cpeConfigurations)
    for (const node of config.nodes) n += node.matches.length;
  return n;
}
