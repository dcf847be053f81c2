/** How correlations refer to rules and to each other. */
import type { CorrelationSpec } from './spec.js';

export interface RefTarget {
  readonly spec: CorrelationSpec;
  /** Index of the reference in the correlation's `rules`. */
  readonly ref: number;
}

/** Rule id or name → the correlations (and reference positions) that name it. */
export function referenceIndex(
  specs: readonly CorrelationSpec[],
): ReadonlyMap<string, readonly RefTarget[]> {
  const index = new Map<string, RefTarget[]>();
  for (const spec of specs) {
    spec.refs.forEach((name, ref) => {
      const list = index.get(name) ?? [];
      list.push({ spec, ref });
      index.set(name, list);
    });
  }
  return index;
}

function namesOf(spec: CorrelationSpec): string[] {
  const { id, name } = spec.correlation;
  return [id, name].filter((item) => item !== undefined);
}

/**
 * Which references name detection rules, which of those are never reported alone (every
 * correlation naming them has `generate: false`), and which correlations are not reported alone
 * for the same reason. Marks the latter on their specs.
 */
export function suppression(specs: readonly CorrelationSpec[]): {
  referenced: Set<string>;
  suppressed: Set<string>;
} {
  const correlationNames = new Map<string, CorrelationSpec>();
  for (const spec of specs) for (const name of namesOf(spec)) correlationNames.set(name, spec);
  const generated = new Set<string>();
  const referenced = new Set<string>();
  for (const spec of specs) {
    for (const name of spec.refs) {
      referenced.add(name);
      if (spec.correlation.generate) generated.add(name);
    }
  }
  for (const spec of specs) {
    const names = namesOf(spec);
    const named = names.some((name) => referenced.has(name));
    spec.suppressed = named && !names.some((name) => generated.has(name));
  }
  const rules = new Set([...referenced].filter((name) => !correlationNames.has(name)));
  const suppressed = new Set([...rules].filter((name) => !generated.has(name)));
  return { referenced: rules, suppressed };
}

/** Correlations ordered so that one comes after those it refers to (cycles kept in file order). */
export function flushOrder(specs: readonly CorrelationSpec[]): CorrelationSpec[] {
  const feeds = new Map<CorrelationSpec, CorrelationSpec[]>();
  for (const outer of specs) {
    feeds.set(
      outer,
      specs.filter((inner) => inner !== outer && feedsInto(inner, outer)),
    );
  }
  const order: CorrelationSpec[] = [];
  const placed = new Set<CorrelationSpec>();
  let remaining = [...specs];
  while (remaining.length > 0) {
    const ready = remaining.filter((spec) =>
      (feeds.get(spec) ?? []).every((inner) => placed.has(inner)),
    );
    // A cycle leaves nothing ready: take the rest as they come.
    const next = ready.length > 0 ? ready : remaining;
    for (const spec of next) {
      order.push(spec);
      placed.add(spec);
    }
    remaining = remaining.filter((spec) => !placed.has(spec));
  }
  return order;
}

function feedsInto(inner: CorrelationSpec, outer: CorrelationSpec): boolean {
  const names = namesOf(inner);
  return outer.refs.some((ref) => names.includes(ref));
}
