/**
 * PEP 440 (https://peps.python.org/pep-0440/) through `@renovatebot/pep440`: epochs (`1!2.0`),
 * pre-releases (`a`, `b`, `rc` and their spellings), `.postN`, `.devN`, local versions
 * (`+ubuntu.1`), with the normalizations PEP 440 allows (`1.0-1` = `1.0.post1`, `v1.0` = `1.0`).
 *
 * The library reads the version; its sort key (the one `packaging.version` builds: release
 * without trailing zeros, a missing pre-release after any, a lone `.dev` before all, a missing
 * post-release before any, local segments numbers after words) is built here once per version,
 * so comparing two parsed versions does not read them again as the library's `compare` does.
 * `pep440.test.ts` checks the order against the library's `compare`.
 */
import { parse, valid } from '@renovatebot/pep440';
import { MAX_VERSION_LENGTH } from './limits.js';
import type { VersionOrder } from './order.js';

type KeyPart = number | string | readonly KeyPart[];

/** What the library's `parse` gives (its declared type is looser than what it returns). */
interface Pieces {
  readonly epoch: number;
  readonly release: readonly number[];
  readonly pre: readonly KeyPart[] | null;
  readonly post: readonly KeyPart[] | null;
  readonly dev: readonly KeyPart[] | null;
  readonly local: readonly (string | number)[] | null;
}

function sortKey(pieces: Pieces): KeyPart[] {
  const release = [...pieces.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const { pre, post, dev, local } = pieces;
  let preKey: KeyPart;
  if (pre === null && post === null && dev !== null) preKey = -Infinity;
  else preKey = pre ?? Infinity;
  const localKey: KeyPart =
    local === null
      ? -Infinity
      : local.map((item) => (Number.isNaN(Number(item)) ? [-Infinity, item] : [Number(item), '']));
  return [pieces.epoch, release, preKey, post ?? -Infinity, dev ?? Infinity, localKey];
}

function compareScalars(a: number | string, b: number | string): number {
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  // Mixed kinds compare as JavaScript does (the library's rule); they do not occur in keys.
  return (a as number) < (b as number) ? -1 : 1;
}

/** Python's tuple order on keys, as the library ports it. */
function compareKeys(a: KeyPart, b: KeyPart): number {
  if (a === b) return 0;
  const left = Array.isArray(a) || !Array.isArray(b) ? a : [a];
  const right = Array.isArray(b) || !Array.isArray(a) ? b : [b];
  if (Array.isArray(left) && Array.isArray(right)) {
    const length = Math.min(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const order = compareKeys(left[i] as KeyPart, right[i] as KeyPart);
      if (order !== 0) return order;
    }
    return left.length - right.length;
  }
  return compareScalars(left as number | string, right as number | string);
}

export interface Pep440Key {
  readonly key: readonly KeyPart[];
}

function parsePep440(version: string): Pep440Key | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  if (valid(version) === null) return null;
  const pieces = parse(version) as unknown as Pieces | null;
  return pieces === null ? null : { key: sortKey(pieces) };
}

export const pep440Order: VersionOrder<Pep440Key> = {
  parse: parsePep440,
  compare: (a, b) => compareKeys(a.key, b.key),
};
