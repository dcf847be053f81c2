/**
 * A set of literals searched in a text in one pass: an Aho–Corasick automaton. Transitions on
 * ASCII characters are a dense table over a compact alphabet (only the ASCII characters some
 * literal holds get a column; every other ASCII character sends the scan back to the root), so
 * scanning ASCII text is one table read per character whatever the number of literals. Other
 * characters (rarer in logs, but rules hold homoglyphs and UTF-16 variants: over a thousand
 * distinct ones) follow the classic goto/failure walk through a map.
 *
 * Written here rather than taken from npm: the maintained Aho–Corasick packages build a trie of
 * objects and report matches as allocated arrays of strings per call, which is what this hot
 * loop has to avoid; none is among the project's dependencies; and the automaton is ~150 lines.
 */

/** Transition cells (states × alphabet) above which the table is not built densely. */
const MAX_DENSE_CELLS = 24_000_000;
const WIDE_SPAN = 65_536;
const SIGMA = 0x3c3;
const FINAL_SIGMA = 0x3c2;

/** Lowercase forms of non-ASCII characters met so far (bounded by the 65,536 code units). */
const LOWER = new Map<number, string>();

function lowerOf(code: number): string {
  let lowered = LOWER.get(code);
  if (lowered === undefined) {
    lowered = String.fromCharCode(code).toLowerCase();
    LOWER.set(code, lowered);
  }
  return lowered;
}

interface Trie {
  readonly children: Map<number, number>[];
  readonly own: number[][];
}

function buildTrie(literals: readonly string[]): Trie {
  const children: Map<number, number>[] = [new Map<number, number>()];
  const own: number[][] = [[]];
  for (const [id, literal] of literals.entries()) {
    let state = 0;
    for (let at = 0; at < literal.length; at += 1) {
      const raw = literal.charCodeAt(at);
      const code = raw === FINAL_SIGMA ? SIGMA : raw;
      const node = children[state] ?? new Map<number, number>();
      let next = node.get(code);
      if (next === undefined) {
        next = children.length;
        node.set(code, next);
        children.push(new Map<number, number>());
        own.push([]);
      }
      state = next;
    }
    own[state]?.push(id);
  }
  return { children, own };
}

/**
 * The same trie with its states numbered so that every state where some literal ends (itself or
 * through its failure chain) comes after every other: one comparison tells whether to report.
 */
function reportingLast(raw: Trie): { trie: Trie; firstReporting: number } {
  const { order, fail } = failures(raw);
  const { start } = outputs(raw, order, fail);
  const reports = (state: number): boolean => (start[state + 1] ?? 0) > (start[state] ?? 0);
  if (reports(0)) throw new RangeError('an empty literal');
  const states = raw.children.length;
  const quiet = [0];
  const loud: number[] = [];
  for (let state = 1; state < states; state += 1) (reports(state) ? loud : quiet).push(state);
  const renamed = new Int32Array(states);
  for (const [index, state] of [...quiet, ...loud].entries()) renamed[state] = index;
  const children: Map<number, number>[] = new Array<Map<number, number>>(states);
  const own: number[][] = new Array<number[]>(states);
  for (let state = 0; state < states; state += 1) {
    const to = renamed[state] ?? 0;
    const map = new Map<number, number>();
    for (const [code, child] of raw.children[state] ?? []) map.set(code, renamed[child] ?? 0);
    children[to] = map;
    own[to] = raw.own[state] ?? [];
  }
  return { trie: { children, own }, firstReporting: quiet.length };
}

/** Breadth-first order and failure links. */
function failures(trie: Trie): { order: number[]; fail: Int32Array } {
  const fail = new Int32Array(trie.children.length);
  const order: number[] = [0];
  for (let index = 0; index < order.length; index += 1) {
    const state = order[index] ?? 0;
    for (const [code, child] of trie.children[state] ?? []) {
      order.push(child);
      if (state === 0) continue;
      let back = fail[state] ?? 0;
      while (back !== 0 && trie.children[back]?.has(code) !== true) back = fail[back] ?? 0;
      fail[child] = trie.children[back]?.get(code) ?? 0;
    }
  }
  return { order, fail };
}

/** Columns for the ASCII characters literals hold (0 is every other one); non-ASCII edges into `wide`. */
function asciiAlphabet(trie: Trie, wide: Map<number, number>): Map<number, number> {
  const alphabet = new Map<number, number>();
  for (const [state, node] of trie.children.entries()) {
    for (const [code, child] of node) {
      if (code >= 128) wide.set(state * WIDE_SPAN + code, child);
      else if (!alphabet.has(code)) alphabet.set(code, alphabet.size + 1);
    }
  }
  return alphabet;
}

/** The ASCII transitions of every state (as the target's row: state × width), failure links folded in. */
function denseTable(
  trie: Trie,
  order: readonly number[],
  fail: Int32Array,
  alphabet: ReadonlyMap<number, number>,
  width: number,
): Int32Array {
  const next = new Int32Array(trie.children.length * width);
  for (const state of order) {
    const row = state * width;
    const failRow = (fail[state] ?? 0) * width;
    // A state's missing transitions are its failure state's (already filled: BFS order).
    if (state !== 0) next.copyWithin(row, failRow, failRow + width);
    for (const [code, child] of trie.children[state] ?? []) {
      const column = alphabet.get(code);
      if (column !== undefined) next[row + column] = child * width;
    }
    next[row] = 0;
  }
  return next;
}

