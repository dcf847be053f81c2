/**
 * One field condition (`Field|mod|mod: values`) compiled into a test on an event context:
 * values are alternatives (OR), or all required with `all`; a field holding a list matches when
 * any element does.
 */
import type { FieldCondition, SigmaModifier, SigmaValue } from '../sigma/index.js';
import type { EventContext, FieldView, Scalar } from './context.js';
import { cidrTest } from './cidr.js';
import { globTest, type StringTest } from './glob.js';
import { RuleCompileError } from './problem.js';
import { regexTest } from './regex.js';
import { ANY, normalizeTokens, parseSigmaString, type Token } from './sigma-string.js';
import {
  base64,
  base64offset,
  expandPlaceholders,
  utf16,
  windash,
  type Variant,
} from './transforms.js';
import type { CompileOptions } from './types.js';

export type ContextTest = (context: EventContext) => boolean;
type ViewTest = (view: FieldView, context: EventContext) => boolean;

const COMPARISONS: ReadonlySet<SigmaModifier> = new Set(['gt', 'gte', 'lt', 'lte']);

/** A number in an event value: numbers as they are, text when it reads wholly as a number. */
export function numberOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

type Comparison = 'gt' | 'gte' | 'lt' | 'lte';

function compare(modifier: Comparison, left: number, right: number): boolean {
  switch (modifier) {
    case 'gt':
      return left > right;
    case 'gte':
      return left >= right;
    case 'lt':
      return left < right;
    case 'lte':
      return left <= right;
  }
}

function isComparison(modifier: SigmaModifier): modifier is Comparison {
  return COMPARISONS.has(modifier);
}

function anyText(test: StringTest, cased: boolean): ViewTest {
  return cased ? (view) => view.texts.some(test) : (view) => view.lower.some(test);
}

function variantsOf(
  text: string,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): Variant[] {
  const texts = modifiers.includes('expand')
    ? expandPlaceholders(text, options.placeholders)
    : [text];
  let variants: Variant[] = texts.map((item) => ({
    tokens: parseSigmaString(item),
    binary: false,
  }));
  for (const modifier of modifiers) {
    if (modifier === 'windash') variants = variants.flatMap(windash);
    else if (modifier === 'wide' || modifier === 'utf16le')
      variants = variants.map((v) => utf16(v, 'utf16le'));
    else if (modifier === 'utf16be' || modifier === 'utf16')
      variants = variants.map((v) => utf16(v, modifier));
    else if (modifier === 'base64') variants = variants.map(base64);
    else if (modifier === 'base64offset') variants = variants.flatMap(base64offset);
  }
  return variants;
}

function shaped(tokens: readonly Token[], modifiers: readonly SigmaModifier[]): Token[] {
  const contains = modifiers.includes('contains');
  const before: Token[] = contains || modifiers.includes('endswith') ? [ANY] : [];
  const after: Token[] = contains || modifiers.includes('startswith') ? [ANY] : [];
  return [...before, ...tokens, ...after];
}

/** Literals searched anywhere in a text, bucketed by first character: one pass per text. */
function literalSetTest(literals: readonly string[]): StringTest {
  const byFirst = new Map<number, string[]>();
  for (const literal of literals) {
    const code = literal.charCodeAt(0);
    const list = byFirst.get(code);
    if (list === undefined) byFirst.set(code, [literal]);
    else list.push(literal);
  }
  return (value) => {
    for (let at = 0; at < value.length; at += 1) {
      const list = byFirst.get(value.charCodeAt(at));
      if (list !== undefined && list.some((literal) => value.startsWith(literal, at))) return true;
    }
    return false;
  };
}

/** A value's patterns after its modifiers: shaped with `*` and lowercased unless `cased`. */
export function patternsOf(
  text: string,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): Token[][] {
  const cased = modifiers.includes('cased');
  return variantsOf(text, modifiers, options).map((variant) => {
    const tokens = shaped(variant.tokens, modifiers);
    return cased ? tokens : tokens.map((t) => (typeof t === 'string' ? t.toLowerCase() : t));
  });
}

function stringTest(
  text: string,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): ViewTest {
  const tests = patternsOf(text, modifiers, options).map(globTest);
  const first = tests[0];
  const test: StringTest =
    tests.length === 1 && first !== undefined ? first : (value) => tests.some((one) => one(value));
  return anyText(test, modifiers.includes('cased'));
}

/** The literal of a `*literal*` pattern, or undefined for any other shape. */
function containedLiteral(tokens: readonly Token[]): string | undefined {
  const normal = normalizeTokens(tokens);
  const [head, middle, tail] = normal;
  return normal.length === 3 && head === ANY && tail === ANY && typeof middle === 'string'
    ? middle
    : undefined;
}

/**
 * Many `contains` values (OR) on one field: one pass over the text instead of one per value;
 * undefined when some value is not a plain literal.
 */
