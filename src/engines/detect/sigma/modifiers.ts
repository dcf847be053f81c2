/** Field keys (`CommandLine|contains|all`) split into the field and its validated modifiers. */
import { MAX_LIST_VALUES, MAX_REGEX_CHARS, MAX_VALUE_CHARS } from './limits.js';
import type { ProblemSink } from './problems.js';
import { SIGMA_MODIFIERS } from './types.js';
import type { FieldCondition, SigmaModifier, SigmaValue } from './types.js';

const KNOWN = new Set<string>(SIGMA_MODIFIERS);
const REGEX_FLAGS = new Set<SigmaModifier>(['i', 'm', 's']);
const COMPARISONS = new Set<SigmaModifier>(['gt', 'gte', 'lt', 'lte']);

function isModifier(name: string): name is SigmaModifier {
  return KNOWN.has(name);
}

/** Checks the combinations the specification rules out; returns a reason or undefined. */
function misuse(
  modifiers: readonly SigmaModifier[],
  values: readonly SigmaValue[],
): string | undefined {
  const has = (name: SigmaModifier): boolean => modifiers.includes(name);
  if (modifiers.some((name) => REGEX_FLAGS.has(name)) && !has('re')) {
    return 'the regular-expression flags i, m and s need `re`';
  }
  if (has('exists') && values.some((value) => typeof value !== 'boolean')) {
    return '`exists` takes true or false';
  }
  if (
    modifiers.some((name) => COMPARISONS.has(name)) &&
    values.some((value) => typeof value !== 'number')
  ) {
    return 'gt, gte, lt and lte take numbers';
  }
  if (
    has('re') &&
    values.some((value) => typeof value === 'string' && value.length > MAX_REGEX_CHARS)
  ) {
    return `a regular expression is longer than ${MAX_REGEX_CHARS} characters`;
  }
  return undefined;
}

function toValue(raw: unknown): SigmaValue | undefined {
  if (
    raw === null ||
    typeof raw === 'string' ||
    typeof raw === 'number' ||
    typeof raw === 'boolean'
  ) {
    return raw;
  }
  return undefined;
}

/** Plain values from a scalar or a list; undefined after reporting a problem. */
export function readValues(
  raw: unknown,
  field: string,
  sink: ProblemSink,
): SigmaValue[] | undefined {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length > MAX_LIST_VALUES) {
    sink.add(
      'WL_SIGMA_LIMIT_EXCEEDED',
      `\`${field}\` lists ${list.length} values (cap ${MAX_LIST_VALUES})`,
      field,
    );
    return undefined;
  }
  const values: SigmaValue[] = [];
  for (const item of list) {
    const value = toValue(item);
    if (value === undefined) {
      sink.add(
        'WL_SIGMA_DETECTION_INVALID',
        `\`${field}\` holds a nested list or map where a value belongs`,
        field,
      );
      return undefined;
    }
    if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) {
      sink.add(
        'WL_SIGMA_LIMIT_EXCEEDED',
        `a value of \`${field}\` is longer than ${MAX_VALUE_CHARS} characters`,
        field,
      );
      return undefined;
    }
    values.push(value);
  }
  return values;
}

/**
 * One `key: value` pair of a search map as a field condition, or undefined after a problem.
 *
 * @example
 * readFieldCondition('CommandLine|contains|all', ['-enc', 'http'], sink)
 * // → { field: 'CommandLine', modifiers: ['contains', 'all'], values: ['-enc', 'http'] }
 */
export function readFieldCondition(
  key: string,
  raw: unknown,
  sink: ProblemSink,
): FieldCondition | undefined {
  const [field = '', ...names] = key.split('|');
  const modifiers: SigmaModifier[] = [];
  for (const name of names) {
    if (!isModifier(name)) {
      sink.add(
        'WL_SIGMA_MODIFIER_UNKNOWN',
        `field \`${field}\` uses the unknown modifier \`${name}\``,
        field,
      );
      return undefined;
    }
    modifiers.push(name);
  }
  const values = readValues(raw, field, sink);
  if (values === undefined) return undefined;
  const reason = misuse(modifiers, values);
  if (reason !== undefined) {
    sink.add('WL_SIGMA_MODIFIER_INVALID', `field \`${field}\`: ${reason}`, field);
    return undefined;
  }
  return { field, modifiers, values };
}
