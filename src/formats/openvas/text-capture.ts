import { cut } from './values.js';

/**
 * Collects the text of the elements a builder asked for, keyed by `parent>name`, each capped. A
 * value past its cap is cut and remembered, so the builder can warn once instead of holding it.
 */
export class TextCapture {
  private readonly open = new Map<string, string>();
  private readonly caps = new Map<string, number>();
  private readonly cutKeys = new Set<string>();

  /** Starts collecting the text of the element now opening as `key`, up to `cap` characters. */
  start(key: string, cap: number): void {
    this.open.set(key, '');
    this.caps.set(key, cap);
  }

  /** Adds text that appeared directly inside the element `key`, if it is being collected. */
  add(key: string, text: string): void {
    const sofar = this.open.get(key);
    if (sofar === undefined) return;
    const cap = this.caps.get(key) ?? 0;
    if (sofar.length + text.length > cap) {
      this.cutKeys.add(key);
      this.open.set(key, cut(sofar + text, cap));
      return;
    }
    this.open.set(key, sofar + text);
  }

  /** The collected text of `key` (`null` when it was not being collected), and stops collecting it. */
  take(key: string): string | null {
    const text = this.open.get(key);
    this.open.delete(key);
    return text ?? null;
  }

  /** Whether the text last collected for `key` went past its cap. */
  wasCut(key: string): boolean {
    return this.cutKeys.has(key);
  }
}
