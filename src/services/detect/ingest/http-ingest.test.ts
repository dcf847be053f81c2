import { describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../../domain/detection.js';
import { hashSourceToken, newSourceToken, readIngestBody, tokenMatches } from './http-ingest.js';

// eslint-disable-next-line @typescript-eslint/require-await -- a stream for the reader, synchronous inside
async function* chunks(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(
  body: AsyncIterable<Uint8Array>,
  maxBytes = 1 << 20,
): Promise<LogReadItem[]> {
  const out: LogReadItem[] = [];
  for await (const item of readIngestBody(body, { maxBytes, source: 'http:test' })) out.push(item);
  return out;
}

describe('readIngestBody', () => {
  it('reads NDJSON, keeping good lines around bad ones', async () => {
    const items = await collect(
      chunks('{"a":1,"ts":1714557600}\r\nnot json\n\n[1]\n{"__proto__":{"x":1}}\n{"b":"two"}'),
    );
    expect(items.map((i) => (i.kind === 'event' ? i.event.data : i.diagnostic.code))).toEqual([
      { a: 1, ts: 1714557600 },
      'WL_INGEST_JSON_MALFORMED',
      'WL_INGEST_JSON_NOT_OBJECT',
      'WL_INGEST_JSON_POISONED',
      { b: 'two' },
    ]);
    const first = items[0];
    expect(first?.kind === 'event' ? first.event.time : '').toBe('2024-05-01T10:00:00.000Z');
    expect(first?.kind === 'event' ? first.event.shape : '').toBe('flat');
    const bad = items[1];
    expect(bad?.kind === 'rejected' ? [bad.diagnostic.line, bad.raw] : []).toEqual([2, 'not json']);
  });

  it('reads a JSON array element by element', async () => {
    const items = await collect(chunks(' [ {"a":1}, 2, {"b":{"c":[1,2]}} ]', 3));
    expect(items.map((i) => (i.kind === 'event' ? i.event.data : i.diagnostic.code))).toEqual([
      { a: 1 },
      'WL_INGEST_JSON_NOT_OBJECT',
      { b: { c: [1, 2] } },
    ]);
  });

  it('stops at the byte cap with a too-large item, keeping what came before', async () => {
    const body = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i })).join('\n');
    const items = await collect(chunks(body, 64), 200);
    const last = items.at(-1);
    expect(last?.kind === 'rejected' ? last.diagnostic.code : '').toBe('WL_INGEST_BODY_TOO_LARGE');
    const events = items.filter((i) => i.kind === 'event');
    expect(events.length).toBeGreaterThan(10);
    expect(events.length).toBeLessThan(100);
  });

  it('refuses JSON nested past the depth cap without a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    const items = await collect(chunks(`${deep}\n{"ok":true}\n`, 4096), 1 << 22);
    expect(items.map((i) => (i.kind === 'event' ? i.event.data : i.diagnostic.code))).toEqual([
      'WL_INGEST_JSON_TOO_DEEP',
      { ok: true },
    ]);
  });
});

describe('source tokens', () => {
  it('are prefixed random base64url, stored as a hash, matched only by the same token', () => {
    const token = newSourceToken();
    expect(token).toMatch(/^wl_src_[A-Za-z0-9_-]{43}$/);
    expect(newSourceToken()).not.toBe(token);
    const hash = hashSourceToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(7));
    expect(tokenMatches(hash, token)).toBe(true);
    expect(tokenMatches(hash, `${token}x`)).toBe(false);
    expect(tokenMatches('zz', token)).toBe(false);
  });
});
