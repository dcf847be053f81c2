import { describe, expect, it } from 'vitest';
import { readEve } from './read.js';

const LINES = 100_000;

async function* generate(): AsyncGenerator<string> {
  let chunk = '';
  for (let i = 0; i < LINES; i += 1) {
    chunk += `{"timestamp":"2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.123456+0000","flow_id":${String(i)},"event_type":"${i % 2 === 0 ? 'flow' : 'dns'}","src_ip":"10.0.${String(i % 256)}.5","src_port":49152,"dest_ip":"10.1.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","rrname":"host${String(i)}.example","rrtype":"A"}}\n`;
    if (chunk.length > 60_000) {
      await Promise.resolve();
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

describe('EVE scale', () => {
  it('reads 100 000 EVE records within budget, memory flat', async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const started = performance.now();
    let events = 0;
    for await (const item of readEve(generate(), { source: 'scale' })) {
      if (item.kind === 'event') events += 1;
      if (events % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - started;
    expect(events).toBe(LINES);
    expect(ms).toBeLessThan(10_000);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    console.info(
      `eve scale: ${String(LINES)} records in ${ms.toFixed(0)} ms, heap growth ${((peak - before) / 1e6).toFixed(1)} MB`,
    );
  });
});
