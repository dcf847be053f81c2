/**
 * Phase 2 of matching: each group of the batch joins the known asset it matches by the strongest
 * identifier, or becomes a new asset. A known asset collects the strong ids of the groups it takes,
 * so two groups with different MACs never land on the same asset.
 */
import type { IdentifierKind } from '../../domain/inventory.js';
import {
  isIdentifyingHostname,
  isIdentifyingIp,
  isIdentifyingMac,
  normalizeAeTitle,
  normalizeAssetTag,
  normalizeHostname,
  normalizeIp,
  normalizeMac,
  normalizeSerial,
  vendorsCompatible,
} from './identifiers.js';
import { strongIdsOf } from './batch-groups.js';
import {
  aeIpKey,
  hostnameKeys,
  spanDistance,
  unionStrongIds,
  NO_STRONG_IDS,
  type ShortNameIndex,
  type StrongIds,
} from './match-keys.js';
import type { PreparedObservation } from './prepare.js';
import type { KnownAsset, MergeNote } from './types.js';

const NORMALIZERS: Readonly<Record<IdentifierKind, (value: string) => string | null>> = {
  mac: normalizeMac,
  ip: normalizeIp,
  hostname: normalizeHostname,
  serial: normalizeSerial,
  'ae-title': normalizeAeTitle,
  'asset-tag': normalizeAssetTag,
};

const MATCHABLE: Readonly<Record<IdentifierKind, (value: string) => boolean>> = {
  mac: isIdentifyingMac,
  ip: isIdentifyingIp,
  hostname: isIdentifyingHostname,
  serial: () => true,
  'ae-title': () => true,
  'asset-tag': () => true,
};

interface KnownEntry {
  readonly asset: KnownAsset;
  readonly macs: Set<string>;
  readonly serials: Set<string>;
  readonly tags: Set<string>;
  /** Makers named with the asset's serial (see `serialMaker`) and by the groups it took. */
  readonly vendors: string[];
  /** `kind value` of every identifier strong enough to match on. */
  readonly matchable: string[];
  /** `kind value` of every identifier, matchable or not → [first seen, last seen]. */
  readonly spans: Map<string, [number, number]>;
}

/** A phase-1 group as phase 2 sees it. */
export interface GroupSummary {
  readonly members: readonly PreparedObservation[];
  readonly ids: StrongIds;
  readonly matchable: ReadonlySet<string>;
  /** `kind value` of every identifier the group records → the times it was seen. */
  readonly sightings: ReadonlyMap<string, readonly number[]>;
}

/**
 * The maker recorded with the asset's serial: its vendor, when the vendor and the serial were
 * stated by the same sighting (same source, same time) and not looked up from the OUI.
 */
function serialMaker(asset: KnownAsset): string | null {
  const vendor = asset.facts.vendor;
  const serial = asset.facts.serial;
  if (vendor === undefined || serial === undefined || vendor.provenance.origin === 'oui')
    return null;
  const a = vendor.provenance;
  const b = serial.provenance;
  const same =
    a.sourceKind === b.sourceKind &&
    a.sourceName === b.sourceName &&
    Date.parse(a.observedAt) === Date.parse(b.observedAt);
  return same ? vendor.value : null;
}

function knownEntry(asset: KnownAsset): KnownEntry {
  const maker = serialMaker(asset);
  const entry: KnownEntry = {
    asset,
    macs: new Set(),
    serials: new Set(),
    tags: new Set(),
    vendors: maker === null ? [] : [maker],
    matchable: [],
    spans: new Map(),
  };
  for (const identifier of asset.identifiers) {
    const value = NORMALIZERS[identifier.kind](identifier.value);
    const key = `${identifier.kind} ${value ?? identifier.value}`;
    entry.spans.set(key, [Date.parse(identifier.firstSeen), Date.parse(identifier.lastSeen)]);
    if (value === null || !MATCHABLE[identifier.kind](value)) continue;
    entry.matchable.push(key);
    if (identifier.kind === 'mac') entry.macs.add(value);
    if (identifier.kind === 'serial') entry.serials.add(value);
    if (identifier.kind === 'asset-tag') entry.tags.add(value);
  }
  return entry;
}

