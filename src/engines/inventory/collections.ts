/**
 * The lists on an asset: services keyed by (transport, port), software by purl, CPE or name and
 * version, scan findings by (scanner id, transport, port), and protocol facts. For one key the
 * newest sighting gives the content (equal times: the more trusted source, then a fixed order);
 * fields it leaves empty are filled from the others, and first/last seen span all sightings.
 */
import type {
  ObservedScanFinding,
  ObservedService,
  ObservedSoftware,
  ProtocolFacts,
} from '../../domain/observation.js';
import { SOURCE_TRUST } from './facts.js';
import { compareText, type PreparedObservation } from './prepare.js';
import type { MergedProtocols, RowSightings, SourceRef } from './types.js';

/** At most this many values are kept in each protocol list (AE titles, SNI names, user agents…). */
export const PROTOCOL_LIST_CAP = 64;

interface Sighting<T> {
  readonly row: T;
  readonly at: number;
  readonly firstAt: number;
  readonly source: SourceRef;
  readonly canonical: string;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function rank<T>(a: Sighting<T>, b: Sighting<T>): number {
  return (
    b.at - a.at ||
    SOURCE_TRUST[b.source.kind] - SOURCE_TRUST[a.source.kind] ||
    compareText(a.canonical, b.canonical)
  );
}

function fillFrom<T extends object>(target: T, other: T): T {
  const filled: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(other)) {
    if (isEmpty(filled[key]) && !isEmpty(value)) filled[key] = value;
  }
  return filled as T;
}

const SIGHTING_FIELDS = new Set(['firstSeen', 'lastSeen', 'source']);

/** The row without its sighting fields (built key by key: `delete` would slow the object down). */
function stripSightings<T extends object>(row: T & Partial<RowSightings>): T {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (!SIGHTING_FIELDS.has(key)) rest[key] = value;
  }
  return rest as T;
}

/** Merges rows by key; `keyOf` must give the same key for the same thing from any source. */
function mergeRows<T extends object>(
  known: readonly (T & RowSightings)[],
  incoming: readonly { row: T; observation: PreparedObservation }[],
  keyOf: (row: T) => string,
): (T & RowSightings)[] {
  if (incoming.length === 0 && known.length === 0) return [];
  const byKey = new Map<string, Sighting<T>[]>();
  const add = (sighting: Sighting<T>) => {
    const key = keyOf(sighting.row);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [sighting]);
    else list.push(sighting);
  };
  for (const row of known) {
    const bare = stripSightings<T>(row);
    add({
      row: bare,
      at: Date.parse(row.lastSeen),
      firstAt: Date.parse(row.firstSeen),
      source: row.source,
      canonical: JSON.stringify(bare),
    });
  }
  for (const { row, observation } of incoming) {
    const source = {
      kind: observation.source.kind,
      name: observation.source.name,
      importId: observation.source.importId,
    };
    add({
      row,
      at: observation.at,
      firstAt: observation.at,
      source,
      canonical: JSON.stringify(row),
    });
  }
  const merged = [...byKey].flatMap(([key, sightings]) => {
    const [winner, ...others] = sightings.sort(rank);
    if (winner === undefined) return [];
    const content = others.reduce((row, s) => fillFrom(row, s.row), winner.row);
    const firstAt = Math.min(...sightings.map((s) => s.firstAt));
    return {
      key,
      row: {
        ...content,
        firstSeen: new Date(firstAt).toISOString(),
        lastSeen: new Date(winner.at).toISOString(),
        source: winner.source,
      },
    };
  });
  merged.sort((a, b) => compareText(a.key, b.key));
  return merged.map((entry) => entry.row);
}

function rowsOf<T>(
  members: readonly PreparedObservation[],
  pick: (o: PreparedObservation) => readonly T[],
): { row: T; observation: PreparedObservation }[] {
  return members.flatMap((observation) => pick(observation).map((row) => ({ row, observation })));
}

const pad = (n: number | null) => String(n ?? '').padStart(5, '0');

/** Services keyed by (transport, port). */
export function mergeServices(
  known: readonly (ObservedService & RowSightings)[],
  members: readonly PreparedObservation[],
): (ObservedService & RowSightings)[] {
  return mergeRows(
    known,
    rowsOf(members, (o) => o.raw.services),
    (s) => `${s.transport}/${pad(s.port)}`,
  );
}

/** purl, else CPE, else kind + name + version, case-folded where the spec allows. */
export function softwareKey(software: ObservedSoftware): string {
  if (software.purl !== null && software.purl !== '') return `purl ${software.purl}`;
  if (software.cpe !== null && software.cpe !== '') return `cpe ${software.cpe.toLowerCase()}`;
  return `name ${software.kind} ${software.name.trim().toLowerCase()} ${software.version ?? ''}`;
}

