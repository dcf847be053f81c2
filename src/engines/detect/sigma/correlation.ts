/** Correlation rules (Sigma correlation specification 2.0.0): the `correlation:` section. */
import type { RawMap } from './meta.js';
import type { ProblemSink } from './problems.js';
import { CORRELATION_OPERATORS, CORRELATION_TYPES } from './types.js';
import type {
  CorrelationCondition,
  CorrelationOperator,
  CorrelationType,
  SigmaCorrelation,
  SigmaRuleMeta,
} from './types.js';

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3_600,
  d: 86_400,
  w: 604_800,
  M: 2_592_000,
  y: 31_536_000,
};

/** `5m` → 300; undefined for anything else. */
export function timespanSeconds(text: string): number | undefined {
  const match = /^(\d{1,9})([smhdwMy])$/.exec(text.trim());
  if (match === null) return undefined;
  return Number(match[1]) * (UNIT_SECONDS[match[2] ?? ''] ?? 0);
}

function isMap(value: unknown): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] | undefined {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const strings = list.filter((item): item is string => typeof item === 'string');
  return strings.length === list.length ? strings : undefined;
}

function readCondition(
  raw: unknown,
  type: CorrelationType,
  sink: ProblemSink,
): CorrelationCondition | undefined | null {
  if (raw === undefined) {
    if (type === 'temporal' || type === 'temporal_ordered') return undefined;
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      `a ${type} correlation needs a condition`,
      'condition',
    );
    return null;
  }
  if (!isMap(raw)) {
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      'the correlation condition must be a map',
      'condition',
    );
    return null;
  }
  const { field, ...comparisons } = raw;
  const entries = Object.entries(comparisons);
  const [first] = entries;
  const operator = CORRELATION_OPERATORS.find((item) => item === first?.[0]);
  if (entries.length !== 1 || operator === undefined || typeof first?.[1] !== 'number') {
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      `the condition needs one of ${CORRELATION_OPERATORS.join(', ')} with a number`,
      'condition',
    );
    return null;
  }
  if (type === 'value_count' && typeof field !== 'string') {
    sink.add('WL_SIGMA_CORRELATION_INVALID', 'a value_count condition needs a field', 'condition');
    return null;
  }
  const op: CorrelationOperator = operator;
  return { operator: op, value: first[1], ...(typeof field === 'string' ? { field } : {}) };
}

function readAliases(
  raw: unknown,
  sink: ProblemSink,
): Map<string, Map<string, string>> | undefined {
  const aliases = new Map<string, Map<string, string>>();
  if (raw === undefined) return aliases;
  if (!isMap(raw)) {
    sink.add('WL_SIGMA_CORRELATION_INVALID', 'aliases must be a map', 'aliases');
    return undefined;
  }
  for (const [alias, perRule] of Object.entries(raw)) {
    if (!isMap(perRule) || Object.values(perRule).some((field) => typeof field !== 'string')) {
      sink.add(
        'WL_SIGMA_CORRELATION_INVALID',
        `alias \`${alias}\` must map rules to field names`,
        'aliases',
      );
      return undefined;
    }
    aliases.set(alias, new Map(Object.entries(perRule as Record<string, string>)));
  }
  return aliases;
}

/**
 * Reads a `correlation:` section; undefined after reporting problems.
 *
 * @example
 * readCorrelation({ type: 'event_count', rules: ['failed_logon'], 'group-by': ['User'],
 *   timespan: '5m', condition: { gte: 10 } }, meta, sink)
 * // → { ...meta, type: 'event_count', rules: ['failed_logon'], groupBy: ['User'], timespan: '5m',
 * //     timespanSeconds: 300, condition: { operator: 'gte', value: 10 }, generate: false, aliases: Map {} }
 */
export function readCorrelation(
  raw: unknown,
  meta: SigmaRuleMeta,
  sink: ProblemSink,
): SigmaCorrelation | undefined {
  if (!isMap(raw)) {
    sink.add('WL_SIGMA_CORRELATION_INVALID', 'correlation must be a map', 'correlation');
    return undefined;
  }
  const type = CORRELATION_TYPES.find((item) => item === raw['type']);
  if (type === undefined) {
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      `type must be one of ${CORRELATION_TYPES.join(', ')}`,
      'type',
    );
    return undefined;
  }
  const rules = stringList(raw['rules']);
  const groupBy = stringList(raw['group-by']);
  if (rules === undefined || rules.length === 0 || groupBy === undefined) {
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      'rules must list rule ids or names, group-by field names',
      'rules',
    );
    return undefined;
  }
  const timespan = typeof raw['timespan'] === 'string' ? raw['timespan'] : '';
  const seconds = timespanSeconds(timespan);
  if (seconds === undefined) {
    sink.add(
      'WL_SIGMA_CORRELATION_INVALID',
      `timespan \`${timespan}\` is not a number and a unit (s m h d w M y)`,
      'timespan',
    );
    return undefined;
  }
  const condition = readCondition(raw['condition'], type, sink);
  const aliases = readAliases(raw['aliases'], sink);
  if (condition === null || aliases === undefined) return undefined;
  return {
    ...meta,
    type,
    rules,
    groupBy,
    timespan,
    timespanSeconds: seconds,
    ...(condition === undefined ? {} : { condition }),
    generate: raw['generate'] === true,
    aliases,
  };
}
