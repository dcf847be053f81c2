/**
 * Streaming Greenbone (GVM / OpenVAS) report XML parser. The input is read as a stream and never
 * held whole; because GVM writes a report's results before its host blocks, hosts come out when
 * their `report` element closes, each merged from its results and its host details.
 *
 * saxes is used for the reasons `../nmap/parse.ts` gives: non-validating, never reads a DTD, knows
 * only the five predefined entities, reports well-formedness errors and keeps going.
 *
 * @example
 * ```ts
 * for await (const item of parseOpenvasXml(createReadStream('report.xml'), { source: 'report.xml' })) {
 *   if (item.kind === 'host') console.log(item.host.ip, item.host.findings[0]?.cves);
 * }
 * // → 10.0.101.2 [ 'CVE-2023-4573', … ]   (then one { kind: 'scan', scan: { gmpVersion: '9.0', … } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { FEED_SLICE_CHARS } from './limits.js';
import { OpenvasSession } from './session.js';
import { feedXmlSession } from '../xml/feed-session.js';
import type {
  OpenvasDiagnostic,
  OpenvasHost,
  OpenvasParseItem,
  OpenvasReport,
  OpenvasScan,
} from './types.js';

/** A Node `Readable` (file, upload, socket) or any async source of UTF-8 bytes or text. */
export type OpenvasInput = AsyncIterable<Uint8Array | string>;

/** How to parse one input. */
export interface ParseOpenvasOptions {
  /** Names the input in diagnostics: a file name or an upload id. */
  readonly source: string;
}

/**
 * Reads GMP report XML (a saved report, or a `get_reports` response around one) and yields each
 * valid host, a diagnostic for each problem, and last the scan's own facts. Throws
 * `WardlineError('WL_OPENVAS_UNREADABLE')` only when the input is not XML, its root is neither
 * `report` nor `get_reports_response`, the report is a non-XML export, or the stream fails.
 */
export async function* parseOpenvasXml(
  input: OpenvasInput,
  options: ParseOpenvasOptions,
): AsyncGenerator<OpenvasParseItem, void, undefined> {
  yield* feedXmlSession(input, new OpenvasSession(options.source), {
    source: options.source,
    sliceChars: FEED_SLICE_CHARS,
    unreadable: {
      code: 'WL_OPENVAS_UNREADABLE',
      message: 'The GMP report input could not be read.',
    },
  });
}

/** Reads a whole report into memory: for tests and small files; services should stream. */
export async function collectOpenvasXml(
  input: OpenvasInput,
  options: ParseOpenvasOptions,
): Promise<OpenvasReport> {
  const hosts: OpenvasHost[] = [];
  const diagnostics: OpenvasDiagnostic[] = [];
  let scan: OpenvasScan | null = null;
  for await (const item of parseOpenvasXml(input, options)) {
    if (item.kind === 'host') hosts.push(item.host);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else scan = item.scan;
  }
  if (scan === null) throw new WardlineError('WL_INTERNAL', 'The GMP parser ended without a scan.');
  return { scan, hosts, diagnostics };
}
