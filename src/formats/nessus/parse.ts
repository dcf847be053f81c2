/**
 * Streaming Nessus `.nessus` (v2) parser: hosts come out as their `</ReportHost>` is read, so
 * memory stays bounded by one host whatever the file size. The `Policy` section is dropped as raw
 * text before parsing (`policy-skip.ts`).
 *
 * saxes is used for the reasons `../nmap/parse.ts` gives: non-validating, never reads a DTD, knows
 * only the five predefined entities, reports well-formedness errors and keeps going.
 *
 * @example
 * ```ts
 * for await (const item of parseNessusXml(createReadStream('scan.nessus'), { source: 'scan.nessus' })) {
 *   if (item.kind === 'host') console.log(item.host.addresses, item.host.findings.length);
 * }
 * // → [ '44.228.249.3' ] 49   (then one { kind: 'scan', scan: { reportName: 'dummy scan' } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { FEED_SLICE_CHARS } from './limits.js';
import { NessusSession } from './session.js';
import { feedXmlSession } from '../xml/feed-session.js';
import type {
  NessusDiagnostic,
  NessusHost,
  NessusParseItem,
  NessusReport,
  NessusScan,
} from './types.js';

/** A Node `Readable` (file, upload, socket) or any async source of UTF-8 bytes or text. */
export type NessusInput = AsyncIterable<Uint8Array | string>;

/** How to parse one input. */
export interface ParseNessusOptions {
  /** Names the input in diagnostics: a file name or an upload id. */
  readonly source: string;
}

/**
 * Reads a `.nessus` v2 file and yields each valid host, a diagnostic for each problem, and last
 * the scan's own facts. Throws `WardlineError('WL_NESSUS_UNREADABLE')` only when the input is not
 * XML, its root is not `NessusClientData_v2`, or the stream itself fails.
 */
export async function* parseNessusXml(
  input: NessusInput,
  options: ParseNessusOptions,
): AsyncGenerator<NessusParseItem, void, undefined> {
  yield* feedXmlSession(input, new NessusSession(options.source), {
    source: options.source,
    sliceChars: FEED_SLICE_CHARS,
    unreadable: { code: 'WL_NESSUS_UNREADABLE', message: 'The .nessus input could not be read.' },
  });
}

/** Reads a whole file into memory: for tests and small files; services should stream. */
export async function collectNessusXml(
  input: NessusInput,
  options: ParseNessusOptions,
): Promise<NessusReport> {
  const hosts: NessusHost[] = [];
  const diagnostics: NessusDiagnostic[] = [];
  let scan: NessusScan | null = null;
  for await (const item of parseNessusXml(input, options)) {
    if (item.kind === 'host') hosts.push(item.host);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else scan = item.scan;
  }
  if (scan === null)
    throw new WardlineError('WL_INTERNAL', 'The .nessus parser ended without a scan.');
  return { scan, hosts, diagnostics };
}
