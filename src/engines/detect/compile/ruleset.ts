/**
 * Compiled rules indexed for matching: first by log source (a rule sees events whose log source
 * has every attribute it names), then, within the log sources an event has, by literal keys
 * (see keys.ts). A rule is tested only when its log source fits and, if it has keys, the event
 * yields one of them; the index never drops a match (index.property.test.ts).
 */
import type { LogEvent, LogSource } from '../../../domain/detection.js';
import { EventContext } from './context.js';
import type { ContextTest } from './field.js';
import { eventKeys, GRAM, gramHash, type IndexKey, type KeyKind } from './keys.js';
import { MAX_CACHED_BUCKETS } from './limits.js';
import type { CompiledRule, CompiledRuleSet, MatchExtra } from './types.js';

/** A compiled rule with what the set needs to index and test it. */
export interface IndexedRule extends CompiledRule {
  readonly test: ContextTest;
  readonly keys: readonly IndexKey[] | null;
}

interface KeyIndex {
  readonly field: string;
  readonly kind: KeyKind;
  /** Key → rule positions; `gram` keys are stored as their numeric hash. */
  readonly rules: Map<string | number, number[]>;
}

/** The rules an event of one log source may match. */
interface Bucket {
  readonly unkeyed: readonly number[];
  readonly indexes: readonly KeyIndex[];
}

const ATTRIBUTES = ['product', 'category', 'service'] as const;

function lower(value: string | undefined): string {
  return value === undefined ? '' : value.toLowerCase();
}

/** A rule's log source as a key: the attributes it names, '' for the others. */
function ruleSourceKey(source: LogSource): string {
  return ATTRIBUTES.map((attribute) => lower(source[attribute])).join('|');
}

/** The rule-source keys an event's log source satisfies: every subset of its attributes. */
function eventSourceKeys(source: LogSource): string[] {
  let keys = [''];
  for (const [index, attribute] of ATTRIBUTES.entries()) {
    const value = lower(source[attribute]);
    const sep = index === 0 ? '' : '|';
    keys = keys.flatMap((prefix) =>
      value === '' ? [prefix + sep] : [prefix + sep, prefix + sep + value],
    );
  }
  return [...new Set(keys)];
}

/** Whether an event's log source has every attribute the rule names (brute-force check). */
export function logsourceFits(rule: LogSource, event: LogSource): boolean {
  return ATTRIBUTES.every((attribute) => {
    const wanted = rule[attribute];
    return wanted === undefined || lower(wanted) === lower(event[attribute]);
  });
}

/** The event's log source, and the same with each further category in its place. */
export function sourcesOf(source: LogSource, also: readonly string[]): LogSource[] {
  return [source, ...also.map((category) => ({ ...source, category }))];
}

function buildBucket(rules: readonly IndexedRule[], members: readonly number[]): Bucket {
  const unkeyed: number[] = [];
  const indexes = new Map<string, KeyIndex>();
  for (const position of [...members].sort((a, b) => a - b)) {
    const keys = rules[position]?.keys ?? null;
    if (keys === null) {
      unkeyed.push(position);
      continue;
    }
    for (const { field, kind, key: written } of keys) {
      const key = kind === 'gram' ? Number(written) : written;
      const name = `${kind}\u0000${field}`;
      let index = indexes.get(name);
      if (index === undefined) {
        index = { field, kind, rules: new Map() };
        indexes.set(name, index);
      }
      const list = index.rules.get(key);
      if (list === undefined) index.rules.set(key, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  }
  return { unkeyed, indexes: [...indexes.values()] };
}

class IndexedRuleSet implements CompiledRuleSet {
  private readonly bySource = new Map<string, number[]>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly stamps: Uint32Array;
  private generation = 0;

  constructor(readonly rules: readonly IndexedRule[]) {
    for (const [position, rule] of rules.entries()) {
      const key = ruleSourceKey(rule.logsource);
      const list = this.bySource.get(key);
      if (list === undefined) this.bySource.set(key, [position]);
      else list.push(position);
    }
    this.stamps = new Uint32Array(rules.length);
  }

  private bucketFor(source: LogSource, also: readonly string[]): Bucket {
    const cacheKey =
      also.length === 0 ? ruleSourceKey(source) : `${ruleSourceKey(source)}+${also.join('+')}`;
    const cached = this.buckets.get(cacheKey);
    if (cached !== undefined) return cached;
    const sourceKeys = new Set(sourcesOf(source, also).flatMap(eventSourceKeys));
    const members = [...new Set([...sourceKeys].flatMap((key) => this.bySource.get(key) ?? []))];
    const bucket = buildBucket(this.rules, members);
    if (this.buckets.size >= MAX_CACHED_BUCKETS) this.buckets.clear();
    this.buckets.set(cacheKey, bucket);
    return bucket;
  }

  private nextGeneration(): number {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  match(event: LogEvent, extra?: MatchExtra): readonly CompiledRule[] {
    const bucket = this.bucketFor(event.logsource, extra?.alsoCategories ?? []);
    const context = new EventContext(event);
    const hits: number[] = [];
    for (const position of bucket.unkeyed) {
      if (this.rules[position]?.test(context) === true) hits.push(position);
    }
    if (bucket.indexes.length > 0) this.matchKeyed(bucket, context, hits);
    if (hits.length === 0) return [];
    hits.sort((a, b) => a - b);
    return hits.map((position) => this.rules[position]).filter((rule) => rule !== undefined);
  }

  private matchKeyed(bucket: Bucket, context: EventContext, hits: number[]): void {
    const generation = this.nextGeneration();
    for (const index of bucket.indexes) {
      const view = context.field(index.field);
      if (view.scalars.length === 0) continue;
      if (index.kind === 'gram') {
        for (const text of view.lower) {
          for (let at = 0; at + GRAM <= text.length; at += 1) {
            const candidates = index.rules.get(gramHash(text, at));
            if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
          }
        }
        continue;
      }
      for (const key of eventKeys(view, index.kind)) {
        const candidates = index.rules.get(key);
        if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
      }
    }
  }

  private testAll(
    candidates: readonly number[],
    generation: number,
    context: EventContext,
    hits: number[],
  ): void {
    for (const position of candidates) {
      if (this.stamps[position] === generation) continue;
      this.stamps[position] = generation;
      if (this.rules[position]?.test(context) === true) hits.push(position);
    }
  }
}

/** Builds the indexed set over rules already compiled. */
export function indexRules(rules: readonly IndexedRule[]): CompiledRuleSet {
  return new IndexedRuleSet(rules);
}

/**
 * The same answer without any index: every rule whose log source fits, tested. For tests of the
 * index, and as the definition of what `match` returns.
 */
export function matchWithoutIndex(
  rules: readonly IndexedRule[],
  event: LogEvent,
  extra?: MatchExtra,
): readonly CompiledRule[] {
  const context = new EventContext(event);
  const sources = sourcesOf(event.logsource, extra?.alsoCategories ?? []);
  return rules.filter(
    (rule) => sources.some((source) => logsourceFits(rule.logsource, source)) && rule.test(context),
  );
}
