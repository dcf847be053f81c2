/**
 * One event while rules are tested on it: each field is looked up once, its values flattened
 * and their text lowercased once, however many rules read it.
 */
import type { EventValue, LogEvent } from '../../../domain/detection.js';
import { accessorFor } from '../fields/index.js';
import { MAX_KEYWORD_VALUES, MAX_VALUE_DEPTH } from './limits.js';

export type Scalar = string | number | boolean;

function textOf(value: Scalar): string {
  return typeof value === 'string' ? value : String(value);
}

function collect(value: EventValue | undefined, out: Scalar[], depth: number): void {
  if (value === undefined || value === null || out.length >= MAX_KEYWORD_VALUES) return;
  if (typeof value !== 'object') {
    out.push(value);
    return;
  }
  if (depth >= MAX_VALUE_DEPTH) return;
  const items = Array.isArray(value)
    ? (value as readonly EventValue[])
    : Object.values(value as { readonly [key: string]: EventValue });
  for (const item of items) collect(item, out, depth + 1);
}

function walk(
  value: EventValue,
  visit: (text: string) => void,
  budget: { left: number },
  depth: number,
): void {
  if (value === null || budget.left <= 0) return;
  if (typeof value !== 'object') {
    budget.left -= 1;
    visit(textOf(value));
    return;
  }
  if (depth >= MAX_VALUE_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly EventValue[]) walk(item, visit, budget, depth + 1);
    return;
  }
  const record = value as { readonly [key: string]: EventValue };
  for (const key in record) {
    if (Object.hasOwn(record, key)) walk(record[key] as EventValue, visit, budget, depth + 1);
  }
}

/** A field's values in one event: raw, as scalars (arrays flattened), as text, lowercased. */
export class FieldView {
  readonly scalars: readonly Scalar[];
  private textCache: readonly string[] | undefined;
  private lowerCache: readonly string[] | undefined;

  constructor(
    readonly raw: EventValue | undefined,
    deep: boolean,
  ) {
    if (raw === undefined || raw === null) {
      this.scalars = [];
    } else if (typeof raw !== 'object') {
      this.scalars = [raw];
    } else {
      const out: Scalar[] = [];
      if (deep || Array.isArray(raw)) {
        const items = Array.isArray(raw) ? (raw as readonly EventValue[]) : [raw];
        for (const item of items) {
          if (deep || (item !== null && typeof item !== 'object')) collect(item, out, 1);
        }
      }
      this.scalars = out;
    }
  }

  /** The values as text (numbers and booleans written out). */
  get texts(): readonly string[] {
    if (this.textCache === undefined) {
      const scalars = this.scalars;
      let allText = true;
      for (const scalar of scalars) if (typeof scalar !== 'string') allText = false;
      this.textCache = allText ? (scalars as readonly string[]) : scalars.map(textOf);
    }
    return this.textCache;
  }

  /** The values as lowercase text. */
  get lower(): readonly string[] {
    if (this.lowerCache === undefined) {
      const texts = this.texts;
      const out = new Array<string>(texts.length);
      for (let index = 0; index < texts.length; index += 1) {
        out[index] = (texts[index] ?? '').toLowerCase();
      }
      this.lowerCache = out;
    }
    return this.lowerCache;
  }
}

const EMPTY = new FieldView(undefined, false);

/** The per-event cache handed to compiled rules. */
export class EventContext {
  private readonly views = new Map<string, FieldView>();
  /** Values looked up for the index only (no view built yet). */
  private readonly values = new Map<string, EventValue | undefined>();
  private everything: FieldView | undefined;

  constructor(readonly event: LogEvent) {}

  /**
   * A Sigma field's value as the event holds it, looked up once; the index reads plain text
   * values this way without building a view (most fields are read only to find keys).
   */
  value(name: string): EventValue | undefined {
    const view = this.views.get(name);
    if (view !== undefined) return view.raw;
    if (this.values.has(name)) return this.values.get(name);
    const raw = accessorFor(this.event.shape, name)(this.event.data);
    this.values.set(name, raw);
    return raw;
  }

  /** A Sigma field's view, looked up through the event's shape once. */
  field(name: string): FieldView {
    let view = this.views.get(name);
    if (view === undefined) {
      const raw = this.values.has(name)
        ? this.values.get(name)
        : accessorFor(this.event.shape, name)(this.event.data);
      view = raw === undefined ? EMPTY : new FieldView(raw, false);
      this.views.set(name, view);
    }
    return view;
  }

  /** Every scalar value of the event, for keyword search. */
  all(): FieldView {
    this.everything ??= new FieldView(this.event.data, true);
    return this.everything;
  }

  /**
   * Calls `visit` with the text of every scalar value of the event, as `all()` gathers them
   * (same order and caps) but without building the list: what the index scans for keywords.
   */
  forEachText(visit: (text: string) => void): void {
    if (this.everything !== undefined) {
      for (const text of this.everything.texts) visit(text);
      return;
    }
    walk(this.event.data, visit, { left: MAX_KEYWORD_VALUES }, 1);
  }
}
