/** The `detection` section: search identifiers as search nodes, and the condition. */
import { parseCondition } from './condition.js';
import { MAX_FIELD_CONDITIONS, MAX_LIST_VALUES, MAX_SEARCH_IDENTIFIERS } from './limits.js';
import { readFieldCondition, readValues } from './modifiers.js';
import type { ProblemSink } from './problems.js';
import type { ConditionNode, FieldCondition, SearchNode, SigmaDetection } from './types.js';

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class SearchReader {
  private conditionCount = 0;

  constructor(private readonly sink: ProblemSink) {}

  read(name: string, raw: unknown): SearchNode | undefined {
    if (isMap(raw)) return this.readMap(name, raw);
    if (!Array.isArray(raw)) {
      const values = readValues(raw, name, this.sink);
      return values === undefined ? undefined : { kind: 'keywords', values };
    }
    if (raw.length > MAX_LIST_VALUES) {
      this.sink.add(
        'WL_SIGMA_LIMIT_EXCEEDED',
        `\`${name}\` lists ${raw.length} items (cap ${MAX_LIST_VALUES})`,
        name,
      );
      return undefined;
    }
    const maps = raw.filter(isMap);
    if (maps.length === 0) {
      const values = readValues(raw, name, this.sink);
      return values === undefined ? undefined : { kind: 'keywords', values };
    }
    if (maps.length !== raw.length) {
      this.sink.add('WL_SIGMA_DETECTION_INVALID', `\`${name}\` mixes maps with plain values`, name);
      return undefined;
    }
    const alternatives: SearchNode[] = [];
    for (const map of maps) {
      const node = this.readMap(name, map);
      if (node === undefined) return undefined;
      alternatives.push(node);
    }
    return { kind: 'anyOf', alternatives };
  }

  private readMap(name: string, map: Record<string, unknown>): SearchNode | undefined {
    const conditions: FieldCondition[] = [];
    for (const [key, value] of Object.entries(map)) {
      this.conditionCount += 1;
      if (this.conditionCount > MAX_FIELD_CONDITIONS) {
        this.sink.add(
          'WL_SIGMA_LIMIT_EXCEEDED',
          `the detection has over ${MAX_FIELD_CONDITIONS} field conditions`,
          name,
        );
        return undefined;
      }
      const condition = readFieldCondition(key, value, this.sink);
      if (condition === undefined) return undefined;
      conditions.push(condition);
    }
    if (conditions.length === 0) {
      this.sink.add('WL_SIGMA_DETECTION_INVALID', `\`${name}\` is an empty map`, name);
      return undefined;
    }
    return { kind: 'fields', conditions };
  }
}

function conditionTexts(raw: unknown, sink: ProblemSink): string[] | undefined {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (raw === undefined) {
    sink.add('WL_SIGMA_FIELD_MISSING', 'detection has no condition', 'condition');
    return undefined;
  }
  if (list.length === 0 || list.some((item) => typeof item !== 'string')) {
    sink.add('WL_SIGMA_FIELD_INVALID', 'condition must be a text or a list of texts', 'condition');
    return undefined;
  }
  return list as string[];
}

/**
 * Reads a rule's `detection` map; undefined after reporting the problems.
 *
 * @example
 * readDetection({ sel: { Image: '*\\cmd.exe' }, condition: 'sel' }, sink)
 * // → { searches: Map { 'sel' => { kind: 'fields', conditions: [{ field: 'Image', modifiers: [],
 * //      values: ['*\\cmd.exe'] }] } }, conditionText: ['sel'], condition: { kind: 'ref', name: 'sel' } }
 */
export function readDetection(raw: unknown, sink: ProblemSink): SigmaDetection | undefined {
  if (!isMap(raw)) {
    sink.add(
      raw === undefined ? 'WL_SIGMA_FIELD_MISSING' : 'WL_SIGMA_FIELD_INVALID',
      'detection must be a map',
      'detection',
    );
    return undefined;
  }
  const { condition: rawCondition, timeframe, ...rest } = raw;
  const entries = Object.entries(rest);
  if (entries.length > MAX_SEARCH_IDENTIFIERS) {
    sink.add(
      'WL_SIGMA_LIMIT_EXCEEDED',
      `detection has over ${MAX_SEARCH_IDENTIFIERS} search identifiers`,
      'detection',
    );
    return undefined;
  }
  const reader = new SearchReader(sink);
  const searches = new Map<string, SearchNode>();
  for (const [name, value] of entries) {
    const node = reader.read(name, value);
    if (node === undefined) return undefined;
    searches.set(name, node);
  }
  const texts = conditionTexts(rawCondition, sink);
  if (texts === undefined) return undefined;
  const names = [...searches.keys()];
  const trees: ConditionNode[] = [];
  for (const text of texts) {
    const tree = parseCondition(text, names, sink);
    if (tree === null) return undefined;
    trees.push(tree);
  }
  const condition: ConditionNode =
    trees.length === 1 && trees[0] !== undefined ? trees[0] : { kind: 'or', children: trees };
  return {
    searches,
    conditionText: texts,
    condition,
    ...(typeof timeframe === 'string' ? { timeframe } : {}),
  };
}
