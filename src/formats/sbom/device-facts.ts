/**
 * Device facts carried in free-form CycloneDX properties. There is no standard name: makers
 * follow the FDA premarket guidance wording (`End-of-Support`, `Level of Support`), or use their
 * own namespaces (`acme:device:model`). Names are compared by their last `:` segment with case
 * and punctuation ignored.
 */
import type { SbomComponent, SbomProperty } from './types.js';
import { isoTimestamp } from './values.js';

/** The device facts a component carries as fields. */
export type DeviceFact = 'endOfSupport' | 'endOfLife' | 'levelOfSupport' | 'model' | 'serialNumber';

/** Each device fact's value as written, or `null`. */
export type DeviceFacts = Readonly<Record<DeviceFact, string | null>>;

const FACT_NAMES: ReadonlyMap<string, DeviceFact> = new Map([
  ['endofsupport', 'endOfSupport'],
  ['endofsupportdate', 'endOfSupport'],
  ['eos', 'endOfSupport'],
  ['eosdate', 'endOfSupport'],
  ['supportenddate', 'endOfSupport'],
  ['endoflife', 'endOfLife'],
  ['endoflifedate', 'endOfLife'],
  ['eol', 'endOfLife'],
  ['eoldate', 'endOfLife'],
  ['levelofsupport', 'levelOfSupport'],
  ['supportlevel', 'levelOfSupport'],
  ['model', 'model'],
  ['modelnumber', 'model'],
  ['modelname', 'model'],
  ['devicemodel', 'model'],
  ['serial', 'serialNumber'],
  ['serialnumber', 'serialNumber'],
  ['deviceserial', 'serialNumber'],
  ['deviceserialnumber', 'serialNumber'],
]);

/** Which device fact a property name carries, if any: `End-of-Support` → `endOfSupport`. */
export function deviceFactOf(propertyName: string): DeviceFact | null {
  const last = propertyName.slice(propertyName.lastIndexOf(':') + 1);
  return FACT_NAMES.get(last.toLowerCase().replace(/[^a-z0-9]/g, '')) ?? null;
}

/** The first property naming each fact wins; later duplicates are ignored. */
export function deviceFacts(properties: readonly SbomProperty[]): DeviceFacts {
  const facts: Record<DeviceFact, string | null> = {
    endOfSupport: null,
    endOfLife: null,
    levelOfSupport: null,
    model: null,
    serialNumber: null,
  };
  for (const { name, value } of properties) {
    const fact = deviceFactOf(name);
    if (fact !== null && facts[fact] === null && value.trim() !== '') facts[fact] = value.trim();
  }
  return facts;
}

/**
 * The date support ends, ISO 8601 UTC, when the SBOM states one as a date: `endOfSupport` first,
 * then `endOfLife`. `null` for text such as "Until hardware support ends".
 */
export function endOfSupportDate(component: SbomComponent): string | null {
  for (const text of [component.endOfSupport, component.endOfLife]) {
    const date = text === null ? null : isoTimestamp(text);
    if (date !== null) return date;
  }
  return null;
}