function containsAnyTest(
  values: readonly SigmaValue[],
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): ViewTest | undefined {
  if (values.length < 4 || !modifiers.includes('contains') || modifiers.includes('all'))
    return undefined;
  if (modifiers.some((modifier) => !['contains', 'cased', 'windash'].includes(modifier)))
    return undefined;
  const literals: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    for (const tokens of patternsOf(String(value), modifiers, options)) {
      const literal = containedLiteral(tokens);
      if (literal === undefined || literal === '') return undefined;
      literals.push(literal);
    }
  }
  return anyText(literalSetTest(literals), modifiers.includes('cased'));
}

function plainValueTest(
  value: SigmaValue,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): ViewTest {
  if (value === null) return (view) => view.raw === undefined || view.raw === null;
  if (typeof value === 'boolean') {
    const text = String(value);
    return (view) =>
      view.scalars.some(
        (item) => item === value || (typeof item === 'string' && item.toLowerCase() === text),
      );
  }
  const shapedModifiers = modifiers.some((m) => m !== 'cased' && m !== 'all');
  if (typeof value === 'number' && !shapedModifiers) {
    return (view) => view.scalars.some((item) => numberOf(item) === value);
  }
  return stringTest(String(value), modifiers, options);
}

function regexValueTest(value: SigmaValue, modifiers: readonly SigmaModifier[]): ViewTest {
  if (typeof value !== 'string') {
    throw new RuleCompileError('WL_DETECT_VALUE_UNSUPPORTED', '`re` takes text');
  }
  const test = regexTest(value, {
    i: modifiers.includes('i'),
    m: modifiers.includes('m'),
    s: modifiers.includes('s'),
  });
  return (view) => view.texts.some(test);
}

function fieldrefTest(value: SigmaValue, modifiers: readonly SigmaModifier[]): ViewTest {
  if (typeof value !== 'string') {
    throw new RuleCompileError('WL_DETECT_VALUE_UNSUPPORTED', '`fieldref` takes a field name');
  }
  const cased = modifiers.includes('cased');
  const how = modifiers.includes('contains')
    ? 'includes'
    : modifiers.includes('startswith')
      ? 'startsWith'
      : modifiers.includes('endswith')
        ? 'endsWith'
        : 'equals';
  return (view, context) => {
    const other = context.field(value);
    const mine = cased ? view.texts : view.lower;
    const theirs = cased ? other.texts : other.lower;
    return mine.some((left) =>
      theirs.some((right) => (how === 'equals' ? left === right : left[how](right))),
    );
  };
}

function valueTest(
  value: SigmaValue,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): ViewTest {
  if (modifiers.includes('exists')) {
    return (view) => (view.raw !== undefined) === value;
  }
  const comparison = modifiers.find(isComparison);
  if (comparison !== undefined) {
    const limit = Number(value);
    return (view) =>
      view.scalars.some((item) => {
        const number = numberOf(item);
        return number !== undefined && compare(comparison, number, limit);
      });
  }
  if (modifiers.includes('re')) return regexValueTest(value, modifiers);
  if (modifiers.includes('fieldref')) return fieldrefTest(value, modifiers);
  if (modifiers.includes('cidr')) {
    if (typeof value !== 'string') {
      throw new RuleCompileError('WL_DETECT_VALUE_UNSUPPORTED', '`cidr` takes a range');
    }
    const ranges = modifiers.includes('expand')
      ? expandPlaceholders(value, options.placeholders)
      : [value];
    const tests = ranges.map(cidrTest);
    return (view) => view.texts.some((text) => tests.some((test) => test(text)));
  }
  return plainValueTest(value, modifiers, options);
}

/**
 * Compiles one field condition; `field` '' searches every value of the event.
 *
 * @example
 * compileFieldCondition({ field: 'Image', modifiers: ['endswith'], values: ['\\cmd.exe'] }, {})
 * // → a test true for events whose Image ends with \cmd.exe in any case
 */
export function compileFieldCondition(
  condition: FieldCondition,
  options: CompileOptions,
): ContextTest {
  const { field, modifiers, values } = condition;
  const fast = containsAnyTest(values, modifiers, options);
  const tests =
    fast === undefined ? values.map((value) => valueTest(value, modifiers, options)) : [fast];
  const all = modifiers.includes('all');
  const view =
    field === ''
      ? (context: EventContext) => context.all()
      : (context: EventContext) => context.field(field);
  const [only] = tests;
  if (tests.length === 1 && only !== undefined) {
    return (context) => only(view(context), context);
  }
  if (tests.length === 0) return () => false;
  return all
    ? (context) => {
        const current = view(context);
        return tests.every((test) => test(current, context));
      }
    : (context) => {
        const current = view(context);
        return tests.some((test) => test(current, context));
      };
}
