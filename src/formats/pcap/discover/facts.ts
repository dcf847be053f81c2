/**
 * Merges the `ProtocolFacts` dissectors report about one address into one record per protocol:
 * lists are merged without duplicates (in the order first reported, at most `maxListValues` each
 * and `maxFactValuesTotal` across the capture), scalars are replaced by the latest non-null value.
 * A null never blanks out a value already known: a DHCP ACK carries no fingerprint, and it must not
 * erase the one from the REQUEST.
 */
import type { ProtocolFacts } from '../../../domain/observation.js';

/** The share of the capture-wide list budget still free, and what was dropped for want of it. */
export interface FactBudget {
  remaining: number;
  dropped: number;
  firstDroppedOffset: number;
}

interface ListField {
  readonly values: unknown[];
  readonly keys: Set<string>;
}

type FieldState = { list: ListField } | { scalar: unknown };
type ProtocolState = Map<string, FieldState>;

/** A stable identity for a list value: the value itself for strings, JSON for objects. */
function keyOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The protocol facts of one address (or device), merged report by report. */
export class FactsAccumulator {
  readonly #protocols = new Map<string, ProtocolState>();

  constructor(
    private readonly budget: FactBudget,
    private readonly maxListValues: number,
  ) {}

  get empty(): boolean {
    return this.#protocols.size === 0;
  }

  /** Merges one report; `offset` is where in the capture it came from, for the budget diagnostic. */
  merge(facts: ProtocolFacts, offset: number): void {
    for (const [protocol, fields] of Object.entries(facts)) {
      if (fields === undefined || fields === null) continue;
      let state = this.#protocols.get(protocol);
      if (state === undefined) {
        state = new Map();
        this.#protocols.set(protocol, state);
      }
      for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
        this.#field(state, name, value, offset);
      }
    }
  }

  /** Folds another accumulator in (two addresses of one device). */
  absorb(other: FactsAccumulator, offset: number): void {
    this.merge(other.toFacts(), offset);
  }

  /** String values of one list, for identifiers derived from facts (DICOM AE titles). */
  list(protocol: keyof ProtocolFacts, field: string): readonly string[] {
    const state = this.#protocols.get(protocol)?.get(field);
    if (state === undefined || !('list' in state)) return [];
    return state.list.values.filter((v): v is string => typeof v === 'string');
  }

  toFacts(): ProtocolFacts {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [protocol, state] of this.#protocols) {
      const fields: Record<string, unknown> = {};
      for (const [name, field] of state) {
        fields[name] = 'list' in field ? [...field.list.values] : field.scalar;
      }
      out[protocol] = fields;
    }
    return out;
  }

  #field(state: ProtocolState, name: string, value: unknown, offset: number): void {
    const current = state.get(name);
    if (!Array.isArray(value)) {
      if (current === undefined || (value !== null && value !== undefined)) {
        state.set(name, { scalar: value ?? null });
      }
      return;
    }
    let list: ListField;
    if (current !== undefined && 'list' in current) list = current.list;
    else {
      list = { values: [], keys: new Set() };
      state.set(name, { list });
    }
    for (const item of value as unknown[]) this.#add(list, item, offset);
  }

  #add(list: ListField, item: unknown, offset: number): void {
    const key = keyOf(item);
    if (list.keys.has(key)) return;
    if (list.values.length >= this.maxListValues || this.budget.remaining <= 0) {
      if (this.budget.dropped++ === 0) this.budget.firstDroppedOffset = offset;
      return;
    }
    this.budget.remaining--;
    list.keys.add(key);
    list.values.push(item);
  }
}
