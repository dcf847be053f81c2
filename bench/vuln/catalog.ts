/**
 * The software and devices the generated fleet runs and the generated advisories name: packages
 * of six purl ecosystems, CPE applications and operating systems, and medical device models, each
 * with an ascending release history in its own version scheme. Rank 0 of every list is the most
 * popular name (Zipf draws pick low ranks most).
 */
import type { VersionScheme } from '../../src/domain/vulnerability.js';
import type { Random } from './random.js';

export const ECOSYSTEMS = ['npm', 'pypi', 'maven', 'golang', 'deb', 'rpm'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export const SCHEME_OF: Readonly<Record<Ecosystem, VersionScheme>> = {
  npm: 'semver',
  pypi: 'pep440',
  maven: 'maven',
  golang: 'golang',
  deb: 'deb',
  rpm: 'rpm',
};

export interface Package {
  readonly ecosystem: Ecosystem;
  /** The purl without version, as an advisory writes it. */
  readonly purl: string;
  /** The purl base as an SBOM writes it (PyPI names in their published spelling). */
  readonly componentPurl: string;
  readonly name: string;
  /** Ascending in the ecosystem's scheme. */
  readonly versions: readonly string[];
}

export interface CpeProduct {
  readonly part: 'a' | 'o';
  readonly vendor: string;
  readonly product: string;
  /** The vendor as a supplier field writes it (`Acme Corp.`). */
  readonly supplier: string;
  readonly versions: readonly string[];
}

export interface DeviceModel {
  readonly vendor: string;
  readonly vendorSlug: string;
  readonly product: string;
  readonly model: string;
  readonly firmwares: readonly string[];
}

export interface Catalog {
  readonly packages: Readonly<Record<Ecosystem, readonly Package[]>>;
  readonly apps: readonly CpeProduct[];
  readonly systems: readonly CpeProduct[];
  readonly devices: readonly DeviceModel[];
  /** Device models by vendor, for advisories that name several products of one maker. */
  readonly devicesByVendor: ReadonlyMap<string, readonly DeviceModel[]>;
}

/** Names per list at scale 1. */
const SIZES: Readonly<Record<Ecosystem | 'apps' | 'devices', number>> = {
  npm: 30_000,
  pypi: 12_000,
  maven: 12_000,
  golang: 6_000,
  deb: 8_000,
  rpm: 6_000,
  apps: 25_000,
  devices: 3_000,
};

const SYLLABLES = [
  'ka', 'lo', 'mi', 'ra', 'ne', 'to', 'vi', 'su', 'de', 'po', 'fa', 'ri', 'zo', 'ba', 'cu',
  'gel', 'tor', 'mex', 'lin', 'dar', 'sen', 'pol', 'vik', 'rum', 'tas', 'nix', 'bel', 'cor',
  'fen', 'hal', 'jet', 'qua', 'wis', 'yon', 'xer', 'ost', 'ul', 'em', 'ark', 'ion',
]; // prettier-ignore

const SUFFIXES = ['', ' Inc.', ' Corp.', ' GmbH', ' Ltd', ' LLC', ' AG', ' S.A.'];

class Names {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  /** A lower-case word of `min` to `max` syllables, not necessarily new. */
  word(min = 2, max = 4): string {
    const count = this.random.between(min, max);
    let word = '';
    for (let i = 0; i < count; i++) word += this.random.pick(SYLLABLES);
    return word;
  }

  /** A word unique within this catalog (a number appended once the short ones run out). */
  fresh(min = 2, max = 4): string {
    for (let attempt = 0; ; attempt++) {
      const word = this.word(min, max) + (attempt < 10 ? '' : String(this.used.size));
      if (!this.used.has(word)) {
        this.used.add(word);
        return word;
      }
    }
  }
}

/** Release numbers `[major, minor, patch]`, ascending: mostly patches, some minors, few majors. */
function releases(random: Random, count: number): [number, number, number][] {
  let major = random.int(3);
  let minor = random.int(4);
  let patch = 0;
  const out: [number, number, number][] = [];
  for (let i = 0; i < count; i++) {
    out.push([major, minor, patch]);
    const step = random.next();
    if (step < 0.7) patch += 1;
    else if (step < 0.95) {
      minor += 1;
      patch = 0;
    } else {
      major += 1;
      minor = 0;
      patch = 0;
    }
  }
  return out;
}

function historyLength(random: Random): number {
  return random.between(6, 40);
}

function decorate(ecosystem: Ecosystem, random: Random): (r: [number, number, number]) => string {
  const epoch = random.chance(0.1) ? `${random.between(1, 2)}:` : '';
  const final = random.chance(0.2) ? '.Final' : '';
  switch (ecosystem) {
    case 'npm':
      return ([a, b, c]) => `${a}.${b}.${c}`;
    case 'pypi':
      return ([a, b, c]) => (c === 0 ? `${a}.${b}` : `${a}.${b}.${c}`);
    case 'maven':
      return ([a, b, c]) => `${a}.${b}.${c}${final}`;
    case 'golang':
      return ([a, b, c]) => `v${a}.${b}.${c}`;
    case 'deb':
      return ([a, b, c]) => `${epoch}${a}.${b}.${c}-${1 + (c % 3)}${c % 4 === 3 ? '+deb12u1' : ''}`;
    case 'rpm':
      return ([a, b, c]) => `${a}.${b}.${c}-${1 + (c % 5)}.el9`;
  }
}

function packagePurls(
  ecosystem: Ecosystem,
  names: Names,
  random: Random,
): [string, string, string] {
  const name = names.fresh();
  switch (ecosystem) {
    case 'npm': {
      const scoped = random.chance(0.2) ? `%40${names.word(2, 2)}/` : '';
      const base = `pkg:npm/${scoped}${name}`;
      return [base, base, name];
    }
    case 'pypi': {
      const spelled = random.chance(0.3)
        ? `${name.slice(0, 1).toUpperCase()}${name.slice(1)}_py`
        : `${name}-py`;
      return [`pkg:pypi/${name}-py`, `pkg:pypi/${spelled}`, `${name}-py`];
    }
    case 'maven': {
      const base = `pkg:maven/org.${names.word(2, 2)}/${name}-core`;
      return [base, base, `${name}-core`];
    }
    case 'golang': {
      const base = `pkg:golang/github.com/${names.word(2, 2)}/${name}`;
      return [base, base, name];
    }
    case 'deb':
      return [`pkg:deb/debian/lib${name}`, `pkg:deb/debian/lib${name}`, `lib${name}`];
    case 'rpm':
      return [`pkg:rpm/redhat/${name}-libs`, `pkg:rpm/redhat/${name}-libs`, `${name}-libs`];
  }
}

function makePackages(
  ecosystem: Ecosystem,
  count: number,
  names: Names,
  random: Random,
): Package[] {
  return Array.from({ length: count }, () => {
    const [purl, componentPurl, name] = packagePurls(ecosystem, names, random);
    const format = decorate(ecosystem, random);
    const versions = releases(random, historyLength(random)).map(format);
    return { ecosystem, purl, componentPurl, name, versions };
  });
}

function makeApps(count: number, names: Names, random: Random): CpeProduct[] {
  const vendors = Array.from({ length: Math.max(10, Math.round(count / 4)) }, () => ({
    slug: names.fresh(2, 3),
    suffix: random.pick(SUFFIXES),
  }));
  return Array.from({ length: count }, () => {
    const vendor = random.pick(vendors);
    const product = random.chance(0.3) ? `${names.fresh(2, 3)}_${names.word(1, 2)}` : names.fresh();
    const four = random.chance(0.2);
    const versions = releases(random, historyLength(random)).map(([a, b, c]) =>
      four ? `${a}.${b}.${c}.${100 + c * 7}` : `${a}.${b}.${c}`,
    );
    const supplier = `${vendor.slug.slice(0, 1).toUpperCase()}${vendor.slug.slice(1)}${vendor.suffix}`;
    return { part: 'a' as const, vendor: vendor.slug, product, supplier, versions };
  });
}

/** Operating systems: a Windows-like line of feature releases and numbered Linux releases. */
function makeSystems(): CpeProduct[] {
  const windows = ['1809', '1903', '1909', '2004', '20h2', '21h2', '22h2'];
  return [
    { part: 'o', vendor: 'microsoft', product: 'windows_10', supplier: 'Microsoft Corporation', versions: windows },
    { part: 'o', vendor: 'microsoft', product: 'windows_server_2019', supplier: 'Microsoft Corporation', versions: ['-'] },
    { part: 'o', vendor: 'debian', product: 'debian_linux', supplier: 'Debian', versions: ['10.0', '11.0', '12.0'] },
    { part: 'o', vendor: 'redhat', product: 'enterprise_linux', supplier: 'Red Hat, Inc.', versions: ['8.0', '9.0'] },
    { part: 'o', vendor: 'linux', product: 'linux_kernel', supplier: 'Linux', versions: ['5.10.0', '5.15.0', '6.1.0', '6.6.0'] },
  ]; // prettier-ignore
}

function makeDevices(count: number, names: Names, random: Random): DeviceModel[] {
  const kinds = ['Infusion Pump', 'Patient Monitor', 'Ventilator', 'Ultrasound', 'CT Scanner', 'Anesthesia Workstation', 'Glucose Analyzer', 'Telemetry Receiver']; // prettier-ignore
  const vendors = Array.from({ length: Math.max(5, Math.round(count / 20)) }, () => {
    const slug = names.fresh(2, 3);
    return {
      slug,
      name: `${slug.slice(0, 1).toUpperCase()}${slug.slice(1)} Medical${random.pick(SUFFIXES)}`,
    };
  });
  return Array.from({ length: count }, (_, i) => {
    const vendor = random.pick(vendors);
    const prefix = names.word(1, 1).toUpperCase();
    const model = `${prefix}-${String(1000 + i)}`;
    const firmwares = releases(random, random.between(4, 15)).map(([a, b, c]) => `${a + 1}.${b}.${c}`);
    return { vendor: vendor.name, vendorSlug: vendor.slug, product: `${random.pick(kinds)} ${prefix}`, model, firmwares };
  }); // prettier-ignore
}

export function makeCatalog(random: Random, scale: number): Catalog {
  const names = new Names(random);
  const size = (key: keyof typeof SIZES) => Math.max(50, Math.round(SIZES[key] * scale));
  const packages = {} as Record<Ecosystem, Package[]>;
  for (const ecosystem of ECOSYSTEMS)
    packages[ecosystem] = makePackages(ecosystem, size(ecosystem), names, random);
  const devices = makeDevices(size('devices'), names, random);
  const devicesByVendor = new Map<string, DeviceModel[]>();
  for (const device of devices) {
    const list = devicesByVendor.get(device.vendor);
    if (list === undefined) devicesByVendor.set(device.vendor, [device]);
    else list.push(device);
  }
  return {
    packages,
    apps: makeApps(size('apps'), names, random),
    systems: makeSystems(),
    devices,
    devicesByVendor,
  };
}
