/**
 * Merges a batch of observations into assets, so each device shows once with where every fact
 * came from.
 *
 * 1. Prepare: normalize identifiers, skip what has no time or no identifier, sort canonically.
 * 2. Group the batch: observations that match each other are one device (union-find; MAC, serial
 *    with a compatible maker, asset tag, DICOM AE title at an IP, host name, IP at a time).
 * 3. Attach each group to the known asset it matches by the strongest identifier, or make a new
 *    asset. Different MACs, serials or asset tags never end up on one asset.
 * 4. Assemble each asset: facts and their winners, identifiers, lists, classification, criticality.
 *
 * @example
 * const scan = { ...emptyObservation({ kind: 'nmap', name: 'night.xml', importId: null },
 *   '2026-03-02T01:00:00Z'), identifiers: { mac: '00:1b:63:84:45:e6', ips: ['10.20.0.5'],
 *   hostnames: [{ name: 'CT1', origin: 'dns-ptr' }], serial: null, aeTitles: [], assetTag: null } };
 * const result = mergeObservations([], [scan], { now: new Date('2026-03-02T06:00:00Z'),
 *   newId: () => 'ast_1' });
 * // → result.counts: { created: 1, updated: 0, unchanged: 0, skipped: 0 }
 * // → result.assets[0].identifiers: mac 00:1b:63:84:45:e6, ip 10.20.0.5, hostname ct1 (status 'new')
 * // → result.assets[0].current.vendor: { value: 'Apple, Inc.', provenance: { origin: 'oui', … } }
 * mergeObservations(result.assets.map(toKnownAsset), [scan], …).changed; // → false
 */
import type { DeviceObservation } from '../../domain/observation.js';
import { assembleAsset } from './assemble.js';
import { KnownAssetMatcher, knownHostnames, summarizeGroup } from './attach.js';
import { groupBatch } from './batch-groups.js';
import { addToShortNameIndex, type ShortNameIndex } from './match-keys.js';
import { ouiVendor } from './oui.js';
import { prepareObservations, type PreparedObservation } from './prepare.js';
import type { KnownAsset, MergeOptions, MergeResult, MergedAsset } from './types.js';

/** How long an IP stays bound to the device last seen with it, unless the caller says otherwise. */
export const DEFAULT_IP_BINDING_HOURS = 24;

interface Placement {
  readonly known: KnownAsset | null;
  readonly members: PreparedObservation[];
}

/** Merges `observations` into `known` (the candidates sharing an identifier with the batch). */
export function mergeObservations(
  known: readonly KnownAsset[],
  observations: readonly DeviceObservation[],
  options: MergeOptions,
): MergeResult {
  const bindingMs = (options.ipBindingHours ?? DEFAULT_IP_BINDING_HOURS) * 3_600_000;
  const { prepared, notes } = prepareObservations(observations, options.now);
  const shortNames: ShortNameIndex = new Map();
  for (const o of prepared) for (const h of o.hostnames) addToShortNameIndex(shortNames, h.name);
  for (const name of knownHostnames(known)) addToShortNameIndex(shortNames, name);

  const matcher = new KnownAssetMatcher(known, shortNames, bindingMs);
  const placements: Placement[] = [];
  const byKnown = new Map<KnownAsset, Placement>();
  for (const members of groupBatch(prepared, shortNames, bindingMs)) {
    const knownAsset = matcher.attach(summarizeGroup(members));
    const existing = knownAsset === null ? undefined : byKnown.get(knownAsset);
    if (existing !== undefined) {
      existing.members.push(...members);
      continue;
    }
    const placement = { known: knownAsset, members: [...members] };
    placements.push(placement);
    if (knownAsset !== null) byKnown.set(knownAsset, placement);
  }

  const context = { vendorOfMac: options.vendorOfMac ?? ouiVendor, peers: options.peers };
  const assets: MergedAsset[] = placements.map((placement) => {
    const id = placement.known?.id ?? options.newId();
    return assembleAsset(id, placement.known, placement.members, context);
  });
  const created = assets.filter((a) => a.isNew).length;
  const updated = assets.filter((a) => !a.isNew && a.changed).length;
  return {
    assets,
    counts: {
      created,
      updated,
      unchanged: assets.length - created - updated,
      skipped: notes.filter((n) => n.kind === 'skipped').length,
    },
    changed: assets.some((a) => a.changed),
    notes: [...notes, ...matcher.notes],
  };
}
