/**
 * Readers for single cells. Each returns the normalized value, or `undefined` (or a list of the
 * rejected parts) for the caller to report; none throws.
 */
import ipaddr from 'ipaddr.js';
import type { PatientSafetyImpact } from '../../domain/inventory.js';
import { normalizeMac } from '../../domain/observation.js';

/**
 * Texts exports write for "no value". Read as empty in every field, except `none`, which is a
 * patient-safety level.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'n/a',
  'na',
  'n.a.',
  'null',
  'nil',
  'none',
  'unknown',
  'unk',
  '-',
  '--',
  '---',
  '?',
  'tbd',
  'not applicable',
]);

const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

/** True when the text is one of the placeholders above (trimmed, any case). */
export function isPlaceholder(text: string): boolean {
  if (text.length > LONGEST_PLACEHOLDER && text.trim().length > LONGEST_PLACEHOLDER) return false;
  return PLACEHOLDERS.has(text.trim().toLowerCase());
}

const LIST_SEPARATORS = /[\s,;]+/;

/**
 * MACs that name no device: all zeros and broadcast. Taking them as identifiers would merge every
 * device that carries one.
 */
const NON_DEVICE_MACS: ReadonlySet<string> = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

/** A MAC cell read: the MAC kept, the parts refused, the further MACs not kept. */
export interface MacReading {
  readonly mac: string | null;
  readonly invalid: readonly string[];
  /** Further valid MACs in the cell; the field holds one. */
  readonly extra: readonly string[];
}

/** One MAC per cell: the whole cell in any `normalizeMac` form, else the first valid of a list. */
export function readMac(text: string): MacReading {
  const whole = normalizeMac(text);
  if (whole !== null) {
    return NON_DEVICE_MACS.has(whole)
      ? { mac: null, invalid: [text.trim()], extra: [] }
      : { mac: whole, invalid: [], extra: [] };
  }
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(LIST_SEPARATORS)) {
    if (part === '') continue;
    const mac = normalizeMac(part);
    if (mac === null || NON_DEVICE_MACS.has(mac)) invalid.push(part);
    else if (!valid.includes(mac)) valid.push(mac);
  }
  return { mac: valid[0] ?? null, invalid, extra: valid.slice(1) };
}

/** One address: IPv4 dotted quad (no leading zeros) or IPv6, with an optional `/prefix`. */
export function readIp(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  if (slash >= 0 && !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) {
    return slash >= 0 && Number(text.slice(slash + 1)) > 32 ? undefined : address;
  }
  if (!ipaddr.IPv6.isValid(address)) return undefined;
  if (slash >= 0 && Number(text.slice(slash + 1)) > 128) return undefined;
  const parsed = ipaddr.IPv6.parse(address);
  return parsed.isIPv4MappedAddress()
    ? parsed.toIPv4Address().toString()
    : parsed.toRFC5952String();
}

/** Several addresses separated by commas, semicolons or spaces; duplicates once. */
export function readIps(text: string): { ips: string[]; invalid: string[] } {
  const ips: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(LIST_SEPARATORS)) {
    if (part === '') continue;
    const ip = readIp(part);
    if (ip === undefined) invalid.push(part);
    else if (!ips.includes(ip)) ips.push(ip);
  }
  return { ips, invalid };
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** A DNS or NetBIOS name (RFC 1123 labels, `_` allowed), lower case, without a trailing dot. */
export function readHostname(text: string): string | undefined {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || name.length > 253) return undefined;
  return name.split('.').every((label) => HOST_LABEL.test(label)) ? name : undefined;
}

/** DICOM AE titles: 1–16 printable ASCII characters, no backslash (PS3.5 §6.2, VR AE). */
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;

/** AE titles separated by commas, semicolons or the DICOM multi-value backslash. */
export function readAeTitles(text: string): { titles: string[]; invalid: string[] } {
  const titles: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[,;\\]/)) {
    const title = raw.trim();
    if (title === '') continue;
    if (!AE_TITLE.test(title)) invalid.push(title);
    else if (!titles.includes(title)) titles.push(title);
  }
  return { titles, invalid };
}

const SAFETY_WORDS: Readonly<Record<string, PatientSafetyImpact>> = {
  high: 'high',
  critical: 'high',
  'life support': 'high',
  'life-support': 'high',
  'life sustaining': 'high',
  'life-sustaining': 'high',
  medium: 'medium',
  med: 'medium',
  moderate: 'medium',
  low: 'low',
  minor: 'low',
  minimal: 'low',
  none: 'none',
  'non-clinical': 'none',
  'non clinical': 'none',
  nonclinical: 'none',
};

const ASCENDING: readonly PatientSafetyImpact[] = ['none', 'low', 'medium', 'high'];

/**
 * `high`/`medium`/`low`/`none` and the synonyms above, or a number 1–4 (optionally `level 3`)
 * where `highest` (4 unless the mapping says 1) means `high`.
 */
export function readPatientSafety(text: string, highest: 1 | 4): PatientSafetyImpact | undefined {
  const lower = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const word = SAFETY_WORDS[lower];
  if (word !== undefined) return word;
  const number = /^(?:level |risk |tier )?([1-4])$/.exec(lower)?.[1];
  if (number === undefined) return undefined;
  const rank = highest === 4 ? Number(number) - 1 : 4 - Number(number);
  return ASCENDING[rank];
}

const FLAGS: Readonly<Record<string, boolean>> = {
  yes: true,
  y: true,
  true: true,
  t: true,
  '1': true,
  on: true,
  no: false,
  n: false,
  false: false,
  f: false,
  '0': false,
  off: false,
};

/** yes/no, true/false, 1/0, Y/N, on/off, any case. */
export function readFlag(text: string): boolean | undefined {
  return FLAGS[text.trim().toLowerCase()];
}

/** 802.1Q VLAN id 1–4094, optionally written `VLAN 120`. */
export function readVlan(text: string): number | undefined {
  const digits = /^(?:vlan\s*)?(\d{1,4})$/i.exec(text.trim())?.[1];
  if (digits === undefined) return undefined;
  const id = Number(digits);
  return id >= 1 && id <= 4094 ? id : undefined;
}
