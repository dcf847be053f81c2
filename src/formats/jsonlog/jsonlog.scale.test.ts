import { describe, expect, it } from 'vitest';
import { readJsonLog } from './read.js';

const LINES = 100_000;

function line(i: number): string {
  return `{"@timestamp":"2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.123Z","host":"pc${String(i % 500)}","user":"u${String(i)}","event":{"code":4624,"action":"logon"},"ips":["10.0.${String(i % 256)}.1"]}`;
}

/** The input made chunk by chunk, never held whole: memory stays flat only if the reader's does. */
async function* generate(array: boolean): AsyncGenerator<string> {
  if (array) yield '[';
  let chunk = '';
  for (let i = 0; i < LINES; i += 1) {
    chunk += (array && i > 0 ? ',\n' : '') + line(i) + (array ? '' : '\n');
    if (chunk.length > 60_000) {
      await Promise.resolve();
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + (array ? ']' : '');
}

describe('JSON log scale', () => {
  it.each([
    ['JSON lines', false],
    ['a top-level array', true],
  ])('reads 100 000 records of %s within budget, memory flat', async (name, array) => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const started = performance.now();
    let events = 0;
    let last = '';
    for await (const item of readJsonLog(generate(array), { source: 'scale' })) {
      if (item.kind === 'event') {
        events += 1;
        last = item.event.origin?.position ?? '';
      }
      if (events % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - started;
    expect(events).toBe(LINES);
    expect(last).toBe(array ? 'item 100000' : 'line 100000');
    expect(ms).toBeLessThan(10_000);
    // 100 000 records are about 16 MB of text; holding them would show far above this.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    console.info(
      `jsonlog scale (${name}): ${String(LINES)} records in ${ms.toFixed(0)} ms, heap growth ${((peak - before) / 1e6).toFixed(1)} MB`,
    );
  });
});
