/**
 * Maven version order, written by hand after the rules of Maven's `ComparableVersion`
 * (https://maven.apache.org/pom.html#version-order-specification): no JavaScript library follows
 * them, and semver or generic rules get Maven's qualifiers wrong (`1.0-sp1` is newer than `1.0`,
 * `1.0-ga` equals it, `1.0-snapshot` is older).
 *
 * - `.` separates items in one list; `-` and a switch between digits and letters open a sub-list;
 *   an empty item is `0`;
 * - qualifiers order `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < `` = `ga` =
 *   `final` = `release` < `sp` < any other word (by ASCII); `a1`, `b1`, `m1` mean alpha, beta,
 *   milestone when a number follows;
 * - trailing “null” items (`0`, ``, empty lists) are dropped, so `1.0.0` = `1` = `1-ga`;
 * - a number is newer than a word or a list; case does not count.
 */
import { MAX_VERSION_LENGTH, MAX_VERSION_SEGMENTS } from './limits.js';
import { compareDigits, compareStrings, isDigitCode, type VersionOrder } from './order.js';

type Item =
  | { readonly kind: 'int'; readonly digits: string }
  | { readonly kind: 'string'; readonly qualifier: string }
  | { readonly kind: 'list'; readonly items: Item[] };

type ListItem = Extract<Item, { kind: 'list' }>;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE = String(QUALIFIERS.indexOf(''));
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORT: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };
const ALLOWED = /^[a-z0-9._+-]+$/;

function comparableQualifier(word: string, followedByDigit: boolean): string {
  let value = followedByDigit ? (SHORT[word] ?? word) : word;
  value = Object.hasOwn(ALIASES, value) ? (ALIASES[value] ?? value) : value;
  const index = QUALIFIERS.indexOf(value);
  return index === -1 ? `${QUALIFIERS.length}-${value}` : String(index);
}

function makeItem(text: string, digits: boolean, followedByDigit = false): Item {
  if (digits) return { kind: 'int', digits: text.replace(/^0+(?=\d)/, '') };
  return { kind: 'string', qualifier: comparableQualifier(text, followedByDigit) };
}

/** Maven's `parseVersion` loop; `ok` turns false once the version has too many items. */
class MavenParser {
  private readonly root: ListItem = { kind: 'list', items: [] };
  private readonly stack: ListItem[] = [this.root];
  private list: ListItem = this.root;
  private count = 0;
  private start = 0;
  private isDigit = false;
  ok = true;

  constructor(private readonly text: string) {}

  step(i: number): void {
    const { text } = this;
    const c = text.charAt(i);
    if (c === '.' || c === '-') {
      this.add(i === this.start ? makeItem('0', true) : makeItem(this.chunk(i), this.isDigit));
      this.start = i + 1;
      if (c === '-') this.openList();
    } else if (isDigitCode(c.charCodeAt(0))) {
      if (!this.isDigit && i > this.start) {
        this.add(makeItem(this.chunk(i), false, true));
        this.start = i;
        this.openList();
      }
      this.isDigit = true;
    } else {
      if (this.isDigit && i > this.start) {
        this.add(makeItem(this.chunk(i), true));
        this.start = i;
        this.openList();
      }
      this.isDigit = false;
    }
  }

  finish(): ListItem {
    if (this.text.length > this.start) {
      this.add(makeItem(this.text.slice(this.start), this.isDigit));
    }
    for (let i = this.stack.length - 1; i >= 0; i--) normalize(this.stack[i] as ListItem);
    return this.root;
  }

  private chunk(end: number): string {
    return this.text.slice(this.start, end);
  }

  private add(item: Item): void {
    this.list.items.push(item);
    this.count++;
    if (this.count > MAX_VERSION_SEGMENTS) this.ok = false;
  }

  private openList(): void {
    const list: ListItem = { kind: 'list', items: [] };
    this.add(list);
    this.list = list;
    this.stack.push(list);
  }
}

function parseMaven(version: string): ListItem | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  const text = version.toLowerCase();
  if (!ALLOWED.test(text) || !/[a-z0-9]/.test(text)) return null;
  const parser = new MavenParser(text);
  for (let i = 0; i < text.length && parser.ok; i++) parser.step(i);
  const list = parser.finish();
  return parser.ok ? list : null;
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int':
      return item.digits === '0';
    case 'string':
      return item.qualifier === RELEASE;
    case 'list':
      return item.items.length === 0;
  }
}

/** Drops trailing null items, stopping at the first non-null item that is not a list. */
function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i] as Item;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

function compareItem(a: Item, b: Item | null): number {
  switch (a.kind) {
    case 'int':
      if (b === null) return a.digits === '0' ? 0 : 1;
      return b.kind === 'int' ? compareDigits(a.digits, b.digits) : 1;
    case 'string':
      if (b === null) return compareStrings(a.qualifier, RELEASE);
      if (b.kind === 'string') return compareStrings(a.qualifier, b.qualifier);
      return -1;
    case 'list':
      if (b === null) return compareListToNull(a);
      if (b.kind === 'list') return compareLists(a, b);
      return b.kind === 'int' ? -1 : 1;
  }
}

function compareListToNull(list: ListItem): number {
  for (const item of list.items) {
    const result = compareItem(item, null);
    if (result !== 0) return result;
  }
  return 0;
}

function compareLists(a: ListItem, b: ListItem): number {
  const length = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < length; i++) {
    const left = a.items[i];
    const right = b.items[i] ?? null;
    let result: number;
    if (left === undefined) result = right === null ? 0 : -compareItem(right, null);
    else result = compareItem(left, right);
    if (result !== 0) return result;
  }
  return 0;
}

export const mavenOrder: VersionOrder<ListItem> = {
  parse: parseMaven,
  compare: compareLists,
};
