/**
 * PEP 440 (https://peps.python.org/pep-0440/) through `@renovatebot/pep440`: epochs (`1!2.0`),
 * pre-releases (`a`, `b`, `rc` and their spellings), `.postN`, `.devN`, local versions
 * (`+ubuntu.1`), with the normalizations PEP 440 allows (`1.0-1` = `1.0.post1`, `v1.0` = `1.0`).
 */
import { compare, valid } from '@renovatebot/pep440';
import { MAX_VERSION_LENGTH } from './limits.js';
import type { VersionOrder } from './order.js';

function parsePep440(version: string): string | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  return valid(version) === null ? null : version;
}

export const pep440Order: VersionOrder<string> = {
  parse: parsePep440,
  compare: (a, b) => compare(a, b),
};
