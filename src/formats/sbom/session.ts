/**
 * The bookkeeping every SBOM parser shares: the queue of items to yield, the diagnostic log, the
 * component and edge caps, duplicate and dangling refs, and the cycle check when the document
 * ends. One document's worth of state; nothing global.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import {
  codeFor,
  DiagnosticLog,
  type SbomArea,
  type SbomDiagnosticCode,
  type SbomPosition,
  type SharedCondition,
} from './diagnostics.js';
import { findDependencyCycle } from './graph.js';
import { MAX_COMPONENTS, MAX_CYCLE_CHECK_STEPS, MAX_EDGES } from './limits.js';
import type { SbomComponent, SbomDocument, SbomEdge, SbomParseItem } from './types.js';

/** Refs into other documents (`DocumentRef-x:SPDXRef-y`) cannot be checked here. */
const EXTERNAL_REF = /^DocumentRef-[^:]+:/;

/** One document's parse state, shared by the four parsers. */
export class SbomSession {
  /** A cap was reached: the parser stops reading. */
  stopped = false;
  readonly log: DiagnosticLog;
  private queue: SbomParseItem[] = [];
  private readonly refs = new Set<string>();
  private readonly edges: SbomEdge[] = [];
  private components = 0;

  constructor(
    readonly area: SbomArea,
    readonly source: string,
  ) {
    this.log = new DiagnosticLog(source, (diagnostic) => {
      this.queue.push({ kind: 'diagnostic', diagnostic });
    });
  }

  report(
    condition: SharedCondition,
    severity: DiagnosticSeverity,
    message: string,
    at: SbomPosition,
  ): void {
    this.log.report(codeFor(this.area, condition), severity, message, at);
  }

  /** A sink bound to one position, for the field readers. */
  sinkAt(
    at: SbomPosition,
  ): (code: SbomDiagnosticCode, severity: DiagnosticSeverity, message: string) => void {
    return (code, severity, message) => {
      this.log.report(code, severity, message, at);
    };
  }

  /** Queues a component; false (and the parse stops) once `MAX_COMPONENTS` is passed. */
  addComponent(component: SbomComponent, at: SbomPosition): boolean {
    if (this.stopped) return false;
    this.components += 1;
    if (this.components > MAX_COMPONENTS) {
      this.components -= 1;
      this.stop(`the document has more than ${MAX_COMPONENTS} components`, at);
      return false;
    }
    if (component.ref !== null) {
      if (this.refs.has(component.ref)) {
        const message = `Two components share the ref ${JSON.stringify(component.ref)}; edges to it are ambiguous.`;
        this.report('REF_DUPLICATE', 'warning', message, at);
      }
      this.refs.add(component.ref);
    }
    this.queue.push({ kind: 'component', component });
    return true;
  }

  /** A ref that edges may name though it is not a component (the primary, SPDX files). */
  knowRef(ref: string): void {
    this.refs.add(ref);
  }

  addEdge(edge: SbomEdge, at: SbomPosition): void {
    if (this.stopped) return;
    if (this.edges.length >= MAX_EDGES) {
      this.stop(`the document has more than ${MAX_EDGES} dependency edges`, at);
      return;
    }
    this.edges.push(edge);
    this.queue.push({ kind: 'edge', edge });
  }

  stop(reason: string, at: SbomPosition): void {
    if (this.stopped) return;
    this.report(
      'LIMIT_EXCEEDED',
      'error',
      `Parsing stopped: ${reason}. Records before this point are kept.`,
      at,
    );
    this.stopped = true;
  }

  /** Checks the edges against the refs read, looks for a cycle, and queues the document. */
  finish(document: Omit<SbomDocument, 'componentCount'>, at: SbomPosition): void {
    this.checkRefs(at);
    this.checkCycles(at);
    this.queue.push({
      kind: 'document',
      document: { ...document, componentCount: this.components },
    });
  }

  /** Yields what is queued. Takes the queue whole: `shift()` on a long queue is quadratic. */
  *drain(): Generator<SbomParseItem, void, undefined> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      yield* batch;
    }
  }

  private checkRefs(at: SbomPosition): void {
    const unknown = new Set<string>();
    for (const { from, to } of this.edges) {
      for (const ref of [from, to]) {
        if (!this.refs.has(ref) && !EXTERNAL_REF.test(ref)) unknown.add(ref);
      }
    }
    if (unknown.size === 0) return;
    const sample = [...unknown].slice(0, 5).map((ref) => JSON.stringify(ref.slice(0, 120)));
    const more = unknown.size > 5 ? `, and ${unknown.size - 5} more` : '';
    this.report(
      'REF_UNKNOWN',
      'warning',
      `Dependencies name ${unknown.size} ref(s) that no component has: ${sample.join(', ')}${more}. The edges are kept.`,
      at,
    );
  }

  private checkCycles(at: SbomPosition): void {
    const check = findDependencyCycle(this.edges, MAX_CYCLE_CHECK_STEPS);
    if (check.kind === 'acyclic') return;
    const message =
      check.kind === 'gave-up'
        ? `The dependency graph is too large to check for cycles within ${MAX_CYCLE_CHECK_STEPS} steps.`
        : `The dependencies form a cycle: ${describePath(check.path)}. Cycles are kept; nothing recurses over them.`;
    this.report('DEPENDENCY_CYCLE', 'info', message, at);
  }
}

function describePath(path: readonly string[]): string {
  const shown = path.length > 6 ? [...path.slice(0, 3), '…', ...path.slice(-2)] : path;
  return shown.map((ref) => (ref === '…' ? ref : JSON.stringify(ref.slice(0, 120)))).join(' → ');
}
