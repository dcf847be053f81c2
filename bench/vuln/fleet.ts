/**
 * The generated fleet: assets of four profiles (Debian and RHEL-family servers, Windows
 * workstations, medical devices), each with distinct components drawn by popularity (Zipf, s = 1:
 * the top names run everywhere, most names on a few assets), mostly at their latest release.
 * Components carry a purl, a CPE, or only a name and supplier, as scans and SBOMs give them.
 */
import type { MatchTarget } from '../../src/engines/vuln/match/index.js';
import type { Catalog, CpeProduct, DeviceModel, Ecosystem, Package } from './catalog.js';
import { Zipf, type Random } from './random.js';

export interface FleetAsset {
  readonly id: string;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly serial: string | null;
  readonly software: MatchTarget[];
}

/** How many components of each source one asset of a profile has (100 in all). */
type Mix = Readonly<Partial<Record<Ecosystem | 'apps' | 'names', number>>>;

interface Profile {
  readonly share: number;
  readonly os: readonly [string, string] | null;
  readonly device: boolean;
  readonly mix: Mix;
}

const PROFILES: readonly Profile[] = [
  { share: 0.3, os: ['debian', 'debian_linux'], device: false, mix: { deb: 45, npm: 12, pypi: 10, maven: 8, golang: 5, apps: 14, names: 5 } },
  { share: 0.2, os: ['redhat', 'enterprise_linux'], device: false, mix: { rpm: 45, npm: 12, pypi: 10, maven: 8, golang: 5, apps: 14, names: 5 } },
  { share: 0.35, os: ['microsoft', 'windows_10'], device: false, mix: { npm: 10, maven: 12, pypi: 8, apps: 60, names: 9 } },
  { share: 0.15, os: ['linux', 'linux_kernel'], device: true, mix: { deb: 30, npm: 15, pypi: 10, golang: 10, apps: 29, names: 5 } },
]; // prettier-ignore
const FALLBACK: Profile = { share: 0, os: null, device: false, mix: { npm: 100 } };

/** One 5,000-component SBOM of a device platform. */
export const SBOM_MIX: Mix = {
  deb: 1500,
  npm: 1500,
  pypi: 600,
  maven: 800,
  golang: 400,
  apps: 150,
  names: 50,
};

/** Share of components at their latest release; the rest at an older one, uniformly. */
const LATEST = 0.95;

export class FleetMaker {
  private readonly zipfs = new Map<number, Zipf>();

  constructor(
    private readonly random: Random,
    private readonly catalog: Catalog,
  ) {}

  private zipf(n: number): Zipf {
    let zipf = this.zipfs.get(n);
    if (zipf === undefined) this.zipfs.set(n, (zipf = new Zipf(n, 1)));
    return zipf;
  }

  private draw<T>(items: readonly T[], count: number): T[] {
    return this.zipf(items.length)
      .distinct(this.random, count)
      .map((rank) => items[rank])
      .filter((item): item is T => item !== undefined);
  }

  private version(versions: readonly string[]): string {
    const last = versions.length - 1;
    const index = this.random.chance(LATEST) ? last : this.random.int(Math.max(1, last));
    return versions[index] ?? '0';
  }

  private packageComponent(ref: string, pkg: Package): MatchTarget {
    const version = this.version(pkg.versions);
    const qualifiers =
      pkg.ecosystem === 'deb'
        ? '?arch=amd64&distro=debian-12'
        : pkg.ecosystem === 'rpm'
          ? '?arch=x86_64'
          : '';
    const purl = `${pkg.componentPurl}@${encodeURIComponent(version)}${qualifiers}`;
    return { ref, name: pkg.name, version, supplier: null, purl, cpe: null };
  }

  private appComponent(ref: string, app: CpeProduct): MatchTarget {
    const version = this.version(app.versions);
    const cpeVersion = this.random.chance(0.1) ? '*' : version;
    const cpe = `cpe:2.3:${app.part}:${app.vendor}:${app.product}:${cpeVersion}:*:*:*:*:*:*:*`;
    return {
      ref,
      name: app.product.replace(/_/g, ' '),
      version,
      supplier: app.supplier,
      purl: null,
      cpe,
    };
  }

  private namedComponent(ref: string, app: CpeProduct): MatchTarget {
    const name = app.product.replace(/_/g, ' ');
    return {
      ref,
      name,
      version: this.version(app.versions),
      supplier: app.supplier,
      purl: null,
      cpe: null,
    };
  }

  /** The components of one mix, refs `${prefix}-${n}`. */
  components(prefix: string, mix: Mix): MatchTarget[] {
    const out: MatchTarget[] = [];
    const ref = () => `${prefix}-${String(out.length)}`;
    for (const [source, count] of Object.entries(mix) as [keyof Mix, number][]) {
      if (source === 'apps') for (const app of this.draw(this.catalog.apps, count)) out.push(this.appComponent(ref(), app));
      else if (source === 'names') for (const app of this.draw(this.catalog.apps, count)) out.push(this.namedComponent(ref(), app));
      else for (const pkg of this.draw(this.catalog.packages[source], count)) out.push(this.packageComponent(ref(), pkg));
    }
    return out;
  } // prettier-ignore

  private profile(): Profile {
    let u = this.random.next();
    for (const profile of PROFILES) {
      u -= profile.share;
      if (u < 0) return profile;
    }
    return FALLBACK;
  }

  private osComponent(ref: string, os: readonly [string, string]): MatchTarget {
    const system = this.catalog.systems.find((s) => s.vendor === os[0] && s.product === os[1]);
    const version = system === undefined ? '*' : this.random.pick(system.versions);
    const cpe = `cpe:2.3:o:${os[0]}:${os[1]}:${version}:*:*:*:*:*:*:*`;
    return {
      ref,
      name: os[1].replace(/_/g, ' '),
      version,
      supplier: system?.supplier ?? null,
      purl: null,
      cpe,
    };
  }

  private deviceFields(): Pick<FleetAsset, 'vendor' | 'model' | 'firmware' | 'serial'> {
    const device: DeviceModel = this.catalog.devices[this.zipf(this.catalog.devices.length).sample(this.random)] ?? this.random.pick(this.catalog.devices);
    const byName = this.random.chance(0.15);
    return {
      vendor: this.random.chance(0.2) ? (device.vendor.split(' ')[0] ?? device.vendor) : device.vendor,
      model: byName ? `${device.product} ${device.model}` : device.model,
      firmware: this.random.chance(0.05) ? null : this.version(device.firmwares),
      serial: `${device.model.slice(0, 2)}${String(100_000 + this.random.int(900_000))}`,
    };
  } // prettier-ignore

  /** Asset i: 100 components (99 drawn, one OS), and a make, model and firmware for devices. */
  asset(i: number): FleetAsset {
    const id = `asset-${String(i).padStart(7, '0')}`;
    const profile = this.profile();
    const software = this.components(id, profile.mix);
    if (profile.os !== null) software.push(this.osComponent(`${id}-os`, profile.os));
    const device = profile.device
      ? this.deviceFields()
      : { vendor: null, model: null, firmware: null, serial: null };
    return { id, ...device, software };
  }
}
