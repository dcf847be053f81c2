import { describe, expect, it } from 'vitest';
import { readZeek } from './read.js';

const LINES = 100_000;
const HEADER = `#separator \\x09
#set_separator\t,
#empty_field\t(empty)
#unset_field\t-
#path\tconn
#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\thistory\ttunnel_parents
#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tstring\tset[string]
`;

async function* generate(): AsyncGenerator<string> {
  let chunk = HEADER;
  for (let i = 0; i < LINES; i += 1) {
    chunk += `${String(1709287200 + i)}.123456\tC${String(i)}\t10.0.${String(i % 256)}.5\t${String(49152 + (i % 1000))}\t10.1.0.9\t104\ttcp\tdicom\t0.250000\t${String(i)}\t512\tSF\tT\tShADadFf\t(empty)\n`;
    if (chunk.length > 60_000) {
      await Promise.resolve();
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}#close\t2024-03-02-00-00-00\n`;
}

describe('Zeek scale', () => {
  it('reads 100 000 conn.log lines within budget, memory flat', async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const started = performance.now();
    let events = 0;
    for await (const item of readZeek(generate(), { source: 'conn.log' })) {
      if (item.kind === 'event') events += 1;
      if (events % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const ms = performance.now() - started;
    expect(events).toBe(LINES);
    expect(ms).toBeLessThan(10_000);
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
    console.info(
      `zeek scale: ${String(LINES)} lines in ${ms.toFixed(0)} ms, heap growth ${((peak - before) / 1e6).toFixed(1)} MB`,
    );
  });
});
