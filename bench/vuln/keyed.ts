/**
 * Not how Wardline re-matches today: a sketch of the alternative the benchmark measures beside
 * it. Components and devices are keyed once by what the matcher looks them up by (purl package
 * key, CPE `part:vendor:product`, normalized name for name-only software, normalized model), so
 * a new advisory re-matches only the components under its own keys.
 *
 * CPE keys are read by splitting the formatted string, which is right for the generated names
 * (no quoted colons) but not in general: a real version would take `cpeKey` from the matcher.
 */
import type { Advisory } from '../../src/domain/vulnerability.js';
import {
  normalizeProduct,
  purlParts,
  type AdvisoryIndex,
  type DeviceTarget,
  type MatchTarget,
} from '../../src/engines/vuln/match/index.js';
import type { FleetAsset } from './fleet.js';

type Keyed =
  | { readonly device: false; readonly target: MatchTarget }
  | { readonly device: true; readonly target: DeviceTarget };

function cpeKeyOf(cpe: string): string | null {
  const [, , part, vendor, product] = cpe.split(':');
  if (part === undefined || vendor === undefined || product === undefined) return null;
  if ([part, vendor, product].some((v) => v === '*' || v === '-' || v.includes('?'))) return null;
  return `c:${part}:${vendor}:${product}`;
}

function softwareKey(target: MatchTarget): string | null {
  if (target.purl !== null) {
    const parts = purlParts(target.purl);
    return parts === null ? null : `p:${parts.key}`;
  }
  if (target.cpe !== null) return cpeKeyOf(target.cpe);
  return target.supplier === null ? null : `n:${normalizeProduct(target.name)}`;
}

export function deviceOf(
  asset: Pick<FleetAsset, 'vendor' | 'model' | 'firmware' | 'serial'>,
): DeviceTarget | null {
  if (asset.vendor === null && asset.model === null) return null;
  const { vendor, model, firmware, serial } = asset;
  return { ref: 'device', vendor, model, firmware, serial };
}

export class ComponentKeys {
  private readonly byKey = new Map<string, Keyed[]>();

  constructor(assets: readonly FleetAsset[]) {
    for (const asset of assets) {
      for (const target of asset.software) this.put(softwareKey(target), { device: false, target });
      const device = deviceOf(asset);
      if (device?.model != null) this.put(`m:${normalizeProduct(device.model)}`, { device: true, target: device });
    }
  } // prettier-ignore

  private put(key: string | null, item: Keyed): void {
    if (key === null) return;
    const list = this.byKey.get(key);
    if (list === undefined) this.byKey.set(key, [item]);
    else list.push(item);
  }

  get keyCount(): number {
    return this.byKey.size;
  }

  /** Re-matches the components under the advisory's keys against `index`; returns the matches. */
  rematch(advisory: Advisory, index: AdvisoryIndex): number {
    let matches = 0;
    for (const key of advisoryKeys(advisory)) {
      for (const item of this.byKey.get(key) ?? []) {
        matches += item.device
          ? index.matchDevice(item.target).length
          : index.matchSoftware(item.target).length;
      }
    }
    return matches;
  }
}

function cpeKeys(cpe: string, keys: Set<string>): void {
  const key = cpeKeyOf(cpe);
  if (key === null) return;
  keys.add(key);
  const [part, , product] = key.slice(2).split(':');
  if (part !== 'h' && product !== undefined) keys.add(`n:${normalizeProduct(product)}`);
}

/** Every key under which a component could match the advisory. */
export function advisoryKeys(advisory: Advisory): Set<string> {
  const keys = new Set<string>();
  for (const config of advisory.cpeConfigurations)
    for (const node of config.nodes)
      for (const m of node.matches) if (m.vulnerable && !node.negate) cpeKeys(m.cpe, keys);
  for (const pkg of advisory.packages) {
    const parts = purlParts(pkg.purl);
    if (parts !== null) keys.add(`p:${parts.key}`);
  }
  for (const product of advisory.products) {
    const parts = product.purl === null ? null : purlParts(product.purl);
    if (parts !== null) keys.add(`p:${parts.key}`);
    if (product.cpe !== null) cpeKeys(product.cpe, keys);
    for (const model of product.modelNumbers) keys.add(`m:${normalizeProduct(model)}`);
    keys.add(`m:${normalizeProduct(product.product ?? product.name)}`);
  }
  return keys;
}
