/**
 * Reads a CSAF document's text and parses it as JSON.
 *
 * Why whole rather than streamed: a CSAF document is one cross-referenced tree. Vulnerabilities
 * name products by id, product ids are defined in `product_tree` (branches, relationships,
 * groups), and the specification does not order the two, so nothing can be emitted until both are
 * read; a streamed reader would hold the same tree. CSAF files are small (the 144 ICS medical
 * advisories are 6–125 KB), so the text is read whole, bounded by `maxBytes` (32 MiB by default),
 * nesting is checked before `JSON.parse` runs, and `__proto__`/`constructor`/`prototype` keys
 * are removed and reported.
 */
import { Tokenizer } from '@streamparser/json';
import { WardlineError } from '../../domain/errors.js';
import type { CsafLog } from './diagnostics.js';
import { MAX_JSON_DEPTH } from './limits.js';

/** What `parseCsaf` accepts: a string, or chunks of bytes or text. */
export type CsafInput = AsyncIterable<Uint8Array | string> | string;

/** Keys that would reach `Object.prototype` if a consumer ever spread or merged the object. */
const POISONED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The input as text, or `null` (with a diagnostic) when it passes `maxBytes`. Invalid UTF-8
 * becomes U+FFFD; a byte order mark is dropped. Throws `WardlineError` when the stream fails.
 */
export async function readText(
  input: CsafInput,
  maxBytes: number,
  log: CsafLog,
): Promise<string | null> {
  if (typeof input === 'string') {
    if (input.length > maxBytes) return tooLarge(log, maxBytes);
    return stripBom(input);
  }
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let size = 0;
  try {
    for await (const chunk of input) {
      size += chunk.length;
      if (size > maxBytes) return tooLarge(log, maxBytes);
      parts.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    }
  } catch (thrown) {
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The CSAF input could not be read.', {
      cause: thrown,
    });
  }
  parts.push(decoder.decode());
  return stripBom(parts.join(''));
}

function tooLarge(log: CsafLog, maxBytes: number): null {
  log.report(
    'WL_CSAF_LIMIT_EXCEEDED',
    'error',
    `The document is larger than ${maxBytes} bytes; it is not parsed.`,
    maxBytes,
  );
  return null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The parsed JSON value, or `undefined` (with a diagnostic naming the position) when the text is
 * not JSON or nests deeper than `MAX_JSON_DEPTH`. Poisoned keys are dropped and reported.
 */
export function parseJson(text: string, log: CsafLog): unknown {
  const tooDeep = depthViolation(text);
  if (tooDeep >= 0) {
    log.report(
      'WL_CSAF_LIMIT_EXCEEDED',
      'error',
      `Values nest more than ${MAX_JSON_DEPTH} deep at character ${tooDeep}; the document is not parsed.`,
      tooDeep,
    );
    return undefined;
  }
  const poisoned: string[] = [];
  try {
    // The reviver's recursion is bounded by the depth check above.
    return JSON.parse(text, function revive(key: string, value: unknown): unknown {
      if (POISONED_KEYS.has(key)) {
        poisoned.push(key);
        return undefined;
      }
      return value;
    }) as unknown;
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : 'not JSON';
    const offset = errorOffset(text, reason);
    log.report(
      'WL_CSAF_JSON_MALFORMED',
      'error',
      `The document is not valid JSON (character ${offset}): ${reason.slice(0, 200)}`,
      offset,
    );
    return undefined;
  } finally {
    let from = 0;
    for (const key of poisoned) {
      const at = log.locate(JSON.stringify(key), from);
      from = at + 1;
      log.report('WL_CSAF_POISONED_KEY', 'error', `A \`${key}\` key is refused and dropped.`, at);
    }
  }
}

/** Character offset where nesting first passes `MAX_JSON_DEPTH`, or -1. Strings are skipped. */
function depthViolation(text: string): number {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c) at += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return at;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return -1;
}

/**
 * Where `JSON.parse` failed: from its message when it says, else found again with a tokenizer
 * (only on this failure path), else the end of the text.
 */
function errorOffset(text: string, message: string): number {
  const stated = /at position (\d+)/.exec(message)?.[1];
  if (stated !== undefined) return Number(stated);
  const bytes = Buffer.from(text, 'utf8');
  let end = 0;
  let failedAt = -1;
  const tokenizer = new Tokenizer();
  tokenizer.onToken = (info) => {
    end = info.offset + (typeof info.value === 'string' ? Buffer.byteLength(info.value) : 1);
  };
  tokenizer.onError = () => {
    if (failedAt < 0) failedAt = end;
  };
  try {
    tokenizer.write(bytes);
    tokenizer.end();
  } catch {
    if (failedAt < 0) failedAt = end;
  }
  if (failedAt < 0) return text.length;
  // The failure is in the first token after the last good one: skip the whitespace between.
  let offset = bytes.subarray(0, failedAt).toString('utf8').length;
  while (offset < text.length && /\s/.test(text.charAt(offset))) offset += 1;
  return offset;
}