/** The values of the asset's matchable identifiers of one kind. */
function valuesOf(entry: KnownEntry, kind: IdentifierKind): string[] {
  const prefix = `${kind} `;
  return entry.matchable.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

/** The short-name index needs every known host name too. */
export function knownHostnames(known: readonly KnownAsset[]): string[] {
  return known.flatMap((asset) =>
    asset.identifiers
      .filter((identifier) => identifier.kind === 'hostname')
      .map((identifier) => normalizeHostname(identifier.value))
      .filter((name): name is string => name !== null),
  );
}

/** Whether an identifier of an observation (`kind value`) is strong enough to match on. */
function isMatchableKey(key: string, o: PreparedObservation): boolean {
  if (key.startsWith('mac ')) return o.macIdentifies;
  if (key.startsWith('hostname ')) return isIdentifyingHostname(key.slice('hostname '.length));
  return true;
}

/** Summarizes a phase-1 group: its strong ids and the identifiers it can be matched by. */
export function summarizeGroup(members: readonly PreparedObservation[]): GroupSummary {
  const ids = members.map(strongIdsOf).reduce(unionStrongIds, NO_STRONG_IDS);
  const matchable = new Set<string>();
  const sightings = new Map<string, number[]>();
  for (const o of members) {
    for (const key of o.identifierKeys) {
      const times = sightings.get(key);
      if (times === undefined) sightings.set(key, [o.at]);
      else times.push(o.at);
      if (isMatchableKey(key, o)) matchable.add(key);
    }
  }
  return { members, ids, matchable, sightings };
}

/** The makers named by the observations that carry the group's serial. */
function serialVendors(group: GroupSummary): string[] {
  return group.members
    .filter((o) => o.serial !== null && o.serial === group.ids.serial)
    .map((o) => o.vendor)
    .filter((v): v is string => v !== null);
}

function conflictsWith(entry: KnownEntry, ids: StrongIds): boolean {
  const differs = (held: Set<string>, value: string | null) =>
    value !== null && held.size > 0 && !held.has(value);
  return (
    differs(entry.macs, ids.mac) ||
    differs(entry.serials, ids.serial) ||
    differs(entry.tags, ids.assetTag)
  );
}

type Index = Map<string, KnownEntry[]>;

function addTo(index: Index, key: string, entry: KnownEntry): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [entry]);
  else if (!list.includes(entry)) list.push(entry);
}

function byRecency(key: string) {
  const rank = (entry: KnownEntry) => entry.spans.get(key)?.[1] ?? -Infinity;
  return (a: KnownEntry, b: KnownEntry) =>
    rank(b) - rank(a) || (a.asset.id < b.asset.id ? -1 : a.asset.id > b.asset.id ? 1 : 0);
}

const TIERS = ['mac', 'serial', 'asset-tag', 'ae-ip', 'hostname', 'ip'] as const;
type Tier = (typeof TIERS)[number];
type StrongTier = 'mac' | 'serial' | 'asset-tag';

/** Matches groups to known assets, in the order groups are given. */
export class KnownAssetMatcher {
  private readonly index = new Map<Tier, Index>(TIERS.map((tier) => [tier, new Map()]));
  readonly notes: MergeNote[] = [];
  private readonly noted = new Set<string>();
  private readonly entries: readonly KnownEntry[];
  /** Every identifier → the assets holding it; built on first need (replays are rare). */
  private replay: Index | null = null;

  constructor(
    known: readonly KnownAsset[],
    private readonly shortNames: ShortNameIndex,
    private readonly bindingMs: number,
  ) {
    this.entries = known.map(knownEntry);
    for (const entry of this.entries) {
      for (const mac of entry.macs) addTo(this.tier('mac'), mac, entry);
      for (const serial of entry.serials) addTo(this.tier('serial'), serial, entry);
      for (const tag of entry.tags) addTo(this.tier('asset-tag'), tag, entry);
      const ips = valuesOf(entry, 'ip');
      for (const ip of ips) addTo(this.tier('ip'), ip, entry);
      for (const ae of valuesOf(entry, 'ae-title')) {
        for (const ip of ips) addTo(this.tier('ae-ip'), aeIpKey(ae, ip), entry);
      }
      for (const name of valuesOf(entry, 'hostname')) {
        for (const key of hostnameKeys(name, shortNames)) addTo(this.tier('hostname'), key, entry);
      }
    }
  }

  private replayIndex(): Index {
    if (this.replay === null) {
      const index: Index = new Map();
      for (const entry of this.entries)
        for (const key of entry.spans.keys()) addTo(index, key, entry);
      this.replay = index;
    }
    return this.replay;
  }

  private tier(tier: Tier): Index {
    return this.index.get(tier) ?? new Map<string, KnownEntry[]>();
  }

  /** The known asset a group joins, or null; the asset takes on the group's strong ids. */
  attach(group: GroupSummary): KnownAsset | null {
    const chosen = this.strongMatch(group) ?? this.weakMatch(group) ?? this.replayMatch(group);
    if (chosen === null) return null;
    if (group.ids.mac !== null) chosen.macs.add(group.ids.mac);
    if (group.ids.serial !== null) chosen.serials.add(group.ids.serial);
    if (group.ids.assetTag !== null) chosen.tags.add(group.ids.assetTag);
    chosen.vendors.push(...serialVendors(group));
    return chosen.asset;
  }

  private candidates(tier: Tier, keys: Iterable<string>, group: GroupSummary): KnownEntry[] {
    const found = new Set<KnownEntry>();
    for (const key of keys) for (const entry of this.tier(tier).get(key) ?? []) found.add(entry);
    return [...found].filter((entry) => !conflictsWith(entry, group.ids));
  }

