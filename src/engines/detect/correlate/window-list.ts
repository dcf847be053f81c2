/**
 * A correlation's open groups: looked up by key, and kept in sweep order (window start, or last
 * activity) in an intrusive list. A Map's own order would do, but walking it from the front after
 * many deletions steps over their tombstones each time, which made a stream of distinct groups
 * quadratic.
 */
import type { GroupWindow } from './window.js';

interface Node {
  readonly window: GroupWindow;
  prev: Node | undefined;
  next: Node | undefined;
}

export class WindowList {
  private readonly byKey = new Map<string, Node>();
  private head: Node | undefined;
  private tail: Node | undefined;

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): GroupWindow | undefined {
    return this.byKey.get(key)?.window;
  }

  /** The window first in sweep order. */
  first(): GroupWindow | undefined {
    return this.head?.window;
  }

  /** Adds the window last, or moves it there when present. */
  putLast(window: GroupWindow): void {
    const present = this.byKey.get(window.key);
    if (present !== undefined) this.unlink(present);
    const node: Node = present ?? { window, prev: undefined, next: undefined };
    node.prev = this.tail;
    node.next = undefined;
    if (this.tail === undefined) this.head = node;
    else this.tail.next = node;
    this.tail = node;
    this.byKey.set(window.key, node);
  }

  delete(key: string): void {
    const node = this.byKey.get(key);
    if (node === undefined) return;
    this.unlink(node);
    this.byKey.delete(key);
  }

  /** Every window in sweep order, then the list emptied. */
  drain(): GroupWindow[] {
    const out: GroupWindow[] = [];
    for (let node = this.head; node !== undefined; node = node.next) out.push(node.window);
    this.byKey.clear();
    this.head = undefined;
    this.tail = undefined;
    return out;
  }

  private unlink(node: Node): void {
    if (node.prev === undefined) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = undefined;
    node.next = undefined;
  }
}
