/**
 * The syslog listeners wired to detection: each protocol counts as its own source (`syslog-udp`,
 * `syslog-tcp`, `syslog-tls`, created on first start), every batch goes through the ingest
 * pipeline, and datagrams the UDP listener lost are added to its source's dropped count.
 */
import type { IngestProtocol } from '../../domain/detection.js';
import { SYSTEM_ACTOR } from '../context.js';
import type { DetectionService } from './detection-service.js';
import { startSyslogListeners, type SyslogListeners } from './ingest/syslog-listener.js';

export interface SyslogIngestOptions {
  readonly host: string;
  readonly udpPort?: number;
  readonly tcpPort?: number;
  readonly tlsPort?: number;
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly log?: { warn(details: Record<string, unknown>, message: string): void };
}

/** How often lost UDP datagrams are added to the source's counter. */
const DROP_REPORT_MS = 10_000;

export async function startSyslogIngest(
  detection: DetectionService,
  options: SyslogIngestOptions,
): Promise<SyslogListeners | null> {
  const { udpPort, tcpPort, tlsPort, host, tls } = options;
  if (
    udpPort === undefined &&
    tcpPort === undefined &&
    (tlsPort === undefined || tls === undefined)
  )
    return null;
  await detection.ensureBundledRules();
  const actor = { ...SYSTEM_ACTOR, name: 'syslog' };
  const sources = new Map<IngestProtocol, Awaited<ReturnType<typeof detection.sources.ensure>>>();
  for (const protocol of ['syslog-udp', 'syslog-tcp', 'syslog-tls'] as const) {
    sources.set(protocol, await detection.sources.ensure(protocol, protocol, actor));
  }
  const listeners = await startSyslogListeners({
    ...(udpPort === undefined ? {} : { udp: { host, port: udpPort } }),
    ...(tcpPort === undefined ? {} : { tcp: { host, port: tcpPort } }),
    ...(tlsPort === undefined || tls === undefined
      ? {}
      : { tls: { host, port: tlsPort, key: tls.key, cert: tls.cert } }),
    ...(options.log === undefined ? {} : { log: options.log }),
    onBatch: async (batch, peer) => {
      await detection.sources.ingest(sources.get(peer.protocol) ?? null, batch);
    },
  });
  let reported = 0;
  const udpSource = sources.get('syslog-udp');
  const timer = setInterval(() => {
    const dropped = listeners.stats().udpDropped;
    if (dropped <= reported || udpSource === undefined) return;
    const delta = dropped - reported;
    reported = dropped;
    void detection.sources.recordDropped(udpSource.id, delta).catch(() => undefined);
  }, DROP_REPORT_MS);
  timer.unref();
  return {
    ...listeners,
    close: async () => {
      clearInterval(timer);
      await listeners.close();
    },
  };
}
