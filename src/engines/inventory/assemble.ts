/**
 * One asset after a batch: identifiers, facts and their winners, merged lists, classification and
 * criticality, and whether any of it differs from what the store holds.
 */
import type { AssetCategory, Identifier } from '../../domain/inventory.js';
import type { ObservationSourceKind } from '../../domain/observation.js';
import { classifyAsset } from './classify.js';
import {
  NO_PROTOCOLS,
  mergeProtocols,
  mergeScanFindings,
  mergeServices,
  mergeSoftware,
} from './collections.js';
import { defaultCriticality, resolveCriticality } from './criticality.js';
import { factsOf, isRepeatOf, pickCurrent } from './facts.js';
import { mergeIdentifiers } from './identifier-merge.js';
import type { PreparedObservation } from './prepare.js';
import { sameRows, sameValue } from './same-value.js';
import type {
  AssetCriticality,
  AssetProfile,
  CurrentAssetFacts,
  KnownAsset,
  MergedAsset,
  MergedIdentifier,
  PeerCounts,
} from './types.js';

/** What assembling needs besides the asset: the OUI lookup and the capture's peer counts. */
export interface AssembleContext {
  readonly vendorOfMac: (mac: string) => string | null;
  readonly peers: ReadonlyMap<string, PeerCounts> | undefined;
}

function values(identifiers: readonly Identifier[], kind: Identifier['kind']): string[] {
  return identifiers.filter((i) => i.kind === kind).map((i) => i.value);
}

function peersOf(ips: readonly string[], peers: AssembleContext['peers']): PeerCounts | undefined {
  if (peers === undefined) return undefined;
  let dicomClients = 0;
  let hl7Clients = 0;
  for (const ip of ips) {
    const counts = peers.get(ip);
    dicomClients = Math.max(dicomClients, counts?.dicomClients ?? 0);
    hl7Clients = Math.max(hl7Clients, counts?.hl7Clients ?? 0);
  }
  return { dicomClients, hl7Clients };
}

/** Sources whose declared category is final (confidence 1). */
const DECIDING_SOURCES: readonly ObservationSourceKind[] = ['inventory', 'user'];

/** The category part of a profile: declared (final) or stated (evidence), and by whom. */
function categoryOf(current: CurrentAssetFacts): Partial<AssetProfile> {
  const category = current.category;
  if (category === undefined) return {};
  const p = category.provenance;
  // The CMMS and people decide the category; other sources only suggest one.
  const decides = p.overridden || DECIDING_SOURCES.includes(p.sourceKind);
  return {
    declaredCategory: decides ? category.value : null,
    statedCategory: decides ? null : category.value,
    declaredBy: `${p.sourceKind} ${p.sourceName}`,
  };
}

/** The profile classification reads, from an asset's merged state. */
export function profileOf(
  current: CurrentAssetFacts,
  identifiers: readonly Identifier[],
  rest: Pick<MergedAsset, 'services' | 'software' | 'protocols'>,
  peers?: PeerCounts,
): AssetProfile {
  const hostnames = values(identifiers, 'hostname');
  const winner = current.hostname?.value;
  return {
    ...categoryOf(current),
    vendor: current.vendor?.value ?? null,
    vendorFromOui: current.vendor?.provenance.origin === 'oui',
    model: current.model?.value ?? null,
    os: current.os?.value ?? null,
    hostnames:
      winner === undefined ? hostnames : [winner, ...hostnames.filter((h) => h !== winner)],
    aeTitles: values(identifiers, 'ae-title'),
    services: rest.services,
    software: rest.software,
    protocols: rest.protocols.facts,
    peers,
  };
}

/** Which identifier names an asset that has no name, host name, vendor or model. */
const NAMING_KINDS: readonly Identifier['kind'][] = [
  'ip',
  'mac',
  'asset-tag',
  'serial',
  'ae-title',
];

function displayNameOf(id: string, current: CurrentAssetFacts, ids: readonly MergedIdentifier[]) {
  const vendorModel = [current.vendor?.value, current.model?.value].filter(Boolean).join(' ');
  if (current.name !== undefined) return current.name.value;
  if (current.hostname !== undefined) return current.hostname.value;
  if (vendorModel !== '') return vendorModel;
  for (const kind of NAMING_KINDS) {
    const found = ids.find((i) => i.kind === kind);
    if (found !== undefined) return found.value;
  }
  return id;
}

const EMPTY_KNOWN: Pick<
  KnownAsset,
  'identifiers' | 'facts' | 'services' | 'software' | 'scanFindings' | 'protocols'