/** Literal ids ending at each state, its own and its failure chain's, flattened. */
function outputs(
  trie: Trie,
  order: readonly number[],
  fail: Int32Array,
): { start: Int32Array; ids: Int32Array } {
  const states = trie.children.length;
  const outs: (readonly number[])[] = new Array<readonly number[]>(states).fill([]);
  for (const state of order) {
    const inherited = state === 0 ? [] : (outs[fail[state] ?? 0] ?? []);
    const own = trie.own[state] ?? [];
    outs[state] = own.length === 0 ? inherited : [...own, ...inherited];
  }
  const start = new Int32Array(states + 1);
  let total = 0;
  for (let state = 0; state < states; state += 1) {
    start[state] = total;
    total += outs[state]?.length ?? 0;
  }
  start[states] = total;
  const ids = new Int32Array(total);
  for (let state = 0; state < states; state += 1) ids.set(outs[state] ?? [], start[state] ?? 0);
  return { start, ids };
}

/**
 * Lowercase literals found in texts, one pass per text, lowercasing the text as it goes.
 *
 * @example
 * const set = new LiteralSet(['cmd', 'md.e', 'exe']);
 * const out: number[] = [];
 * set.scan('c:\\cmd.exe', out); // out → [0, 1, 2] (ids, in order of their end in the text)
 */
export class LiteralSet {
  private readonly classOf: Uint8Array;
  /** Non-ASCII edges: state × 65,536 + code → child. */
  private readonly wide = new Map<number, number>();
  private readonly fail: Int32Array;
  private readonly width: number;
  private readonly next: Int32Array;
  /** States from this one on report literals (see `reportingLast`); the same as a row. */
  private readonly firstReporting: number;
  private readonly firstReportingRow: number;
  /** Literal ids ending at each state (its own and its failure chain's): outIds[outStart[s]…outStart[s+1]). */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  /** `literals` are lowercase (as index keys are). */
  constructor(readonly literals: readonly string[]) {
    const { trie, firstReporting } = reportingLast(buildTrie(literals));
    this.firstReporting = firstReporting;
    const states = trie.children.length;
    const alphabet = asciiAlphabet(trie, this.wide);
    this.width = alphabet.size + 1;
    if (states * this.width > MAX_DENSE_CELLS) {
      throw new RangeError(`literal set too large: ${states} states × ${this.width} characters`);
    }
    this.classOf = new Uint8Array(128);
    for (const [code, column] of alphabet) {
      this.classOf[code] = column;
      // Capitals read as their small letter: the text need not be lowercased first.
      if (code >= 0x61 && code <= 0x7a) this.classOf[code - 0x20] = column;
    }
    const { order, fail } = failures(trie);
    this.fail = fail;
    this.next = denseTable(trie, order, fail, alphabet, this.width);
    this.firstReportingRow = firstReporting * this.width;
    const { start, ids } = outputs(trie, order, fail);
    this.outStart = start;
    this.outIds = ids;
  }

  /** The goto/failure walk for a non-ASCII character. */
  private stepWide(from: number, code: number): number {
    let state = from;
    for (;;) {
      const child = this.wide.get(state * WIDE_SPAN + code);
      if (child !== undefined) return child;
      if (state === 0) return 0;
      state = this.fail[state] ?? 0;
    }
  }

  /** One step on a code unit of already-lowercased text. */
  private step(state: number, code: number): number {
    if (code < 128)
      return (this.next[state * this.width + (this.classOf[code] ?? 0)] ?? 0) / this.width;
    return this.stepWide(state, code === FINAL_SIGMA ? SIGMA : code);
  }

  private emit(state: number, out: number[]): void {
    const to = this.outStart[state + 1] ?? 0;
    for (let index = this.outStart[state] ?? 0; index < to; index += 1) {
      out.push(this.outIds[index] ?? 0);
    }
  }

  /**
   * Appends the id of every literal occurrence in `text` lowercased to `out` (an id may repeat).
   * The text is lowercased as it is read: ASCII capitals share their small letter's column, any
   * other character goes through `toLowerCase` (with a surrogate pair read whole), and σ/ς are
   * one letter (lowercasing a whole text picks ς by context, a lone character cannot).
   */
  scan(text: string, out: number[]): void {
    const { classOf, width, next, firstReportingRow } = this;
    let row = 0;
    for (let at = 0; at < text.length; at += 1) {
      const code = text.charCodeAt(at);
      if (code < 128) {
        row = next[row + (classOf[code] ?? 0)] ?? 0;
        if (row >= firstReportingRow) this.emit(row / width, out);
        continue;
      }
      const pair = code >= 0xd800 && code < 0xdc00 && at + 1 < text.length;
      const lowered = pair ? text.slice(at, at + 2).toLowerCase() : lowerOf(code);
      if (pair) at += 1;
      let state = row / width;
      for (let index = 0; index < lowered.length; index += 1) {
        state = this.step(state, lowered.charCodeAt(index));
        if (state >= this.firstReporting) this.emit(state, out);
      }
      row = state * width;
    }
  }
}
