/** Timing helpers and the printed table of figures, goals and verdicts. */

export function now(): number {
  return performance.now();
}

export function timed<T>(work: () => T): { ms: number; result: T } {
  const start = now();
  const result = work();
  return { ms: now() - start, result };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = now();
  const result = await work();
  return { ms: now() - start, result };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function millis(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en-US')} MB`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export interface Row {
  readonly figure: string;
  readonly value: string;
  /** Empty when the figure has no goal of its own. */
  readonly goal: string;
  /** Null when there is no goal. */
  readonly met: boolean | null;
}

export function printTable(rows: readonly Row[]): void {
  const header = ['Figure', 'Value', 'Goal', 'Met'];
  const cells = rows.map((r) => [r.figure, r.value, r.goal, r.met === null ? '' : r.met ? 'met' : 'NOT met']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    `| ${c.map((v, i) => (i === 1 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const c of cells) console.log(line(c));
} // prettier-ignore
