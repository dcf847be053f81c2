/** IP addresses named by an event, for resolving the assets it concerns. */
import type { EventValue } from '../../../domain/detection.js';
import { MAX_EVENT_IPS } from './limits.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

function isIpv6(value: string): boolean {
  if (!IPV6.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = value.split(':').filter((group) => group.length > 0);
  const last = groups.at(-1) ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  const width = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

/**
 * The address as written when it is one, IPv4-mapped IPv6 (`::ffff:10.0.0.5`, as Windows writes
 * `IpAddress`) as plain IPv4; undefined for anything else (`-`, host names, ports).
 * @example ipAddress('::ffff:10.0.0.5') // '10.0.0.5'
 */
export function ipAddress(value: EventValue | undefined): string | undefined {
  if (typeof value !== 'string' || value.length > 45) return undefined;
  const trimmed = value.trim();
  const mapped = MAPPED_V4.exec(trimmed);
  const candidate = mapped?.[1] ?? trimmed;
  if (IPV4.test(candidate)) return candidate;
  return isIpv6(candidate) ? candidate.toLowerCase() : undefined;
}

/** Distinct addresses among these values (lists are looked into one level), at most the cap. */
export function collectIps(values: readonly (EventValue | undefined)[]): string[] | undefined {
  const found = new Set<string>();
  const add = (value: EventValue | undefined): void => {
    const ip = ipAddress(value);
    if (ip !== undefined && found.size < MAX_EVENT_IPS) found.add(ip);
  };
  for (const value of values) {
    if (Array.isArray(value)) {
      for (const item of (value as readonly EventValue[]).slice(0, MAX_EVENT_IPS)) add(item);
    } else add(value);
  }
  return found.size > 0 ? [...found] : undefined;
}
