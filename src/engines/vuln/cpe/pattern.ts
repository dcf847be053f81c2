/**
 * `cpeCovers` for one source name tested against many targets: the source compiled once into the
 * attributes it constrains (every value but ANY), the target into its eleven values and whether
 * any of them is wild-carded (then nothing covers it).
 */
import { attributeCovers } from './compare.js';
import { CPE_ANY, CPE_ATTRIBUTES, CPE_NA, type CpeName } from './types.js';
import { hasWildcards } from './value.js';

/** A source name as the attributes that are not ANY (positions in `CPE_ATTRIBUTES`) and their values. */
export interface CpePattern {
  readonly attributes: readonly number[];
  readonly values: readonly string[];
}

/** A target name's values in `CPE_ATTRIBUTES` order, and whether any is wild-carded. */
export interface CpeTarget {
  readonly values: readonly string[];
  readonly wildcarded: boolean;
}

/** Attribute position lists are shared between patterns that constrain the same attributes. */
const attributeLists = new Map<number, readonly number[]>();

function attributeList(mask: number, positions: number[]): readonly number[] {
  const shared = attributeLists.get(mask);
  if (shared !== undefined) return shared;
  attributeLists.set(mask, positions);
  return positions;
}

/** Local copy: a module binding read in the inner loop costs an accessor call under some loaders. */
const ANY = '*';

/**
 * The pattern of a source name; `from` skips the first attributes, for callers that already know
 * they are equal (a lookup by `part:vendor:product` leaves `from` = 3).
 *
 * @example compileCpePattern(parse('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*')) → attributes [0, 1, 2]
 */
export function compileCpePattern(source: CpeName, from = 0): CpePattern {
  const positions: number[] = [];
  const values: string[] = [];
  let mask = 0;
  CPE_ATTRIBUTES.forEach((attribute, i) => {
    const value = source[attribute];
    if (value === CPE_ANY || i < from) return;
    positions.push(i);
    values.push(value);
    mask |= 1 << i;
  });
  return { attributes: attributeList(mask, positions), values };
}

export function cpeTarget(target: CpeName): CpeTarget {
  const values = CPE_ATTRIBUTES.map((attribute) => target[attribute]);
  const wildcarded = values.some((v) => v !== CPE_ANY && v !== CPE_NA && hasWildcards(v));
  return { values, wildcarded };
}

/**
 * Exactly `cpeCovers(source, target)` for the pattern of `source` and the target's values (for
 * the attributes the pattern was compiled for).
 *
 * @example patternCovers(compileCpePattern(log4jAny), cpeTarget(log4j2141)) → true
 */
export function patternCovers(pattern: CpePattern, target: CpeTarget): boolean {
  if (target.wildcarded) return false;
  const { attributes, values } = pattern;
  for (let i = 0; i < attributes.length; i++) {
    const source = values[i] ?? ANY;
    const value = target.values[attributes[i] ?? 0] ?? ANY;
    if (source !== value && !attributeCovers(source, value)) return false;
  }
  return true;
}
