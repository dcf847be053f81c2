/**
 * Which value of a fact wins when sources disagree. One total order decides every fact:
 *
 * 1. trust: a user override, then the source kind (`SOURCE_TRUST`), the OUI vendor last; for host
 *    names the origin (`HOSTNAME_ORIGINS`: DHCP before a reverse-DNS guess) instead of the source;
 * 2. recency: the newer observation of equal trust wins, and an older one never replaces a newer
 *    one (imports arrive out of order);
 * 3. a fixed tie-break (value, then source name) so the result never depends on arrival order.
 *
 * @example
 * const older = { sourceKind: 'nmap', sourceName: 'mon.xml', importId: null,
 *   observedAt: '2026-03-02T01:00:00.000Z', overridden: false, origin: null } as const;
 * const newer = { ...older, sourceName: 'tue.xml', observedAt: '2026-03-03T01:00:00.000Z' };
 * compareFactRank('os', 'Windows 10', newer, 'Windows 7', older) < 0; // → true: the newer scan wins
 */
import { HOSTNAME_ORIGINS, type ObservationSourceKind } from '../../domain/observation.js';
import { compareText, type PreparedObservation } from './prepare.js';
import type {
  CurrentAssetFacts,
  CurrentFact,
  FactKey,
  FactObservation,
  FactProvenance,
} from './types.js';

/** Every fact key, in the order the README and the UI list them. */
export const FACT_KEYS: readonly FactKey[] = [
  'name',
  'hostname',
  'vendor',
  'model',
  'os',
  'firmware',
  'serial',
  'category',
  'patientSafety',
  'holdsEphi',
  'location',
  'owner',
  'vlan',
  'zoneName',
  'siteCode',
];

/** How far each kind of source is believed, higher first (a person, then the CMMS…). */
export const SOURCE_TRUST: Readonly<Record<ObservationSourceKind, number>> = {
  user: 6,
  inventory: 5,
  sbom: 4,
  nessus: 3,
  openvas: 3,
  nmap: 2,
  capture: 1,
};

/** A value a person set in Wardline outranks every source. */
export const OVERRIDE_TRUST = 7;
/** The network card maker looked up from the MAC's OUI ranks below every source. */
export const OUI_TRUST = 0;

/** The trust of one value of one fact (see the module comment). */
export function factTrust(key: FactKey, provenance: FactProvenance): number {
  if (provenance.overridden) return OVERRIDE_TRUST;
  if (provenance.origin === 'oui') return OUI_TRUST;
  if (key === 'hostname') {
    const rank = HOSTNAME_ORIGINS.indexOf(provenance.origin as (typeof HOSTNAME_ORIGINS)[number]);
    return rank === -1 ? OUI_TRUST : HOSTNAME_ORIGINS.length - rank;
  }
  return SOURCE_TRUST[provenance.sourceKind];
}

/** Negative when value `a` (with its provenance) beats value `b`; 0 only for identical ranks. */
export function compareFactRank(
  key: FactKey,
  aValue: unknown,
  a: FactProvenance,
  bValue: unknown,
  b: FactProvenance,
): number {
  return (
    factTrust(key, b) - factTrust(key, a) ||
    Date.parse(b.observedAt) - Date.parse(a.observedAt) ||
    compareText(String(aValue), String(bValue)) ||
    compareText(a.sourceName, b.sourceName) ||
    compareText(a.sourceKind, b.sourceKind) ||
    compareText(a.importId ?? '', b.importId ?? '') ||
    compareText(a.origin ?? '', b.origin ?? '')
  );
}

function provenanceOf(observation: PreparedObservation, origin: FactProvenance['origin']) {
  return {
    sourceKind: observation.source.kind,
    sourceName: observation.source.name,
    importId: observation.source.importId,
    observedAt: observation.observedAt,
    overridden: false,
    origin,
  };
}

function text(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Builds one fact observation; the only place a key and its value type are paired loosely. */
function fact(key: FactKey, value: unknown, provenance: FactProvenance): FactObservation {
  return { key, value, provenance } as FactObservation;
}

/** Every fact value one observation states, plus the OUI vendor of its MAC. */
export function factsOf(
  observation: PreparedObservation,
  vendorOfMac: (mac: string) => string | null,
): FactObservation[] {
  const raw = observation.raw;
  const declared = raw.declared;
  const base = provenanceOf(observation, null);
  const facts: FactObservation[] = [];
  const add = (key: FactKey, value: unknown) => {
    if (value !== null) facts.push(fact(key, value, base));
  };
  add('name', text(declared.name));
  add('vendor', observation.vendor);
  add('model', text(raw.model));
  add('os', text(raw.os));
  add('firmware', text(raw.firmware));
  add('serial', observation.serial);
  add('category', declared.category);
  add('patientSafety', declared.patientSafety);
  add('holdsEphi', declared.holdsEphi);
  add('location', text(declared.location));
  add('owner', text(declared.owner));
  add('vlan', raw.vlan);
  add('zoneName', text(declared.zoneName));
  add('siteCode', text(declared.siteCode));
  for (const hostname of observation.hostnames) {
    facts.push(fact('hostname', hostname.name, provenanceOf(observation, hostname.origin)));
  }
  const ouiName = observation.mac === null ? null : vendorOfMac(observation.mac);
  if (ouiName !== null) facts.push(fact('vendor', ouiName, provenanceOf(observation, 'oui')));
  return facts;
}

/** The winning value of every fact, from the asset's current values and the batch's. */
export function pickCurrent(
  known: CurrentAssetFacts,
  facts: readonly FactObservation[],
): CurrentAssetFacts {
  const current: Partial<Record<FactKey, CurrentFact<unknown>>> = { ...known };
  for (const candidate of facts) {
    const held = current[candidate.key];
    if (
      held === undefined ||
      compareFactRank(
        candidate.key,
        candidate.value,
        candidate.provenance,
        held.value,
        held.provenance,
      ) < 0
    ) {
      current[candidate.key] = { value: candidate.value, provenance: candidate.provenance };
    }
  }
  const ordered: Partial<Record<FactKey, CurrentFact<unknown>>> = {};
  for (const key of FACT_KEYS) {
    const value = current[key];
    if (value !== undefined) ordered[key] = value;
  }
  return ordered as CurrentAssetFacts;
}

/** The same value from the same sighting (an import read twice): nothing to add to the timeline. */
export function isRepeatOf(
  candidate: FactObservation,
  held: CurrentFact<unknown> | undefined,
): boolean {
  if (held === undefined) return false;
  const a = candidate.provenance;
  const b = held.provenance;
  return (
    candidate.value === held.value &&
    a.sourceKind === b.sourceKind &&
    a.sourceName === b.sourceName &&
    a.origin === b.origin &&
    Date.parse(a.observedAt) === Date.parse(b.observedAt)
  );
}