  private strongMatch(group: GroupSummary): KnownEntry | null {
    const { mac, serial, assetTag } = group.ids;
    const vendors = serialVendors(group);
    const sameMaker = (entry: KnownEntry) =>
      vendors.every((v) => entry.vendors.every((w) => vendorsCompatible(v, w)));
    const tiers: [StrongTier, string | null, KnownEntry[]][] = [
      ['mac', mac, mac === null ? [] : this.candidates('mac', [mac], group)],
      [
        'serial',
        serial,
        serial === null ? [] : this.candidates('serial', [serial], group).filter(sameMaker),
      ],
      [
        'asset-tag',
        assetTag,
        assetTag === null ? [] : this.candidates('asset-tag', [assetTag], group),
      ],
    ];
    const first = tiers.find(([, , found]) => found.length > 0);
    if (first === undefined) return null;
    const [tier, value, found] = first;
    const chosen = [...found].sort(byRecency(`${tier} ${value ?? ''}`))[0] ?? null;
    if (chosen === null) return null;
    for (const [kind, , others] of tiers) {
      for (const other of others) if (other !== chosen) this.noteDuplicate(chosen, other, kind);
    }
    return chosen;
  }

  private noteDuplicate(chosen: KnownEntry, other: KnownEntry, identifier: StrongTier): void {
    const key = `${chosen.asset.id} ${other.asset.id}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push({
      kind: 'possible-duplicate',
      assetId: chosen.asset.id,
      otherAssetId: other.asset.id,
      identifier,
    });
  }

  private weakMatch(group: GroupSummary): KnownEntry | null {
    const members = group.members;
    const aeIp = members.flatMap((o) => o.aeIpKeys);
    const byAe = onlyOne(this.candidates('ae-ip', aeIp, group), group);
    if (byAe !== null) return byAe;
    const names = members.flatMap((o) =>
      o.hostnames.flatMap((h) => hostnameKeys(h.name, this.shortNames)),
    );
    return onlyOne(this.candidates('hostname', names, group), group) ?? this.ipMatch(group);
  }

  /** IP at a time: the asset that held the address nearest in time, within the binding window. */
  private ipMatch(group: GroupSummary): KnownEntry | null {
    const spans = new Map<string, [number, number]>();
    for (const o of group.members) {
      for (const ip of o.matchIps) {
        const span = spans.get(ip);
        spans.set(
          ip,
          span === undefined ? [o.at, o.at] : [Math.min(span[0], o.at), Math.max(span[1], o.at)],
        );
      }
    }
    const distances = new Map<KnownEntry, number>();
    for (const entry of this.candidates('ip', spans.keys(), group)) {
      for (const [ip, span] of spans) {
        const held = entry.spans.get(`ip ${ip}`);
        const distance = held === undefined ? Infinity : spanDistance(span, held);
        if (distance <= this.bindingMs) {
          distances.set(entry, Math.min(distances.get(entry) ?? Infinity, distance));
        }
      }
    }
    const nearest = Math.min(...distances.values());
    return onlyOne(
      [...distances].filter(([, d]) => d === nearest).map(([entry]) => entry),
      group,
    );
  }

  /**
   * The same sightings read again: the asset already records every identifier of the group, each
   * over a span that contains the group's times and starts or ends at one of them. Makes a
   * re-import change nothing even for observations with no identifier strong enough to match on
   * (a randomized MAC, an AE title without an address).
   */
  private replayMatch(group: GroupSummary): KnownEntry | null {
    const [first] = group.sightings.keys();
    if (first === undefined) return null;
    const candidates = (this.replayIndex().get(first) ?? []).filter(
      (entry) =>
        !conflictsWith(entry, group.ids) &&
        [...group.sightings].every(([key, times]) => replays(entry.spans.get(key), times)),
    );
    if (candidates.length <= 1) return candidates[0] ?? null;
    const exact = candidates.filter((entry) => entry.spans.size === group.sightings.size);
    return exact.length === 1 ? (exact[0] ?? null) : null;
  }
}

/**
 * The one candidate of a weak tier, or null when several remain. Among several, an asset made of
 * nothing but the group's own identifiers (this same batch, merged before) is certainly it.
 */
function onlyOne(candidates: readonly KnownEntry[], group: GroupSummary): KnownEntry | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const exact = candidates.filter((entry) =>
    entry.matchable.every((key) => group.matchable.has(key)),
  );
  return exact.length === 1 ? (exact[0] ?? null) : null;
}

function replays(span: readonly [number, number] | undefined, times: readonly number[]): boolean {
  if (span === undefined) return false;
  const [from, to] = span;
  return times.every((t) => t >= from && t <= to) && times.some((t) => t === from || t === to);
}
