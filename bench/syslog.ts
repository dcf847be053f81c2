/**
 * Syslog ingest benchmark: a sender process writes RFC 5424 messages, octet-counted (RFC 6587),
 * over TCP at a fixed rate to `startSyslogListeners`, whose consumer classifies every event
 * (`classifyEvent`) and keeps nothing. Reports sent, received and lost, the rate achieved, the
 * times the listener paused the sender, and the listener process's RSS at start, middle and end.
 *
 *   npx tsx bench/syslog.ts [--seconds 300] [--rate 20000]
 *
 * Goal (detection issue): 20 000 events/s for 5 minutes, none lost, RSS flat.
 */
import { fork } from 'node:child_process';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import type { LogReadItem } from '../src/domain/detection.js';
import { classifyEvent } from '../src/engines/detect/logsource/index.js';
import { startSyslogListeners } from '../src/services/detect/ingest/syslog-listener.js';

const TICK_MS = 10;
const APPS = ['sshd', 'sudo', 'dicomd', 'hl7-router', 'nginx', 'CRON'] as const;

function message(i: number): string {
  const app = APPS[i % APPS.length] ?? 'app';
  const text = `<38>1 ${new Date().toISOString()} host${String(i % 250)} ${app} ${String(1000 + (i % 5000))} ID${String(i % 7)} [meta@32473 seq="${String(i)}" site="larkspur"] Failed password for user${String(i % 97)} from 10.20.${String(i % 256)}.${String((i * 7) % 256)} port ${String(1024 + (i % 60000))} ssh2`;
  return `${String(Buffer.byteLength(text))} ${text}`;
}

/** The sender: `rate` messages a second for `seconds`, in 10 ms ticks, waiting on TCP drain. */
async function sender(port: number, rate: number, seconds: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const start = Date.now();
  const end = start + seconds * 1000;
  let sent = 0;
  let waitedMs = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - start) / 1000) * rate);
    const parts: string[] = [];
    while (sent < due) parts.push(message(sent++));
    if (parts.length > 0 && !socket.write(parts.join(''))) {
      const before = Date.now();
      await new Promise<void>((resolve) => socket.once('drain', resolve));
      waitedMs += Date.now() - before;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
  process.send?.({ sent, waitedMs, seconds: (Date.now() - start) / 1000 });
}

const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '300' },
      rate: { type: 'string', default: '20000' },
      sender: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  if (values.sender !== undefined) {
    await sender(Number(values.sender), rate, seconds);
    return;
  }
  let events = 0;
  let rejected = 0;
  let classified = 0;
  const onBatch = (batch: LogReadItem[]): void => {
    for (const item of batch) {
      if (item.kind === 'rejected') {
        rejected += 1;
        continue;
      }
      events += 1;
      const c = classifyEvent(item.event.data, { shape: item.event.shape });
      if (c.shape === 'syslog') classified += 1;
    }
  };
  const listeners = await startSyslogListeners({ tcp: { host: '127.0.0.1', port: 0 }, onBatch });
  const port = listeners.addresses.tcp?.port ?? 0;
  const rss = { start: rssMb(), middle: 0, end: 0, peak: rssMb() };
  const peak = setInterval(() => {
    rss.peak = Math.max(rss.peak, rssMb());
  }, 1000);
  const middle = setTimeout(
    () => {
      rss.middle = rssMb();
    },
    (seconds * 1000) / 2,
  );
  console.log(`listening on ${String(port)}; sending ${String(rate)}/s for ${String(seconds)} s`);
  const started = Date.now();
  const child = fork(
    process.argv[1] ?? '',
    ['--sender', String(port), '--rate', String(rate), '--seconds', String(seconds)],
    {
      execArgv: process.execArgv,
    },
  );
  const report = await new Promise<{ sent: number; waitedMs: number; seconds: number }>((resolve) =>
    child.once('message', (m) => {
      resolve(m as { sent: number; waitedMs: number; seconds: number });
    }),
  );
  const drainStart = Date.now();
  while (events + rejected < report.sent && Date.now() - drainStart < 30_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = (Date.now() - started) / 1000;
  clearInterval(peak);
  clearTimeout(middle);
  rss.end = rssMb();
  const stats = listeners.stats();
  await listeners.close();
  const result = {
    seconds: Number(elapsed.toFixed(1)),
    rateAsked: rate,
    sent: report.sent,
    received: events + rejected,
    events,
    rejected,
    classifiedSyslog: classified,
    lost: report.sent - events - rejected,
    eventsPerSecond: Math.round(events / elapsed),
    senderPerSecond: Math.round(report.sent / report.seconds),
    senderWaitedOnDrainMs: report.waitedMs,
    listenerPauses: stats.pauses,
    bytes: stats.bytes,
    rssMb: rss,
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
