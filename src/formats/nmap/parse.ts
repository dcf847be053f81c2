/**
 * Streaming Nmap XML (`nmap -oX`) parser: hosts come out as their `</host>` is read, so memory
 * stays bounded by one host whatever the file size.
 *
 * Why saxes: it is a maintained, pure-JS, non-validating SAX parser that never reads a DTD, knows
 * only the five predefined XML entities (an `&xxe;` declared in a DOCTYPE is reported as undefined,
 * never expanded or fetched), reports well-formedness errors to a handler and keeps going, and
 * tracks line and offset. sax-js is unmaintained; fast-xml-parser and xml2js build whole trees.
 *
 * @example
 * ```ts
 * for await (const item of parseNmapXml(createReadStream('scan.xml'), { source: 'scan.xml' })) {
 *   if (item.kind === 'host') console.log(item.host.addresses[0]?.value, item.host.ports.length);
 * }
 * // → 10.0.0.5 3   (then one { kind: 'run', run: { args: 'nmap -sV …', finishedTime: … } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { FEED_SLICE_CHARS } from './limits.js';
import { NmapSession } from './session.js';
import { feedXmlSession } from '../xml/feed-session.js';
import type { NmapDiagnostic, NmapHost, NmapParseItem, NmapReport, NmapRun } from './types.js';

/** A Node `Readable` (file, upload, socket) or any async source of UTF-8 bytes or text. */
export type NmapInput = AsyncIterable<Uint8Array | string>;

export interface ParseNmapOptions {
  /** Names the input in diagnostics: a file name or an upload id. */
  readonly source: string;
}

/**
 * Reads Nmap XML and yields each complete, valid host, a diagnostic for each problem, and last the
 * run's scan-level facts. Throws `WardlineError('WL_NMAP_UNREADABLE')` only when the input is not
 * XML, its root is not `nmaprun`, or the stream itself fails.
 */
export async function* parseNmapXml(
  input: NmapInput,
  options: ParseNmapOptions,
): AsyncGenerator<NmapParseItem, void, undefined> {
  yield* feedXmlSession(input, new NmapSession(options.source), {
    source: options.source,
    sliceChars: FEED_SLICE_CHARS,
    unreadable: { code: 'WL_NMAP_UNREADABLE', message: 'The Nmap XML input could not be read.' },
  });
}

/** Reads a whole report into memory: for tests and small files; services should stream. */
export async function collectNmapXml(
  input: NmapInput,
  options: ParseNmapOptions,
): Promise<NmapReport> {
  const hosts: NmapHost[] = [];
  const diagnostics: NmapDiagnostic[] = [];
  let run: NmapRun | null = null;
  for await (const item of parseNmapXml(input, options)) {
    if (item.kind === 'host') hosts.push(item.host);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else run = item.run;
  }
  if (run === null) throw new WardlineError('WL_INTERNAL', 'The Nmap parser ended without a run.');
  return { run, hosts, diagnostics };
}
