/**
 * Pure helpers for the HTTP ingest route: the request body read as events (NDJSON or one JSON
 * array, bounded while it streams), and the per-source bearer tokens (made here, stored only as
 * their SHA-256, compared in constant time).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EventShape, LogReadItem } from '../../../domain/detection.js';
import { readJsonEvents } from './json-stream.js';

/** Every source token starts with this, so a leaked one is recognisable in a secret scan. */
export const SOURCE_TOKEN_PREFIX = 'wl_src_';
const TOKEN_BYTES = 32;

export interface IngestBodyOptions {
  readonly maxBytes: number;
  /** Names the source in diagnostics and event origins (`http:<source name>`). */
  readonly source: string;
  readonly shape?: EventShape;
  readonly receivedAt?: Date;
}

/**
 * The body's events: NDJSON (one JSON object per line) or a JSON array of objects. Past
 * `maxBytes` reading stops with a `WL_INGEST_BODY_TOO_LARGE` rejected item (the route answers
 * 413); bad records are rejected items and the good ones around them are kept.
 */
export function readIngestBody(
  body: AsyncIterable<Uint8Array>,
  options: IngestBodyOptions,
): AsyncGenerator<LogReadItem> {
  return readJsonEvents(body, options);
}

/** A new source token: `wl_src_` and 32 random bytes in base64url (43 characters). */
export function newSourceToken(): string {
  return `${SOURCE_TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
}

/** What is stored for a token: its SHA-256, hex. A random 256-bit token needs no slow hash. */
export function hashSourceToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` hashes to `hash`, compared in constant time. */
export function tokenMatches(hash: string, token: string): boolean {
  const expected = Buffer.from(hash, 'hex');
  const actual = createHash('sha256').update(token, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
