/**
 * The fallback order for versions no packaging scheme owns: device firmware (`4.2.1a`,
 * `V2.04.03`, `R2021b`), CPE version fields, vendor strings. It splits the version into runs of
 * digits and runs of letters (separators `.`, `-`, `_`, `+`, `~`, `:` only end a run) and compares
 * run by run:
 *
 * - digits by value (`04` = `4`), letters by ASCII, case-insensitive; a leading `v` is dropped;
 * - a run of digits is newer than a run of letters (`1.0.1` > `1.0a`);
 * - a well-known pre-release word (`alpha`, `beta`, `rc`, `dev`, `snapshot`…) or any word right
 *   after `~` sorts before the end of the version (`1.0-rc1` < `1.0`), any other word after it
 *   (`4.2.1a` > `4.2.1`, as OpenSSL and most firmware number their patch letters);
 * - zeros ending a block of numbers do not count (`1.0` = `1.0.0`, `1.0-rc1` = `1-rc1`).
 *
 * The order is a total preorder: every version maps to a key and keys compare lexicographically.
 */
import { MAX_VERSION_LENGTH, MAX_VERSION_SEGMENTS } from './limits.js';
import {
  compareDigits,
  compareStrings,
  isAlphaCode,
  isDigitCode,
  type VersionOrder,
} from './order.js';

/** Where a run sits relative to the end of a version. */
const RANK_PRE = 0;
const RANK_END = 1;
const RANK_WORD = 2;
const RANK_NUMBER = 3;

interface Run {
  readonly rank: number;
  readonly text: string;
}

export type GenericKey = readonly Run[];

const PRE_RELEASE_WORDS: ReadonlySet<string> = new Set([
  'alpha',
  'beta',
  'rc',
  'cr',
  'pre',
  'preview',
  'dev',
  'snapshot',
  'milestone',
  'nightly',
  'canary',
]);

const SEPARATORS = '.-_+~:';
const END: Run = { rank: RANK_END, text: '' };

function parseGeneric(version: string): GenericKey | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  const runs = splitRuns(dropLeadingV(version.toLowerCase()));
  if (runs === null || runs.length === 0) return null;
  return dropTrailingZeros(runs);
}

/**
 * Zero numbers at the end of each block of numbers do not count: `1.0` = `1.0.0` = `1`, and
 * `1.0-rc1` = `1-rc1`, so a pre-release still sorts before its release.
 */
function dropTrailingZeros(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (run.rank !== RANK_NUMBER) while (isZero(out[out.length - 1])) out.pop();
    out.push(run);
  }
  while (isZero(out[out.length - 1])) out.pop();
  return out;
}

function dropLeadingV(text: string): string {
  return text.length > 1 && text.startsWith('v') && isDigitCode(text.charCodeAt(1))
    ? text.slice(1)
    : text;
}

/** Runs of digits and of letters; null on a character no version has or too many runs. */
function splitRuns(text: string): Run[] | null {
  const runs: Run[] = [];
  let i = 0;
  let afterTilde = false;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (SEPARATORS.includes(text.charAt(i))) {
      afterTilde = code === 126;
      i++;
      continue;
    }
    const digits = isDigitCode(code);
    if (!digits && !isAlphaCode(code)) return null;
    let end = i + 1;
    while (end < text.length && (digits ? isDigitCode : isAlphaCode)(text.charCodeAt(end))) end++;
    const run = text.slice(i, end);
    runs.push(digits ? { rank: RANK_NUMBER, text: run } : wordRun(run, afterTilde));
    if (runs.length > MAX_VERSION_SEGMENTS) return null;
    afterTilde = false;
    i = end;
  }
  return runs;
}

function wordRun(word: string, afterTilde: boolean): Run {
  const pre = afterTilde || PRE_RELEASE_WORDS.has(word);
  return { rank: pre ? RANK_PRE : RANK_WORD, text: word };
}

function isZero(run: Run | undefined): boolean {
  return run !== undefined && run.rank === RANK_NUMBER && /^0+$/.test(run.text);
}

function compareRuns(a: Run, b: Run): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.rank === RANK_NUMBER ? compareDigits(a.text, b.text) : compareStrings(a.text, b.text);
}

function compareGeneric(a: GenericKey, b: GenericKey): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareRuns(a[i] ?? END, b[i] ?? END);
    if (result !== 0) return result;
  }
  return 0;
}

export const genericOrder: VersionOrder<GenericKey> = {
  parse: parseGeneric,
  compare: compareGeneric,
};
