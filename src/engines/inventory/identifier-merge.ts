/**
 * An asset's identifiers after a batch: the known ones with first/last seen widened by new
 * sightings, and the ones the batch adds. The source is whoever saw the identifier last (on a tie
 * the one already recorded stays), so re-reading an import changes nothing.
 */
import { IDENTIFIER_KINDS, type Identifier, type IdentifierKind } from '../../domain/inventory.js';
import type { ObservationSource } from '../../domain/observation.js';
import {
  normalizeAeTitle,
  normalizeAssetTag,
  normalizeHostname,
  normalizeIp,
  normalizeMac,
  normalizeSerial,
} from './identifiers.js';
import { compareText, type PreparedObservation } from './prepare.js';
import type { MergedIdentifier } from './types.js';

const NORMALIZE: Readonly<Record<IdentifierKind, (value: string) => string | null>> = {
  mac: normalizeMac,
  ip: normalizeIp,
  hostname: normalizeHostname,
  serial: normalizeSerial,
  'ae-title': normalizeAeTitle,
  'asset-tag': normalizeAssetTag,
};

/** How an identifier's source reads in the UI: `nmap:night-scan.xml`. */
function sourceLabel(source: ObservationSource): string {
  return `${source.kind}:${source.name}`;
}

interface Sighting {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly at: number;
  readonly source: string;
}

function sightingsOf(observation: PreparedObservation): Sighting[] {
  const source = sourceLabel(observation.source);
  return observation.identifierKeys.map((key) => {
    const space = key.indexOf(' ');
    const kind = key.slice(0, space) as IdentifierKind;
    return { kind, value: key.slice(space + 1), at: observation.at, source };
  });
}

interface Row {
  kind: IdentifierKind;
  value: string;
  source: string;
  first: number;
  last: number;
  /** The source was set by this batch (ties between batch sightings go to the smaller label). */
  sourceFromBatch: boolean;
  readonly known: Identifier | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Merges; the result is sorted by kind (in `IDENTIFIER_KINDS` order) and value. */
export function mergeIdentifiers(
  known: readonly Identifier[],
  members: readonly PreparedObservation[],
): MergedIdentifier[] {
  const rows = new Map<string, Row>();
  for (const identifier of known) {
    const value = NORMALIZE[identifier.kind](identifier.value) ?? identifier.value;
    rows.set(`${identifier.kind} ${value}`, {
      kind: identifier.kind,
      value: identifier.value,
      source: identifier.source,
      first: Date.parse(identifier.firstSeen),
      last: Date.parse(identifier.lastSeen),
      sourceFromBatch: false,
      known: identifier,
    });
  }
  for (const sighting of members.flatMap(sightingsOf)) {
    const key = `${sighting.kind} ${sighting.value}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, {
        kind: sighting.kind,
        value: sighting.value,
        source: sighting.source,
        first: sighting.at,
        last: sighting.at,
        sourceFromBatch: true,
        known: null,
      });
      continue;
    }
    const newer =
      sighting.at > row.last ||
      (sighting.at === row.last &&
        row.sourceFromBatch &&
        compareText(sighting.source, row.source) < 0);
    if (newer) {
      row.source = sighting.source;
      row.sourceFromBatch = true;
    }
    row.first = Math.min(row.first, sighting.at);
    row.last = Math.max(row.last, sighting.at);
  }
  const merged = [...rows.values()].map((row): MergedIdentifier => {
    const firstSeen = iso(row.first);
    const lastSeen = iso(row.last);
    const k = row.known;
    const unchanged =
      k !== null &&
      k.source === row.source &&
      Date.parse(k.firstSeen) === row.first &&
      Date.parse(k.lastSeen) === row.last;
    return {
      kind: row.kind,
      value: row.value,
      source: row.source,
      firstSeen: unchanged ? k.firstSeen : firstSeen,
      lastSeen: unchanged ? k.lastSeen : lastSeen,
      status: k === null ? 'new' : unchanged ? 'unchanged' : 'updated',
    };
  });
  const order = (kind: IdentifierKind) => IDENTIFIER_KINDS.indexOf(kind);
  return merged.sort((a, b) => order(a.kind) - order(b.kind) || compareText(a.value, b.value));
}
