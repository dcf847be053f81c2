import { describe, expect, it } from 'vitest';
import { SyslogFramer } from './framer.js';
import { parseSyslogMessage } from './parse.js';

describe('syslog scale', () => {
  it('frames and parses 100 000 mixed messages in 64 KiB chunks within budget', () => {
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i += 1) {
      lines.push(
        `<165>1 2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.123Z host app ${String(i)} ID [m@1 k="v${String(i)}"] event ${String(i)}`,
      );
      lines.push(
        `<34>Jan  1 00:00:00 host sshd[${String(i)}]: Accepted password for u${String(i)}`,
      );
    }
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    const started = performance.now();
    const framer = new SyslogFramer({ source: 'scale' });
    const receivedAt = new Date('2026-01-02T00:00:00Z');
    let parsed = 0;
    for (let at = 0; at < bytes.length; at += 65_536) {
      for (const frame of framer.push(bytes.subarray(at, at + 65_536))) {
        if (parseSyslogMessage(frame.text, { source: 'scale', receivedAt }).message !== null)
          parsed += 1;
      }
    }
    const ms = performance.now() - started;
    expect(parsed).toBe(100_000);
    expect(ms).toBeLessThan(10_000);
    console.info(
      `syslog scale: 100 000 messages, ${String(bytes.length)} bytes in ${ms.toFixed(0)} ms`,
    );
  });
});
