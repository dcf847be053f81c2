/**
 * Versions parsed once and compared many times: `parseVersion` reads a version under a scheme
 * (from a bounded cache keyed by scheme and text), `compareParsed` orders two parsed versions of
 * the same scheme without reading them again. The matcher parses every bound when it builds its
 * index and each target's version once per call.
 */
import type { VersionScheme } from '../../../domain/vulnerability.js';
import { debOrder } from './deb.js';
import { genericOrder } from './generic.js';
import { golangOrder } from './golang.js';
import { MAX_CACHED_VERSIONS } from './limits.js';
import { mavenOrder } from './maven.js';
import type { VersionOrder } from './order.js';
import { pep440Order } from './pep440.js';
import { rpmOrder } from './rpm.js';
import { semverOrder } from './semver.js';

/** A version read under one scheme; only `compareParsed` with that same scheme looks inside. */
export interface ParsedVersion {
  readonly parsedVersion: never;
}

type AnyOrder = VersionOrder<unknown>;

export const ORDERS: Readonly<Record<VersionScheme, AnyOrder>> = {
  semver: semverOrder,
  pep440: pep440Order,
  maven: mavenOrder,
  golang: golangOrder,
  deb: debOrder,
  rpm: rpmOrder,
  generic: genericOrder,
};

/** Reads a version without the cache: trimmed, null when the scheme cannot read it. */
export function parseWith(order: AnyOrder, version: string): unknown {
  return typeof version === 'string' ? order.parse(version.trim()) : null;
}

/** What the cache holds for a text the scheme cannot read. */
const UNREADABLE = Symbol('unreadable');

const caches = new Map<VersionScheme, Map<string, unknown>>();

function cacheOf(scheme: VersionScheme): Map<string, unknown> {
  let cache = caches.get(scheme);
  if (cache === undefined) {
    cache = new Map();
    caches.set(scheme, cache);
  }
  return cache;
}

/**
 * A version read under a scheme, for `compareParsed`; null when the scheme cannot read it.
 * Repeated texts come from a cache of at most `MAX_CACHED_VERSIONS` per scheme.
 *
 * @example compareParsed('deb', parseVersion('deb', '1.0~rc1'), parseVersion('deb', '1.0')) // → -1
 */
export function parseVersion(scheme: VersionScheme, text: string): ParsedVersion | null {
  const cache = cacheOf(scheme);
  const cached = cache.get(text);
  if (cached !== undefined) return cached === UNREADABLE ? null : (cached as ParsedVersion);
  const parsed = parseWith(ORDERS[scheme], text);
  if (cache.size >= MAX_CACHED_VERSIONS) cache.clear();
  cache.set(text, parsed ?? UNREADABLE);
  return parsed === null ? null : (parsed as ParsedVersion);
}

/**
 * Orders two versions parsed under the same scheme: -1, 0 or 1, as `compareVersions` would.
 *
 * @example compareParsed('rpm', parseVersion('rpm', '1.0^git1'), parseVersion('rpm', '1.0')) // → 1
 */
export function compareParsed(scheme: VersionScheme, a: ParsedVersion, b: ParsedVersion): number {
  const order = ORDERS[scheme].compare(a, b);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}
