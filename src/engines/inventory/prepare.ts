/**
 * Observations made ready for matching: times parsed, identifiers normalized, and a canonical
 * order that does not depend on the order they arrived in (so the merge does not either).
 */
import type {
  DeviceObservation,
  HostnameOrigin,
  ObservationSource,
} from '../../domain/observation.js';
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
} from './identifiers.js';
import { aeIpKey } from './match-keys.js';
import type { MergeNote } from './types.js';

/** Observations dated further than this after `now` are skipped (a device or export clock gone wrong). */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/** A host name, normalized, with how it was learned. */
export interface PreparedHostname {
  readonly name: string;
  readonly origin: HostnameOrigin;
}

/** An observation with its identifiers normalized and its time parsed. */
export interface PreparedObservation {
  /** Position in the caller's array. */
  readonly index: number;
  readonly raw: DeviceObservation;
  readonly source: ObservationSource;
  readonly at: number;
  readonly observedAt: string;
  readonly mac: string | null;
  /** The MAC is universally administered: it identifies the device. */
  readonly macIdentifies: boolean;
  readonly ips: readonly string[];
  /** The addresses that can belong to one device (no loopback, multicast…): matched on. */
  readonly matchIps: readonly string[];
  readonly hostnames: readonly PreparedHostname[];
  readonly serial: string | null;
  readonly assetTag: string | null;
  readonly aeTitles: readonly string[];
  readonly vendor: string | null;
  /** DICOM AE title at each matchable address (`aeIpKey`). */
  readonly aeIpKeys: readonly string[];
  /** Every identifier this observation gives the asset (`kind value`), matchable or not. */
  readonly identifierKeys: readonly string[];
  /**
   * Time, source and identifiers: equal for the same sighting read twice. Sorting by it (ties
   * broken by the whole observation) gives the canonical order.
   */
  readonly sortKey: string;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function trimmed(value: string | null): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

function prepareOne(raw: DeviceObservation, index: number, at: number): PreparedObservation {
  const ids = raw.identifiers;
  const ips = unique(ids.ips.map(normalizeIp).filter((ip): ip is string => ip !== null));
  const mac = ids.mac === null ? null : normalizeMac(ids.mac);
  const hostnames = new Map<string, PreparedHostname>();
  for (const hostname of ids.hostnames) {
    const name = normalizeHostname(hostname.name);
    if (name !== null && !hostnames.has(`${name} ${hostname.origin}`)) {
      hostnames.set(`${name} ${hostname.origin}`, { name, origin: hostname.origin });
    }
  }
  const serial = ids.serial === null ? null : normalizeSerial(ids.serial);
  const assetTag = ids.assetTag === null ? null : normalizeAssetTag(ids.assetTag);
  const aeTitles = unique(
    ids.aeTitles.map(normalizeAeTitle).filter((ae): ae is string => ae !== null),
  );
  const matchIps = ips.filter(isIdentifyingIp);
  const names = [...hostnames.values()];
  const identifierKeys = identifierKeysOf(mac, serial, assetTag, matchIps, names, aeTitles);
  return {
    index,
    raw,
    source: raw.source,
    at,
    observedAt: new Date(at).toISOString(),
    mac,
    macIdentifies: mac !== null && isIdentifyingMac(mac),
    ips,
    matchIps,
    hostnames: names,
    serial,
    assetTag,
    aeTitles,
    vendor: trimmed(raw.vendor),
    aeIpKeys: aeTitles.flatMap((ae) => matchIps.map((ip) => aeIpKey(ae, ip))),
    identifierKeys,
    sortKey: [at, raw.source.kind, raw.source.name, ...identifierKeys].join('\u0000'),
  };
}

/** The identifiers an observation records on its asset, as `kind value`, sorted. */
function identifierKeysOf(
  mac: string | null,
  serial: string | null,
  assetTag: string | null,
  matchIps: readonly string[],
  hostnames: readonly PreparedHostname[],
  aeTitles: readonly string[],
): string[] {
  const keys: string[] = [];
  if (mac !== null) keys.push(`mac ${mac}`);
  if (serial !== null) keys.push(`serial ${serial}`);
  if (assetTag !== null) keys.push(`asset-tag ${assetTag}`);
  for (const ip of matchIps) keys.push(`ip ${ip}`);
  for (const h of hostnames) keys.push(`hostname ${h.name}`);
  for (const ae of aeTitles) keys.push(`ae-title ${ae}`);
  return [...new Set(keys)].sort(compareText);
}

/**
 * True when the observation records any identifier on an asset. Loopback, multicast and broadcast
 * addresses are not recorded, so an observation with nothing else is left out.
 */
function hasIdentifier(observation: PreparedObservation): boolean {
  return observation.identifierKeys.length > 0;
}

/** Whether any identifier is strong enough to merge on (else the observation is always new). */
export function hasMatchableIdentifier(observation: PreparedObservation): boolean {
  return (
    observation.macIdentifies ||
    observation.serial !== null ||
    observation.assetTag !== null ||
    observation.matchIps.length > 0 ||
    observation.hostnames.some((hostname) => isIdentifyingHostname(hostname.name))
  );
}

/**
 * Normalizes a batch, drops what cannot be placed (with a note), and sorts the rest canonically.
 */
export function prepareObservations(
  observations: readonly DeviceObservation[],
  now: Date,
): { prepared: PreparedObservation[]; notes: MergeNote[] } {
  const prepared: PreparedObservation[] = [];
  const notes: MergeNote[] = [];
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  observations.forEach((raw, index) => {
    const at = Date.parse(raw.observedAt);
    if (Number.isNaN(at)) {
      notes.push({ kind: 'skipped', observation: index, reason: 'invalid-time' });
      return;
    }
    if (at > latest) {
      notes.push({ kind: 'skipped', observation: index, reason: 'future-time' });
      return;
    }
    const observation = prepareOne(raw, index, at);
    if (!hasIdentifier(observation)) {
      notes.push({ kind: 'skipped', observation: index, reason: 'no-identifier' });
      return;
    }
    prepared.push(observation);
  });
  // The whole observation as JSON breaks ties (rare): the same content sorts the same way.
  const whole = new Map<PreparedObservation, string>();
  const wholeOf = (o: PreparedObservation) => {
    let text = whole.get(o);
    if (text === undefined) {
      text = JSON.stringify(o.raw);
      whole.set(o, text);
    }
    return text;
  };
  prepared.sort(
    (a, b) =>
      compareText(a.sortKey, b.sortKey) || compareText(wholeOf(a), wholeOf(b)) || a.index - b.index,
  );
  return { prepared, notes };
}

/** Code-unit order, independent of locale. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