/** Software keyed by `softwareKey`. */
export function mergeSoftware(
  known: readonly (ObservedSoftware & RowSightings)[],
  members: readonly PreparedObservation[],
): (ObservedSoftware & RowSightings)[] {
  return mergeRows(
    known,
    rowsOf(members, (o) => o.raw.software),
    softwareKey,
  );
}

/** Scan findings keyed by (scanner id, transport, port). */
export function mergeScanFindings(
  known: readonly (ObservedScanFinding & RowSightings)[],
  members: readonly PreparedObservation[],
): (ObservedScanFinding & RowSightings)[] {
  return mergeRows(
    known,
    rowsOf(members, (o) => o.raw.scanFindings),
    (f) => `${f.scannerId} ${f.transport ?? ''}/${pad(f.port)}`,
  );
}

type ProtocolName = keyof ProtocolFacts;
const PROTOCOLS: readonly ProtocolName[] = ['dicom', 'hl7', 'dhcp', 'tls', 'http', 'dns'];

interface Candidate {
  readonly facts: Record<string, unknown>;
  /** When these facts were seen, per field (`undefined` → `at`). */
  readonly seenOf: (field: string) => number;
}

function unionList(lists: readonly unknown[][]): unknown[] {
  const byKey = new Map<string, unknown>();
  for (const list of lists) {
    for (const value of list)
      byKey.set(typeof value === 'string' ? value : JSON.stringify(value), value);
  }
  return [...byKey]
    .sort(([a], [b]) => compareText(a, b))
    .slice(0, PROTOCOL_LIST_CAP)
    .map(([, value]) => value);
}

function mergeProtocol(
  name: ProtocolName,
  candidates: readonly Candidate[],
  seen: Record<string, string>,
): Record<string, unknown> {
  const fields = new Set(candidates.flatMap((c) => Object.keys(c.facts)));
  const merged: Record<string, unknown> = {};
  for (const field of [...fields].sort()) {
    const values = candidates.map((c) => c.facts[field]).filter((v) => v !== undefined);
    if (values.some(Array.isArray)) {
      merged[field] = unionList(values.filter(Array.isArray) as unknown[][]);
      continue;
    }
    let best: { value: unknown; at: number } | null = null;
    for (const c of candidates) {
      const value = c.facts[field];
      if (value === undefined || value === null) continue;
      const at = c.seenOf(`${name}.${field}`);
      const wins =
        best === null ||
        at > best.at ||
        (at === best.at && compareText(JSON.stringify(value), JSON.stringify(best.value)) < 0);
      if (wins) best = { value, at };
    }
    merged[field] = best?.value ?? null;
    if (best !== null) seen[`${name}.${field}`] = new Date(best.at).toISOString();
  }
  return merged;
}

/** Lists are unioned (sorted, capped); a single value comes from its newest sighting. */
export function mergeProtocols(
  known: MergedProtocols,
  members: readonly PreparedObservation[],
): MergedProtocols {
  const empty = (o: PreparedObservation) => Object.keys(o.raw.protocols).length === 0;
  if (Object.keys(known.facts).length === 0 && members.every(empty)) return { facts: {}, seen: {} };
  const facts: Record<string, unknown> = {};
  const seen: Record<string, string> = {};
  for (const name of PROTOCOLS) {
    const candidates: Candidate[] = [];
    const held = known.facts[name];
    if (held !== undefined) {
      const fallback = Date.parse(known.seen[name] ?? '1970-01-01T00:00:00Z');
      candidates.push({
        facts: held,
        seenOf: (field) => Date.parse(known.seen[field] ?? '') || fallback,
      });
    }
    for (const o of members) {
      const part = o.raw.protocols[name];
      if (part !== undefined) candidates.push({ facts: part, seenOf: () => o.at });
    }
    if (candidates.length === 0) continue;
    facts[name] = mergeProtocol(name, candidates, seen);
    const times = members.filter((o) => o.raw.protocols[name] !== undefined).map((o) => o.at);
    // Facts stored without a time count as seen at the epoch: any dated sighting is newer.
    const heldAt = held === undefined ? -Infinity : Date.parse(known.seen[name] ?? '') || 0;
    seen[name] = new Date(Math.max(heldAt, ...times)).toISOString();
  }
  return { facts, seen: sortKeys(seen) };
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}

/** What an asset with no protocol facts yet holds. */
export const NO_PROTOCOLS: MergedProtocols = { facts: {}, seen: {} };