> = {
  identifiers: [],
  facts: {},
  services: [],
  software: [],
  scanFindings: [],
  protocols: NO_PROTOCOLS,
};

function sameInstant(a: string | undefined, b: string): boolean {
  return a !== undefined && Date.parse(a) === Date.parse(b);
}

/** Whether the merged state differs from what the store holds (identifiers aside). */
function differsFromKnown(
  known: KnownAsset,
  merged: Pick<
    MergedAsset,
    'current' | 'services' | 'software' | 'scanFindings' | 'protocols' | 'firstSeen' | 'lastSeen'
  >,
  criticality: AssetCriticality,
  category: AssetCategory,
): boolean {
  return (
    !sameValue(merged.current, known.facts) ||
    !sameRows(merged.services, known.services) ||
    !sameRows(merged.software, known.software) ||
    !sameRows(merged.scanFindings, known.scanFindings) ||
    !sameValue(merged.protocols, known.protocols) ||
    category !== known.category ||
    criticality.patientSafety !== known.criticality.patientSafety ||
    criticality.holdsEphi !== known.criticality.holdsEphi ||
    !sameInstant(known.firstSeen, merged.firstSeen) ||
    !sameInstant(known.lastSeen, merged.lastSeen)
  );
}

/** Builds the merged asset `id` from a known asset (or none) and the observations placed on it. */
export function assembleAsset(
  id: string,
  known: KnownAsset | null,
  members: readonly PreparedObservation[],
  context: AssembleContext,
): MergedAsset {
  const base = known ?? EMPTY_KNOWN;
  const facts = members.flatMap((o) => factsOf(o, context.vendorOfMac));
  const current = pickCurrent(base.facts, facts);
  const identifiers = mergeIdentifiers(base.identifiers, members);
  const services = mergeServices(base.services, members);
  const software = mergeSoftware(base.software, members);
  const scanFindings = mergeScanFindings(base.scanFindings, members);
  const protocols = mergeProtocols(base.protocols, members);
  const peers = peersOf(values(identifiers, 'ip'), context.peers);
  const classification = classifyAsset(
    profileOf(current, identifiers, { services, software, protocols }, peers),
  );
  const criticality = resolveCriticality(
    current,
    defaultCriticality(classification.category, {
      modality: classification.modality,
      protocols: protocols.facts,
    }),
  );
  const times = members.map((o) => o.at);
  if (known !== null) times.push(Date.parse(known.firstSeen), Date.parse(known.lastSeen));
  const firstSeen = new Date(Math.min(...times)).toISOString();
  const lastSeen = new Date(Math.max(...times)).toISOString();
  const merged = { current, services, software, scanFindings, protocols, firstSeen, lastSeen };
  const changed =
    known === null ||
    identifiers.some((i) => i.status !== 'unchanged') ||
    differsFromKnown(known, merged, criticality, classification.category);
  return {
    id,
    isNew: known === null,
    changed,
    observations: members.map((o) => o.index).sort((a, b) => a - b),
    displayName: displayNameOf(id, current, identifiers),
    identifiers,
    facts: facts.filter((f) => !isRepeatOf(f, base.facts[f.key])),
    current,
    services,
    software,
    scanFindings,
    protocols,
    classification,
    criticality,
    firstSeen:
      known !== null && Date.parse(known.firstSeen) === Date.parse(firstSeen)
        ? known.firstSeen
        : firstSeen,
    lastSeen:
      known !== null && Date.parse(known.lastSeen) === Date.parse(lastSeen)
        ? known.lastSeen
        : lastSeen,
  };
}

/** The known-asset form of a merged asset: what the service stores and loads next time. */
export function toKnownAsset(asset: MergedAsset): KnownAsset {
  return {
    id: asset.id,
    identifiers: asset.identifiers.map((i) => ({
      kind: i.kind,
      value: i.value,
      source: i.source,
      firstSeen: i.firstSeen,
      lastSeen: i.lastSeen,
    })),
    facts: asset.current,
    services: asset.services,
    software: asset.software,
    scanFindings: asset.scanFindings,
    protocols: asset.protocols,
    category: asset.classification.category,
    criticality: {
      patientSafety: asset.criticality.patientSafety,
      holdsEphi: asset.criticality.holdsEphi,
      overridden: asset.criticality.overridden,
    },
    firstSeen: asset.firstSeen,
    lastSeen: asset.lastSeen,
  };
}
