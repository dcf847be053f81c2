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
import {
  aeIpKey,
  hostnameKeys,
  spanDistance,
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
  readonly vendor: string | null;
  readonly ipSpans: Map<string, [number, number]>;
  /** `kind value` of every identifier strong enough to match on. */
  readonly matchable: Set<string>;
  /** `kind value` → when the asset last showed it. */
  readonly lastSeen: Map<string, number>;
}

export interface GroupSummary {
  readonly members: readonly PreparedObservation[];
  readonly ids: StrongIds;
  readonly matchable: ReadonlySet<string>;
}

function knownEntry(asset: KnownAsset): KnownEntry {
  const vendorFact = asset.facts.vendor;
  const entry: KnownEntry = {
    asset,
    macs: new Set(),
    serials: new Set(),
    tags: new Set(),
    vendor:
      vendorFact !== undefined && vendorFact.provenance.origin !== 'oui' ? vendorFact.value : null,
    ipSpans: new Map(),
    matchable: new Set(),
    lastSeen: new Map(),
  };
  for (const identifier of asset.identifiers) {
    const value = NORMALIZERS[identifier.kind](identifier.value);
    if (value === null || !MATCHABLE[identifier.kind](value)) continue;
    const key = `${identifier.kind} ${value}`;
    const last = Date.parse(identifier.lastSeen);
    entry.matchable.add(key);
    entry.lastSeen.set(key, Math.max(entry.lastSeen.get(key) ?? -Infinity, last));
    if (identifier.kind === 'mac') entry.macs.add(value);
    if (identifier.kind === 'serial') entry.serials.add(value);
    if (identifier.kind === 'asset-tag') entry.tags.add(value);
    if (identifier.kind === 'ip')
      entry.ipSpans.set(value, [Date.parse(identifier.firstSeen), last]);
  }
  return entry;
}

function aeTitlesOf(entry: KnownEntry): string[] {
  return [...entry.matchable].filter((k) => k.startsWith('ae-title ')).map((k) => k.slice(9));
}

function hostnamesOf(entry: KnownEntry): string[] {
  return [...entry.matchable].filter((k) => k.startsWith('hostname ')).map((k) => k.slice(9));
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

/** Summarizes a phase-1 group: its strong ids and the identifiers it can be matched by. */
export function summarizeGroup(members: readonly PreparedObservation[]): GroupSummary {
  let mac: string | null = null;
  let serial: string | null = null;
  let assetTag: string | null = null;
  const matchable = new Set<string>();
  for (const o of members) {
    if (o.macIdentifies && o.mac !== null) mac ??= o.mac;
    serial ??= o.serial;
    assetTag ??= o.assetTag;
    if (o.macIdentifies && o.mac !== null) matchable.add(`mac ${o.mac}`);
    if (o.serial !== null) matchable.add(`serial ${o.serial}`);
    if (o.assetTag !== null) matchable.add(`asset-tag ${o.assetTag}`);
    for (const ip of o.matchIps) matchable.add(`ip ${ip}`);
    for (const ae of o.aeTitles) matchable.add(`ae-title ${ae}`);
    for (const h of o.hostnames)
      if (isIdentifyingHostname(h.name)) matchable.add(`hostname ${h.name}`);
  }
  return { members, ids: { mac, serial, assetTag }, matchable };
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
  const rank = (entry: KnownEntry) => entry.lastSeen.get(key) ?? -Infinity;
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

  constructor(
    known: readonly KnownAsset[],
    private readonly shortNames: ShortNameIndex,
    private readonly bindingMs: number,
  ) {
    for (const entry of known.map(knownEntry)) {
      for (const mac of entry.macs) addTo(this.tier('mac'), mac, entry);
      for (const serial of entry.serials) addTo(this.tier('serial'), serial, entry);
      for (const tag of entry.tags) addTo(this.tier('asset-tag'), tag, entry);
      for (const ip of entry.ipSpans.keys()) addTo(this.tier('ip'), ip, entry);
      for (const ae of aeTitlesOf(entry)) {
        for (const ip of entry.ipSpans.keys()) addTo(this.tier('ae-ip'), aeIpKey(ae, ip), entry);
      }
      for (const name of hostnamesOf(entry)) {
        for (const key of hostnameKeys(name, shortNames)) addTo(this.tier('hostname'), key, entry);
      }
    }
  }

  private tier(tier: Tier): Index {
    return this.index.get(tier) ?? new Map<string, KnownEntry[]>();
  }

  /** The known asset a group joins, or null; the asset takes on the group's strong ids. */
  attach(group: GroupSummary): KnownAsset | null {
    const chosen = this.strongMatch(group) ?? this.weakMatch(group);
    if (chosen === null) return null;
    if (group.ids.mac !== null) chosen.macs.add(group.ids.mac);
    if (group.ids.serial !== null) chosen.serials.add(group.ids.serial);
    if (group.ids.assetTag !== null) chosen.tags.add(group.ids.assetTag);
    return chosen.asset;
  }

  private candidates(tier: Tier, keys: Iterable<string>, group: GroupSummary): KnownEntry[] {
    const found = new Set<KnownEntry>();
    for (const key of keys) for (const entry of this.tier(tier).get(key) ?? []) found.add(entry);
    return [...found].filter((entry) => !conflictsWith(entry, group.ids));
  }

  private strongMatch(group: GroupSummary): KnownEntry | null {
    const { mac, serial, assetTag } = group.ids;
    const vendors = group.members.map((o) => o.vendor).filter((v): v is string => v !== null);
    const sameMaker = (entry: KnownEntry) =>
      entry.vendor === null || vendors.every((v) => vendorsCompatible(v, entry.vendor ?? v));
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
    const aeIp = members.flatMap((o) =>
      o.aeTitles.flatMap((ae) => o.matchIps.map((ip) => aeIpKey(ae, ip))),
    );
    const byAe = this.candidates('ae-ip', aeIp, group).sort(byRecency(''));
    if (byAe[0] !== undefined) return byAe[0];
    const names = members.flatMap((o) =>
      o.hostnames.flatMap((h) => hostnameKeys(h.name, this.shortNames)),
    );
    const byName = this.candidates('hostname', names, group);
    if (byName.length === 1 && byName[0] !== undefined) return byName[0];
    return this.ipMatch(group);
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
        const held = entry.ipSpans.get(ip);
        const distance = held === undefined ? Infinity : spanDistance(span, held);
        if (distance <= this.bindingMs) {
          distances.set(entry, Math.min(distances.get(entry) ?? Infinity, distance));
        }
      }
    }
    const nearest = Math.min(...distances.values());
    const tied = [...distances].filter(([, d]) => d === nearest).map(([entry]) => entry);
    if (tied.length <= 1) return tied[0] ?? null;
    // Several devices held the address then. Only an asset made of nothing but this group's own
    // identifiers (this same batch, merged before) is certainly it.
    const exact = tied.filter((entry) =>
      [...entry.matchable].every((key) => group.matchable.has(key)),
    );
    return exact.length === 1 ? (exact[0] ?? null) : null;
  }
}
