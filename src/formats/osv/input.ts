/**
 * Turns OSV text into plain values, one per record: JSON (a record or an array of records) or YAML
 * (same shapes, as the PyPA advisory database writes them). YAML is read with the core schema, no
 * custom tags, few aliases, and plain scalars that look like numbers kept as written (`0.10`
 * stays `"0.10"`, not `0.1`), so versions survive. Every value is checked for depth and for
 * `__proto__` / `constructor` keys before anything reads it.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import type { FeedLog } from '../cve/feed-log.js';
import type { OsvDiagnosticCode } from './diagnostics.js';
import { MAX_OSV_DEPTH, MAX_OSV_INPUT_CHARS, MAX_OSV_YAML_ALIASES } from './limits.js';

/** One record's value and where it starts in the text. */
export interface RawRecord {
  readonly value: unknown;
  readonly offset: number;
  readonly line: number;
}

type Log = FeedLog<OsvDiagnosticCode>;

/** The records in `text`; problems with the whole input go to `log` and give no records. */
export function readRawRecords(text: string, log: Log): RawRecord[] {
  if (text.length > MAX_OSV_INPUT_CHARS) {
    log.report('WL_OSV_TOO_LARGE', 'error', `Input exceeds ${MAX_OSV_INPUT_CHARS} characters.`, 0);
    return [];
  }
  const start = text.search(/\S/);
  if (start === -1) {
    log.report('WL_OSV_UNREADABLE', 'error', 'The input is empty.', 0);
    return [];
  }
  const json = text[start] === '{' || text[start] === '[';
  const parsed = json ? readJson(text, log) : readYaml(text, log);
  if (parsed === null) return [];
  const problem = checkValue(parsed.value, 0);
  if (problem !== null) {
    const code = problem === 'deep' ? 'WL_OSV_TOO_DEEP' : 'WL_OSV_POISONED_KEY';
    const message =
      problem === 'deep'
        ? `Values nest deeper than ${MAX_OSV_DEPTH} levels; nothing read.`
        : 'The input has a `__proto__` or `constructor` key; nothing read.';
    log.report(code, 'error', message, 0, 1);
    return [];
  }
  return split(text, parsed.value, parsed.offsets ?? [start]);
}

interface Parsed {
  readonly value: unknown;
  /** Start offset of each array element (or of the one record). */
  readonly offsets: number[] | null;
}

function readJson(text: string, log: Log): Parsed | null {
  try {
    const value: unknown = JSON.parse(text);
    return { value, offsets: Array.isArray(value) ? jsonElementOffsets(text) : null };
  } catch (thrown) {
    const detail = thrown instanceof Error ? thrown.message : 'unreadable';
    log.report('WL_OSV_UNREADABLE', 'error', `Not well-formed JSON: ${detail}`, 0, 1);
    return null;
  }
}

function readYaml(text: string, log: Log): Parsed | null {
  let doc: Document;
  try {
    doc = parseDocument(text, {
      schema: 'core',
      customTags: [],
      uniqueKeys: true,
      prettyErrors: false,
    });
  } catch {
    log.report('WL_OSV_UNREADABLE', 'error', 'Not well-formed YAML.', 0, 1);
    return null;
  }
  const error = doc.errors[0];
  if (error !== undefined) {
    const offset = error.pos[0];
    log.report('WL_OSV_UNREADABLE', 'error', `Not well-formed YAML: ${error.code}`, offset);
    return null;
  }
  for (const warning of doc.warnings.slice(0, 10)) {
    log.report('WL_OSV_YAML_WARNING', 'info', `YAML: ${warning.code}`, warning.pos[0]);
  }
  keepNumbersAsWritten(doc);
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_OSV_YAML_ALIASES });
    const offsets = isSeq(doc.contents)
      ? doc.contents.items.map((item) =>
          isMap(item) || isScalar(item) ? (item.range?.[0] ?? 0) : 0,
        )
      : null;
    return { value, offsets };
  } catch {
    log.report('WL_OSV_UNREADABLE', 'error', 'YAML uses too many aliases.', 0, 1);
    return null;
  }
}

/** Plain scalars the core schema would read as numbers stay strings, as written. */
function keepNumbersAsWritten(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && node.type === 'PLAIN' && node.source !== undefined) {
        node.value = node.source;
      }
    },
  });
}

type Problem = 'deep' | 'poisoned' | null;

function checkValue(value: unknown, depth: number): Problem {
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_OSV_DEPTH) return 'deep';
  const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
  if (
    !Array.isArray(value) &&
    (Object.hasOwn(value, '__proto__') || Object.hasOwn(value, 'constructor'))
  ) {
    return 'poisoned';
  }
  for (const child of children) {
    const problem = checkValue(child, depth + 1);
    if (problem !== null) return problem;
  }
  return null;
}

function split(text: string, value: unknown, offsets: readonly number[]): RawRecord[] {
  const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  const records: RawRecord[] = [];
  let line = 1;
  let scanned = 0;
  values.forEach((item, index) => {
    const offset = offsets[index] ?? 0;
    for (; scanned < offset && scanned < text.length; scanned++) {
      if (text.charCodeAt(scanned) === 10) line++;
    }
    records.push({ value: item, offset, line });
  });
  return records;
}

/** Start offsets of the top-level array's elements in well-formed JSON text. */
function jsonElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (depth === 1 && expecting && !/[\s,\]]/.test(c)) {
      offsets.push(i);
      expecting = false;
    }
    if (c === '"') i = stringEnd(text, i);
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    if (depth === 1 && (c === '[' || c === ',')) expecting = true;
  }
  return offsets;
}

/** The index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
  return i;
}
