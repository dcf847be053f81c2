/**
 * Passive discovery of a capture from a stream: the async side of `DiscoverySession`. A classic
 * pcap file is split into records synchronously as its chunks arrive (`pcap-records.ts`); pcapng
 * goes through `readCapture`. Every packet goes to one session, which returns the devices,
 * conversations, diagnostics and statistics. Memory stays within the session's caps and one
 * record (or pcapng block) of buffering, whatever the capture's size.
 *
 * @example
 *   const { observations, flows, diagnostics, stats } = await discoverCapture(
 *     createReadStream('imaging-vlan.pcap'),
 *     { source: 'imaging-vlan.pcap', onProgress: (bytes) => bar.update(bytes) },
 *   );
 *   // flows[0]: { client: { ip: '10.1.4.11', mac: '00:1b:14:01:10:42', port: 49152 },
 *   //   server: { ip: '10.1.9.5', mac: '00:1b:19:00:05:42', port: 104 }, transport: 'tcp',
 *   //   protocol: 'dicom', encrypted: false, carriesEphi: true, packets: 2210, … }
 */
import { WardlineError } from '../../../domain/errors.js';
import { PCAP_LIMITS, type PcapLimits } from '../limits.js';
import { readCapture } from '../pcap-reader.js';
import { PcapRecordSplitter, startsWithPcapMagic } from './pcap-records.js';
import { DiscoverySession, type DiscoveryResult, type DiscoverySessionOptions } from './session.js';

/** What `discoverCapture` takes besides the session's options. */
export interface DiscoverCaptureOptions extends DiscoverySessionOptions {
  /** Called after each chunk read with the capture bytes read so far. */
  onProgress?(bytes: number): void;
  /** Stops reading; the promise then rejects with `WL_JOB_CANCELLED`. */
  readonly signal?: AbortSignal;
  /** Tighter (or, for tests, looser) caps for the capture reader than `PCAP_LIMITS`. */
  readonly readerLimits?: Partial<PcapLimits>;
  /**
   * The input overwrites one buffer for every chunk (`readFileChunks`): each chunk is valid only
   * until the next is asked for, so whatever is held across chunks is copied first.
   */
  readonly reusedChunks?: boolean;
}

/**
 * Reads a whole capture and discovers what is on it. Rejects with `WL_PCAP_UNREADABLE` when the
 * input is not a capture (wrong magic, header cut short, a failing stream) and with
 * `WL_JOB_CANCELLED` when `signal` aborts; anything wrong inside the capture is a diagnostic.
 */
export async function discoverCapture(
  input: AsyncIterable<Uint8Array>,
  options: DiscoverCaptureOptions,
): Promise<DiscoveryResult> {
  const session = new DiscoverySession(options);
  const chunks = counted(input, options)[Symbol.asyncIterator]();
  const head = await readHead(chunks, options);
  if (head.classic) await splitClassic(head.chunks, chunks, session, options);
  else await readAny(head.chunks, chunks, session, options);
  if (options.signal?.aborted === true) {
    throw new WardlineError('WL_JOB_CANCELLED', 'Discovery over the capture was cancelled.', {
      details: { source: options.source },
    });
  }
  return session.finish();
}

/** Reads chunks until the first four bytes are in, to tell classic pcap from the rest. */
async function readHead(
  chunks: AsyncIterator<Uint8Array>,
  options: DiscoverCaptureOptions,
): Promise<{ chunks: Uint8Array[]; classic: boolean }> {
  const held: Uint8Array[] = [];
  let length = 0;
  while (length < 4) {
    const next = await pull(chunks, options.source);
    if (next === null) break;
    held.push(options.reusedChunks === true ? next.slice() : next);
    length += next.length;
  }
  if (length < 4) return { chunks: held, classic: false };
  const first4 = new Uint8Array(4);
  let at = 0;
  for (const chunk of held) {
    const part = chunk.subarray(0, 4 - at);
    first4.set(part, at);
    at += part.length;
    if (at === 4) break;
  }
  return { chunks: held, classic: startsWithPcapMagic(first4) };
}

async function splitClassic(
  held: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  session: DiscoverySession,
  options: DiscoverCaptureOptions,
): Promise<void> {
  const splitter = new PcapRecordSplitter(
    options.source,
    { ...PCAP_LIMITS, ...options.readerLimits },
    (packet) => {
      session.add(packet);
    },
    (diagnostic) => {
      session.diagnostic(diagnostic);
    },
  );
  for (const chunk of held) splitter.push(chunk);
  for (;;) {
    if (splitter.stopped || options.signal?.aborted === true) return;
    const chunk = await pull(rest, options.source);
    if (chunk === null) break;
    splitter.push(chunk);
  }
  splitter.end();
}

async function readAny(
  held: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  session: DiscoverySession,
  options: DiscoverCaptureOptions,
): Promise<void> {
  // The reader holds chunks across reads: reused ones are copied for it.
  const source = options.reusedChunks === true ? copied(rest) : rest;
  const packets = readCapture(replay(held, source), {
    source: options.source,
    ...(options.readerLimits === undefined ? {} : { limits: options.readerLimits }),
    onDiagnostic: (diagnostic) => {
      session.diagnostic(diagnostic);
    },
  });
  for await (const packet of packets) {
    if (options.signal?.aborted === true) return;
    session.add(packet);
  }
}

async function* replay(
  held: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  yield* held;
  for (;;) {
    const next = await rest.next();
    if (next.done === true) return;
    yield next.value;
  }
}

function copied(chunks: AsyncIterator<Uint8Array>): AsyncIterator<Uint8Array> {
  return {
    next: async () => {
      const next = await chunks.next();
      return next.done === true ? next : { done: false, value: next.value.slice() };
    },
  };
}

/** The next chunk, or null at the end; a failing stream is `WL_PCAP_UNREADABLE`, as in `readCapture`. */
async function pull(chunks: AsyncIterator<Uint8Array>, source: string): Promise<Uint8Array | null> {
  let next: IteratorResult<Uint8Array>;
  try {
    next = await chunks.next();
  } catch (cause) {
    throw new WardlineError('WL_PCAP_UNREADABLE', 'The capture stream could not be read.', {
      cause,
      details: { source },
    });
  }
  if (next.done === true) return null;
  const value: unknown = next.value;
  if (!(value instanceof Uint8Array)) {
    throw new WardlineError(
      'WL_PCAP_UNREADABLE',
      'The capture stream yields text, not bytes; open it without an encoding.',
    );
  }
  return value;
}

/** Passes the chunks through, reporting progress and ending early when the signal aborts. */
async function* counted(
  input: AsyncIterable<Uint8Array>,
  options: DiscoverCaptureOptions,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of input) {
    if (options.signal?.aborted === true) return;
    yield chunk;
    bytes += chunk.length;
    options.onProgress?.(bytes);
  }
}
