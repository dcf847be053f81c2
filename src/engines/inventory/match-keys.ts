/**
 * The keys two records must share to be the same device, per identifier kind, and the conflict
 * rule that keeps different devices apart whatever else they share.
 */
import { isIdentifyingHostname, shortHostname } from './identifiers.js';

/** The identifiers that mark a device as different from another when both have one. */
export interface StrongIds {
  readonly mac: string | null;
  readonly serial: string | null;
  readonly assetTag: string | null;
}

/** No strong ids at all. */
export const NO_STRONG_IDS: StrongIds = { mac: null, serial: null, assetTag: null };

/** Two records with different MACs, serials or asset tags are different devices. */
export function strongIdsConflict(a: StrongIds, b: StrongIds): boolean {
  return (
    (a.mac !== null && b.mac !== null && a.mac !== b.mac) ||
    (a.serial !== null && b.serial !== null && a.serial !== b.serial) ||
    (a.assetTag !== null && b.assetTag !== null && a.assetTag !== b.assetTag)
  );
}

/** The union of two records' strong ids (callers check for a conflict first). */
export function unionStrongIds(a: StrongIds, b: StrongIds): StrongIds {
  return {
    mac: a.mac ?? b.mac,
    serial: a.serial ?? b.serial,
    assetTag: a.assetTag ?? b.assetTag,
  };
}

/** DICOM AE title at an address: `CT_MAIN` at 10.20.0.5. */
export function aeIpKey(aeTitle: string, ip: string): string {
  return `${aeTitle}\u0000${ip}`;
}

/**
 * For each short name (first label), the distinct fully qualified names seen with it. A short name
 * matches a longer one only when it has at most one: `CT1` ≈ `ct1.larkspur.local`, but not when
 * `ct1.annex.local` exists too.
 */
export type ShortNameIndex = Map<string, Set<string>>;

/** Records a host name under its short name. */
export function addToShortNameIndex(index: ShortNameIndex, name: string): void {
  if (!isIdentifyingHostname(name)) return;
  const short = shortHostname(name);
  let names = index.get(short);
  if (names === undefined) {
    names = new Set();
    index.set(short, names);
  }
  if (name !== short) names.add(name);
}

/** The keys a host name matches under: itself, and its short name when that is unambiguous. */
export function hostnameKeys(name: string, index: ShortNameIndex): string[] {
  if (!isIdentifyingHostname(name)) return [];
  const short = shortHostname(name);
  const fqdns = index.get(short)?.size ?? 0;
  return fqdns <= 1 ? [`=${name}`, `~${short}`] : [`=${name}`];
}

/** The gap between two time spans in milliseconds; 0 when they overlap. */
export function spanDistance(a: readonly [number, number], b: readonly [number, number]): number {
  if (a[1] < b[0]) return b[0] - a[1];
  if (b[1] < a[0]) return a[0] - b[1];
  return 0;
}
