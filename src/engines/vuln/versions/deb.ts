/**
 * Debian package versions, `[epoch:]upstream[-revision]`, ordered as dpkg's `verrevcmp` does
 * (deb-version(7), lib/dpkg/version.c): alternating non-digit and digit parts; in non-digit parts
 * `~` sorts before everything, even the end of the string (`1.0~rc1` < `1.0`), letters sort before
 * every other character; digit parts compare by value. A missing epoch is 0, a missing revision
 * compares as `0`.
 */
import { MAX_VERSION_LENGTH } from './limits.js';
import { compareDigits, isAlphaCode, isDigitCode, sign, type VersionOrder } from './order.js';

export interface DebVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

const EPOCH = /^\d{1,10}$/;
const UPSTREAM = /^[A-Za-z0-9][A-Za-z0-9.+~:-]*$/;
const REVISION = /^[A-Za-z0-9.+~]+$/;

function parseDeb(version: string): DebVersion | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  const colon = version.indexOf(':');
  const epoch = colon === -1 ? '0' : version.slice(0, colon);
  const rest = colon === -1 ? version : version.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? '' : rest.slice(dash + 1);
  if (!EPOCH.test(epoch) || !UPSTREAM.test(upstream)) return null;
  if (dash !== -1 && !REVISION.test(revision)) return null;
  // A colon in the upstream part needs an epoch, a hyphen needs a revision (deb-version(7)).
  if ((colon === -1 && upstream.includes(':')) || (dash === -1 && upstream.includes('-'))) {
    return null;
  }
  return { epoch, upstream, revision };
}

/** dpkg's `order()`: `~` first, then the end of string and digits, then letters, then the rest. */
function order(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (isDigitCode(code)) return 0;
  if (isAlphaCode(code)) return code;
  if (code === 126) return -1;
  return code + 256;
}

function isNonDigitAt(text: string, i: number): boolean {
  return i < text.length && !isDigitCode(text.charCodeAt(i));
}

function digitsFrom(text: string, i: number): number {
  let end = i;
  while (end < text.length && isDigitCode(text.charCodeAt(end))) end++;
  return end;
}

/** dpkg's `verrevcmp`, with indexes instead of pointers. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isNonDigitAt(a, i) || isNonDigitAt(b, j)) {
      const ac = order(a, i);
      const bc = order(b, j);
      if (ac !== bc) return sign(ac - bc);
      i++;
      j++;
    }
    const aEnd = digitsFrom(a, i);
    const bEnd = digitsFrom(b, j);
    const result = compareDigits(a.slice(i, aEnd) || '0', b.slice(j, bEnd) || '0');
    if (result !== 0) return result;
    i = aEnd;
    j = bEnd;
  }
  return 0;
}

export const debOrder: VersionOrder<DebVersion> = {
  parse: parseDeb,
  compare: (a, b) =>
    compareDigits(a.epoch, b.epoch) ||
    verrevcmp(a.upstream, b.upstream) ||
    verrevcmp(a.revision, b.revision),
};
