/**
 * Reads typed fields out of an untrusted JSON-shaped record, reporting each value of the wrong
 * type or size and dropping it, so one bad field never costs the record.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { codeFor, type SbomArea, type SharedCondition } from './diagnostics.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { JsonObject, JsonValue } from './json-stream.js';
import { MAX_LIST_ITEMS, MAX_STRING_CHARS } from './limits.js';
import { canonicalPurl, hashAlgorithm, hexDigest, isCpe, isoTimestamp } from './values.js';

/** Narrowing for the values `JsonRecordReader` builds. */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads fields of one record; `where` names it in messages ("component `zlib` at byte 88"). */
export class FieldReader {
  constructor(
    readonly area: SbomArea,
    readonly sink: DiagnosticSink,
    public where: string,
  ) {}

  report(condition: SharedCondition, severity: DiagnosticSeverity, message: string): void {
    this.sink(codeFor(this.area, condition), severity, `${message} (${this.where}).`);
  }

  /** A non-empty trimmed string, or `null`; wrong types and over-long values are reported. */
  text(record: JsonObject, key: string): string | null {
    return this.string(record[key], `\`${key}\``);
  }

  string(value: JsonValue | undefined, label: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') {
      this.report('VALUE_INVALID', 'warning', `${label} is not a string; ignored`);
      return null;
    }
    if (value.length > MAX_STRING_CHARS) {
      this.report(
        'VALUE_INVALID',
        'warning',
        `${label} is longer than ${MAX_STRING_CHARS} characters; ignored`,
      );
      return null;
    }
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }

  /** An array, capped at `MAX_LIST_ITEMS`; anything else is reported and read as empty. */
  list(record: JsonObject, key: string): readonly JsonValue[] {
    return this.items(record[key], `\`${key}\``);
  }

  items(value: JsonValue | undefined, label: string): readonly JsonValue[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.report('VALUE_INVALID', 'warning', `${label} is not an array; ignored`);
      return [];
    }
    if (value.length <= MAX_LIST_ITEMS) return value;
    this.report(
      'VALUE_INVALID',
      'warning',
      `${label} has more than ${MAX_LIST_ITEMS} items; the rest are ignored`,
    );
    return value.slice(0, MAX_LIST_ITEMS);
  }

  object(record: JsonObject, key: string): JsonObject | null {
    const value = record[key];
    if (value === undefined || value === null) return null;
    if (isJsonObject(value)) return value;
    this.report('VALUE_INVALID', 'warning', `\`${key}\` is not an object; ignored`);
    return null;
  }

  /** A purl in canonical form; an invalid one is reported and dropped. */
  purl(text: string | null): string | null {
    if (text === null) return null;
    const purl = canonicalPurl(text);
    if (purl === null) {
      this.report(
        'PURL_INVALID',
        'warning',
        `The purl ${quote(text)} is not a valid package URL; dropped`,
      );
    }
    return purl;
  }

  cpe(text: string | null): string | null {
    if (text === null) return null;
    if (isCpe(text)) return text;
    this.report('VALUE_INVALID', 'warning', `The CPE ${quote(text)} is malformed; dropped`);
    return null;
  }

  /** Adds `alg → hex` to `hashes` when both are valid; reports otherwise. */
  hash(hashes: Record<string, string>, alg: string | null, content: string | null): void {
    const algorithm = alg === null ? null : hashAlgorithm(alg);
    const digest = content === null ? null : hexDigest(content);
    if (algorithm === null || digest === null) {
      this.report(
        'VALUE_INVALID',
        'warning',
        `The ${alg ?? 'unnamed'} hash is not a known algorithm with a hex digest; dropped`,
      );
      return;
    }
    hashes[algorithm] = digest;
  }

  timestamp(text: string | null, label: string): string | null {
    if (text === null) return null;
    const iso = isoTimestamp(text);
    if (iso === null)
      this.report('VALUE_INVALID', 'warning', `${label} ${quote(text)} is not a date; ignored`);
    return iso;
  }
}

/** A value quoted for a message, shortened so a hostile value cannot flood the log. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}
