/**
 * Cycle detection over dependency edges. Real SBOMs do contain cycles (npm peer dependencies,
 * Go module graphs), so a cycle is a note, not an error; what matters is that nothing walking the
 * graph recurses over one. The walk is iterative and stops after a fixed number of steps.
 */
import type { SbomEdge } from './types.js';

/** The outcome of a cycle check: none, one cycle's refs, or the step budget ran out. */
export type CycleCheck =
  | { readonly kind: 'acyclic' }
  | { readonly kind: 'cycle'; readonly path: readonly string[] }
  | { readonly kind: 'gave-up' };

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

/**
 * Looks for one cycle among `depends-on` edges with an iterative depth-first search; returns its
 * refs in order (the first ref repeated at the end), or `gave-up` after `maxSteps` edge visits.
 */
export function findDependencyCycle(edges: readonly SbomEdge[], maxSteps: number): CycleCheck {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.kind !== 'depends-on') continue;
    const targets = next.get(edge.from);
    if (targets === undefined) next.set(edge.from, [edge.to]);
    else targets.push(edge.to);
  }
  const color = new Map<string, number>();
  let steps = 0;
  for (const start of next.keys()) {
    if ((color.get(start) ?? WHITE) !== WHITE) continue;
    // Each frame: a node and the index of the next outgoing edge to try.
    const path: string[] = [start];
    const index: number[] = [0];
    color.set(start, GREY);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const targets = next.get(node) ?? [];
      const at = index[top] as number;
      if (at >= targets.length) {
        color.set(node, BLACK);
        path.pop();
        index.pop();
        continue;
      }
      index[top] = at + 1;
      steps += 1;
      if (steps > maxSteps) return { kind: 'gave-up' };
      const target = targets[at] as string;
      const seen = color.get(target) ?? WHITE;
      if (seen === GREY)
        return { kind: 'cycle', path: [...path.slice(path.indexOf(target)), target] };
      if (seen === WHITE) {
        color.set(target, GREY);
        path.push(target);
        index.push(0);
      }
    }
  }
  return { kind: 'acyclic' };
}
