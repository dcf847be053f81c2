/**
 * RPM versions, `[epoch:]version[-release]`, ordered as rpm's `rpmvercmp` (rpmio/rpmvercmp.c,
 * rpm ≥ 4.15): separators only split; digit segments compare by value and are newer than letter
 * segments; `~` sorts before everything, even the end (`1.0~rc1` < `1.0`); `^` sorts after the end
 * but before anything else (`1.0^git1` > `1.0`, `1.0^git1` < `1.0.1`). A missing epoch is 0;
 * a missing release sorts before any release.
 */
import { MAX_VERSION_LENGTH } from './limits.js';
import {
  compareDigits,
  compareStrings,
  isAlphaCode,
  isDigitCode,
  type VersionOrder,
} from './order.js';

export interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  readonly release: string;
}

const EPOCH = /^\d{1,10}$/;
const PART = /^[A-Za-z0-9._+~^]+$/;

function parseRpm(evr: string): RpmVersion | null {
  if (evr.length === 0 || evr.length > MAX_VERSION_LENGTH) return null;
  const colon = evr.indexOf(':');
  const epoch = colon === -1 ? '0' : evr.slice(0, colon);
  const rest = colon === -1 ? evr : evr.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  const version = dash === -1 ? rest : rest.slice(0, dash);
  const release = dash === -1 ? '' : rest.slice(dash + 1);
  if (!EPOCH.test(epoch) || !PART.test(version) || !/[A-Za-z0-9]/.test(version)) return null;
  if (dash !== -1 && !PART.test(release)) return null;
  return { epoch, version, release };
}

function isAlnumAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return isDigitCode(code) || isAlphaCode(code);
}

function skipSeparators(text: string, i: number): number {
  let k = i;
  while (k < text.length && !isAlnumAt(text, k) && text[k] !== '~' && text[k] !== '^') k++;
  return k;
}

function runEnd(text: string, i: number, digits: boolean): number {
  let k = i;
  while (k < text.length && (digits ? isDigitCode : isAlphaCode)(text.charCodeAt(k))) k++;
  return k;
}

/** `~` and `^` handling; null when neither side is at one. */
function compareMarks(a: string, i: number, b: string, j: number): number | null {
  const x = a.charAt(i);
  const y = b.charAt(j);
  if (x === '~' || y === '~') {
    if (x !== '~') return 1;
    return y !== '~' ? -1 : 0;
  }
  if (x === '^' || y === '^') {
    if (i >= a.length) return -1;
    if (j >= b.length) return 1;
    if (x !== '^') return 1;
    return y !== '^' ? -1 : 0;
  }
  return null;
}

/** rpm's `rpmvercmp`, with indexes instead of pointers. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    i = skipSeparators(a, i);
    j = skipSeparators(b, j);
    const mark = compareMarks(a, i, b, j);
    if (mark !== null) {
      if (mark !== 0) return mark;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const digits = isDigitCode(a.charCodeAt(i));
    const aEnd = runEnd(a, i, digits);
    const bEnd = runEnd(b, j, digits);
    // Segments of different kinds: a number is newer than letters.
    if (bEnd === j) return digits ? 1 : -1;
    const x = a.slice(i, aEnd);
    const y = b.slice(j, bEnd);
    const result = digits ? compareDigits(x, y) : compareStrings(x, y);
    if (result !== 0) return result;
    i = aEnd;
    j = bEnd;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export const rpmOrder: VersionOrder<RpmVersion> = {
  parse: parseRpm,
  compare: (a, b) =>
    compareDigits(a.epoch, b.epoch) ||
    rpmvercmp(a.version, b.version) ||
    rpmvercmp(a.release, b.release),
};
