/**
 * Compiled rules indexed for matching: first by log source (a rule sees events whose log source
 * has every attribute it names), then, within each group of rules naming the same log source, by
 * literal keys (see keys.ts): `eq` and `base` keys are map lookups of a field's value or file
 * name, `sub` keys are found by one scan of the field's text with all the group's literals for
 * that field (literals.ts). A rule is tested only when its log source fits and, if it has keys,
 * the event yields one of them; the index never drops a match (compile.property.test.ts).
 */
import type { LogEvent, LogSource } from '../../../domain/detection.js';
import { EventContext, type FieldView, type Scalar } from './context.js';
import { numberOf, type ContextTest } from './field.js';
import { baseName, type IndexKey } from './keys.js';
import { MAX_CACHED_BUCKETS } from './limits.js';
import { LiteralSet } from './literals.js';
import type { CompiledRule, CompiledRuleSet, MatchExtra } from './types.js';

/** A compiled rule with what the set needs to index and test it. */
export interface IndexedRule extends CompiledRule {
  readonly test: ContextTest;
  readonly keys: readonly IndexKey[] | null;
}

/** `eq` or `base` keys of one field → rule positions. */
interface ExactIndex {
  readonly field: string;
  readonly kind: 'eq' | 'base';
  readonly rules: Map<string, number[]>;
}

/** `sub` literals of one field, scanned together; literal id → rule positions. */
interface SubIndex {
  readonly field: string;
  readonly literals: LiteralSet;
  readonly rules: readonly (readonly number[])[];
}

/** The rules naming one log source, indexed. */
interface Group {
  readonly unkeyed: readonly number[];
  readonly exact: readonly ExactIndex[];
  readonly subs: readonly SubIndex[];
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

function addTo<K>(map: Map<K, number[]>, key: K, position: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
}

class GroupBuilder {
  readonly unkeyed = new Set<number>();
  private readonly exact = new Map<string, ExactIndex>();
  /** field → literal → rule positions */
  private readonly subs = new Map<string, Map<string, number[]>>();

  add(position: number, keys: readonly IndexKey[] | null): void {
    if (keys === null) {
      this.unkeyed.add(position);
      return;
    }
    for (const { field, kind, key } of keys) {
      if (kind === 'sub') {
        let literals = this.subs.get(field);
        if (literals === undefined) {
          literals = new Map();
          this.subs.set(field, literals);
        }
        addTo(literals, key, position);
        continue;
      }
      const name = `${kind}\u0000${field}`;
      let index = this.exact.get(name);
      if (index === undefined) {
        index = { field, kind, rules: new Map() };
        this.exact.set(name, index);
      }
      addTo(index.rules, key, position);
    }
  }

  build(): Group {
    const subs: SubIndex[] = [];
    for (const [field, literals] of this.subs) {
      try {
        subs.push({
          field,
          literals: new LiteralSet([...literals.keys()]),
          rules: [...literals.values()],
        });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        // Too many literals for one table: those rules are tested on every event instead.
        for (const positions of literals.values()) for (const p of positions) this.unkeyed.add(p);
      }
    }
    return {
      unkeyed: [...this.unkeyed].sort((a, b) => a - b),
      exact: [...this.exact.values()],
      subs,
    };
  }
}

function viewOf(context: EventContext, field: string): FieldView {
  return field === '' ? context.all() : context.field(field);
}

class IndexedRuleSet implements CompiledRuleSet {
  private readonly bySource = new Map<string, Group>();
  private readonly buckets = new Map<string, readonly Group[]>();
  private readonly stamps: Uint32Array;
  private generation = 0;
  /** Literal ids found by the current scan (reused across events). */
  private readonly found: number[] = [];

  constructor(readonly rules: readonly IndexedRule[]) {
    const builders = new Map<string, GroupBuilder>();
    for (const [position, rule] of rules.entries()) {
      const key = ruleSourceKey(rule.logsource);
      let builder = builders.get(key);
      if (builder === undefined) {
        builder = new GroupBuilder();
        builders.set(key, builder);
      }
      builder.add(position, rule.keys);
    }
    for (const [key, builder] of builders) this.bySource.set(key, builder.build());
    this.stamps = new Uint32Array(rules.length);
  }

  private bucketFor(source: LogSource, also: readonly string[]): readonly Group[] {
    const cacheKey =
      also.length === 0 ? ruleSourceKey(source) : `${ruleSourceKey(source)}+${also.join('+')}`;
    const cached = this.buckets.get(cacheKey);
    if (cached !== undefined) return cached;
    const sourceKeys = new Set(sourcesOf(source, also).flatMap(eventSourceKeys));
    const groups: Group[] = [];
    for (const key of sourceKeys) {
      const group = this.bySource.get(key);
      if (group !== undefined) groups.push(group);
    }
    if (this.buckets.size >= MAX_CACHED_BUCKETS) this.buckets.clear();
    this.buckets.set(cacheKey, groups);
    return groups;
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
    const groups = this.bucketFor(event.logsource, extra?.alsoCategories ?? []);
    const context = new EventContext(event);
    const generation = this.nextGeneration();
    const hits: number[] = [];
    for (const group of groups) {
      this.testAll(group.unkeyed, generation, context, hits);
      for (const index of group.exact) this.matchExact(index, generation, context, hits);
      for (const index of group.subs) this.matchSub(index, generation, context, hits);
    }
    if (hits.length === 0) return [];
    hits.sort((a, b) => a - b);
    return hits.map((position) => this.rules[position]).filter((rule) => rule !== undefined);
  }

  private matchExact(
    index: ExactIndex,
    generation: number,
    context: EventContext,
    hits: number[],
  ): void {
    const base = index.kind === 'base';
    if (index.field !== '') {
      const raw = context.value(index.field);
      if (raw === undefined || raw === null) return;
      if (typeof raw === 'string') {
        // Plain text, the common case: its key without building a view.
        const text = raw.toLowerCase();
        const candidates = index.rules.get(base ? baseName(text) : text);
        if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
        if (!base) this.matchNumber(index, raw, generation, context, hits);
        return;
      }
    }
    const view = viewOf(context, index.field);
    if (view.scalars.length === 0) return;
    for (const text of view.lower) {
      const candidates = index.rules.get(base ? baseName(text) : text);
      if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
    }
    if (base) return;
    for (const scalar of view.scalars) this.matchNumber(index, scalar, generation, context, hits);
  }

  /** `eq` keys of numbers: a value that reads as a number also yields it as JavaScript writes it. */
  private matchNumber(
    index: ExactIndex,
    scalar: Scalar,
    generation: number,
    context: EventContext,
    hits: number[],
  ): void {
    const number = numberOf(scalar);
    const candidates = number === undefined ? undefined : index.rules.get(String(number));
    if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
  }

  private matchSub(
    index: SubIndex,
    generation: number,
    context: EventContext,
    hits: number[],
  ): void {
    const found = this.found;
    found.length = 0;
    const literals = index.literals;
    if (index.field === '') {
      context.forEachText((text) => {
        literals.scan(text, found);
      });
    } else {
      const raw = context.value(index.field);
      if (typeof raw === 'string') literals.scan(raw, found);
      else if (raw !== undefined && raw !== null) {
        for (const text of context.field(index.field).texts) literals.scan(text, found);
      }
    }
    for (const id of found) {
      const candidates = index.rules[id];
      if (candidates !== undefined) this.testAll(candidates, generation, context, hits);
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
