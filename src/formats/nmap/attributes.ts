/**
 * Reading attribute values from untrusted XML: every helper returns the value or records why it is
 * malformed, so the host builder can skip the whole host with one diagnostic listing the reasons.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { NmapAddressKind } from './types.js';

export type Attributes = Readonly<Record<string, string>>;

/** Why the current host is malformed; empty while it is fine. */
export type Problems = string[];

const MAC = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}$/;
/** Seconds since the epoch; 12 digits reach past year 33 000, beyond which Date gives up. */
const EPOCH_SECONDS = /^\d{1,12}$/;
const DECIMAL = /^\d{1,9}$/;

/** An optional attribute: `null` when absent or empty. */
export function optional(attrs: Attributes, name: string): string | null {
  const value = attrs[name];
  return value === undefined || value === '' ? null : value;
}

export function required(
  attrs: Attributes,
  element: string,
  name: string,
  problems: Problems,
): string {
  const value = attrs[name];
  if (value === undefined || value === '') problems.push(`<${element}> lacks ${name}`);
  return value ?? '';
}

export function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
  what: string,
  problems: Problems,
): T | null {
  if (value === null) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${what} "${clip(value)}" is not one of ${allowed.join(', ')}`);
  return null;
}

export function integerIn(
  value: string | null,
  min: number,
  max: number,
  what: string,
  problems: Problems,
): number | null {
  if (value === null) return null;
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.push(`${what} "${clip(value)}" is not an integer from ${min} to ${max}`);
  return null;
}

/** Nmap writes times as seconds since the epoch; Wardline speaks ISO 8601 UTC. */
export function epochToIso(value: string | null, what: string, problems: Problems): string | null {
  if (value === null) return null;
  const date = EPOCH_SECONDS.test(value) ? new Date(Number(value) * 1000) : null;
  if (date !== null && !Number.isNaN(date.getTime())) return date.toISOString();
  problems.push(`${what} "${clip(value)}" is not a time in seconds since the epoch`);
  return null;
}

export function isAddress(kind: NmapAddressKind, value: string): boolean {
  switch (kind) {
    case 'ipv4':
      return isIPv4(value);
    case 'ipv6':
      return isIPv6(value);
    case 'mac':
      return MAC.test(value);
  }
}

/** Keeps diagnostics short when a hostile value is long. */
export function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}
