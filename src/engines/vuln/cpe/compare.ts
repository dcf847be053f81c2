/**
 * CPE name matching (NISTIR 7696): attribute comparison (Table 6-2), wild-card comparison (§6.3:
 * `*` matches zero or more characters, each `?` zero or one), and name comparison (Table 6-4).
 */
import {
  CPE_ANY,
  CPE_ATTRIBUTES,
  CPE_NA,
  type CpeAttribute,
  type CpeName,
  type CpeRelation,
} from './types.js';
import { hasWildcards } from './value.js';

const BACKSLASH = 0x5c;

/** Characters (a quoted pair counts as one) in `value[from, to)`. */
function logicalLength(value: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    if (value.charCodeAt(i) === BACKSLASH) i++;
    count++;
  }
  return count;
}

interface WildcardPattern {
  readonly body: string;
  /** Characters the opening wild cards may take: Infinity for `*`. */
  readonly before: number;
  readonly after: number;
}

/** True when `value[index]` is not quoted (an even run of backslashes precedes it). */
function unquotedAt(value: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && value.charCodeAt(i) === BACKSLASH; i--) slashes++;
  return slashes % 2 === 0;
}

function patternOf(source: string): WildcardPattern {
  let start = 0;
  let before = 0;
  if (source.startsWith('*')) {
    start = 1;
    before = Number.POSITIVE_INFINITY;
  } else {
    while (source[start] === '?') start++;
    before = start;
  }
  let end = source.length;
  let after = 0;
  if (end - 1 >= start && source[end - 1] === '*' && unquotedAt(source, end - 1)) {
    end--;
    after = Number.POSITIVE_INFINITY;
  } else {
    while (end - 1 >= start && source[end - 1] === '?' && unquotedAt(source, end - 1)) end--;
    after = source.length - end;
  }
  return { body: source.slice(start, end), before, after };
}

/**
 * SUPERSET when the wild-carded source string matches the target string, else DISJOINT
 * (Table 6-2 line 14). Matches are tried only at character boundaries of the target, so a quoted
 * pair is never split.
 */
function compareWildcard(source: string, target: string): CpeRelation {
  const { body, before, after } = patternOf(source);
  const total = logicalLength(target, 0, target.length);
  const bodyLength = logicalLength(body, 0, body.length);
  let chars = 0;
  for (let i = 0; i <= target.length && chars <= before; i++) {
    if (target.startsWith(body, i) && total - chars - bodyLength <= after) return 'SUPERSET';
    if (target.charCodeAt(i) === BACKSLASH) i++;
    chars++;
  }
  return 'DISJOINT';
}

/**
 * The relation of one source attribute value to one target value (Table 6-2). Values are in
 * Wardline's form, already lower-case.
 *
 * @example compareAttribute('*', 'adobe') → 'SUPERSET'; compareAttribute('9.*', '9.3.2') → 'SUPERSET';
 *   compareAttribute('palmos', '-') → 'DISJOINT'; compareAttribute('-', '*') → 'SUBSET'
 */
export function compareAttribute(source: string, target: string): CpeRelation {
  const targetIsString = target !== CPE_ANY && target !== CPE_NA;
  if (targetIsString && hasWildcards(target)) return 'UNDEFINED';
  if (source === target) return 'EQUAL';
  if (source === CPE_ANY) return 'SUPERSET';
  if (target === CPE_ANY) return 'SUBSET';
  if (source === CPE_NA || target === CPE_NA) return 'DISJOINT';
  return hasWildcards(source) ? compareWildcard(source, target) : 'DISJOINT';
}

/** True when the source value covers the target value (EQUAL or SUPERSET), without building a list. */
export function attributeCovers(source: string, target: string): boolean {
  if (target !== CPE_ANY && target !== CPE_NA && hasWildcards(target)) return false;
  if (source === target || source === CPE_ANY) return true;
  if (target === CPE_ANY || target === CPE_NA || source === CPE_NA) return false;
  return hasWildcards(source) && compareWildcard(source, target) === 'SUPERSET';
}

export interface CpeComparison {
  /** The name relation (Table 6-4), or UNDEFINED when the attribute relations fit none of them. */
  readonly relation: CpeRelation;
  readonly attributes: Readonly<Record<CpeAttribute, CpeRelation>>;
}

/** Table 6-4, from the attribute relations. */
export function nameRelation(relations: Iterable<CpeRelation>): CpeRelation {
  let superset = true;
  let subset = true;
  let equal = true;
  let disjoint = false;
  for (const relation of relations) {
    if (relation === 'DISJOINT') disjoint = true;
    if (relation !== 'EQUAL') equal = false;
    if (relation !== 'EQUAL' && relation !== 'SUPERSET') superset = false;
    if (relation !== 'EQUAL' && relation !== 'SUBSET') subset = false;
  }
  if (disjoint) return 'DISJOINT';
  if (equal) return 'EQUAL';
  if (subset) return 'SUBSET';
  return superset ? 'SUPERSET' : 'UNDEFINED';
}

/**
 * Compares a source name to a target name: every attribute's relation and the name relation.
 *
 * @example compareCpeNames(parse('cpe:2.3:a:adobe:*:9.*:*:palmos:*:*:*:*:*'),
 *   parse('cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*'))
 *   → { relation: 'DISJOINT', attributes: { part: 'EQUAL', vendor: 'SUBSET', product: 'SUPERSET',
 *       version: 'SUPERSET', update: 'SUPERSET', edition: 'DISJOINT', … } }
 */
export function compareCpeNames(source: CpeName, target: CpeName): CpeComparison {
  const attributes = {} as Record<CpeAttribute, CpeRelation>;
  for (const attribute of CPE_ATTRIBUTES) {
    attributes[attribute] = compareAttribute(source[attribute], target[attribute]);
  }
  return { relation: nameRelation(Object.values(attributes)), attributes };
}

/**
 * CPE_SUPERSET of NISTIR 7696 §7.2 (the CPE 2.2 notion of "matches"): every attribute EQUAL or
 * SUPERSET. Stops at the first attribute that fails.
 */
export function cpeCovers(source: CpeName, target: CpeName): boolean {
  for (const attribute of CPE_ATTRIBUTES) {
    if (!attributeCovers(source[attribute], target[attribute])) return false;
  }
  return true;
}
