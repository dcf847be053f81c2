/**
 * Streaming parser for FIRST's EPSS daily scores (https://www.first.org/epss/data_stats): the
 * CSV `epss_scores-YYYY-MM-DD.csv`, plain or gzip-compressed, read line by line.
 *
 * @example
 * ```ts
 * const epss = await parseEpss(createReadStream('epss_scores-2025-03-14.csv.gz'), { source: 'epss.csv.gz' });
 * // text: '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\nCVE-1999-0001,0.01141,0.77821\n'
 * epss.modelVersion; // 'v2025.03.14'
 * epss.scoreDate;    // '2025-03-14T00:00:00.000Z'
 * epss.scores[0];    // { cveId: 'CVE-1999-0001', epss: 0.01141, percentile: 0.77821 }
 * ```
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import type { EpssScore } from '../../domain/vulnerability.js';
import { feedChunks, type FeedInput, type FeedParseOptions } from '../cve/feed-input.js';
import { FeedLog } from '../cve/feed-log.js';
import { EPSS_ALWAYS, type EpssDiagnosticCode } from './diagnostics.js';
import { gunzipInto, isGzip, peekBytes } from './gzip.js';
import { LineSplitter } from './lines.js';
import { MAX_EPSS_LINE_CHARS, MAX_EPSS_TEXT_BYTES } from './limits.js';
import { EpssSession } from './session.js';

/** What `parseEpss` returns. */
export interface EpssFile {
  /** From the first-line comment (`v2025.03.14`); null when the file has none. */
  readonly modelVersion: string | null;
  /** From the first-line comment, as ISO 8601 UTC; null when absent. */
  readonly scoreDate: string | null;
  readonly scores: EpssScore[];
  readonly diagnostics: Diagnostic<EpssDiagnosticCode>[];
}

/** Feeds decoded text to the line splitter and the session, counting bytes against the cap. */
class EpssReader {
  readonly log: FeedLog<EpssDiagnosticCode>;
  readonly session: EpssSession;
  private readonly lines = new LineSplitter(MAX_EPSS_LINE_CHARS);
  private readonly decoder = new TextDecoder('utf-8');
  private bytes = 0;
  private cut = false;

  constructor(source: string) {
    this.log = new FeedLog(source, EPSS_ALWAYS);
    this.session = new EpssSession(this.log);
  }

  /** False once reading should stop. */
  write(chunk: Uint8Array | string): boolean {
    this.bytes += chunk.length;
    if (this.bytes > MAX_EPSS_TEXT_BYTES) {
      this.log.report(
        'WL_EPSS_LIMIT_EXCEEDED',
        'error',
        `The text is larger than ${MAX_EPSS_TEXT_BYTES} bytes; the rest is not read.`,
        0,
      );
      return false;
    }
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    for (const line of this.lines.write(text)) this.session.line(line);
    return !this.session.stopped;
  }

  /** Ends the text; a cut-short stream drops its unterminated last line (its values may be cut). */
  end(): void {
    if (this.cut) return;
    const rest = this.decoder.decode();
    const lines = rest === '' ? this.lines.end() : [...this.lines.write(rest), ...this.lines.end()];
    for (const line of lines) this.session.line(line);
  }

  /** The gzip data broke off: what follows the last newline is not a whole row. */
  cutShort(reason: string): void {
    this.cut = true;
    this.log.report(
      'WL_EPSS_GZIP_CORRUPT',
      'error',
      `The gzip data is corrupt or cut short (${reason}); rows before are kept, the line it broke off in is dropped.`,
      0,
    );
  }
}

async function* bytesOf(input: FeedInput): AsyncGenerator<Uint8Array, void, undefined> {
  const encoder = new TextEncoder();
  for await (const chunk of feedChunks(input)) {
    yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
}

/**
 * Reads an EPSS CSV, plain or gzip. Bad rows and values outside 0..1 become diagnostics; the
 * other rows are kept. Throws `WardlineError('WL_IMPORT_UNREADABLE')` only when nothing in the
 * input looks like EPSS (neither a header nor a CVE row), or the input stream fails.
 */
export async function parseEpss(input: FeedInput, options: FeedParseOptions): Promise<EpssFile> {
  const reader = new EpssReader(options.source);
  try {
    if (typeof input === 'string') {
      reader.write(input);
    } else {
      await readBytes(bytesOf(input), reader);
    }
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The EPSS input could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  reader.end();
  const { session, log } = reader;
  if (session.start === 'unknown' && session.scores.length === 0) {
    throw new WardlineError(
      'WL_IMPORT_UNREADABLE',
      'The input is not an EPSS CSV: no `cve,epss,percentile` header and no CVE row.',
      {
        details: { source: options.source },
      },
    );
  }
  if (session.start === null) {
    log.report('WL_EPSS_HEADER_INVALID', 'error', 'The input holds no header and no rows.', 0);
  }
  return {
    modelVersion: session.modelVersion,
    scoreDate: session.scoreDate,
    scores: session.scores,
    diagnostics: log.diagnostics,
  };
}

async function readBytes(input: AsyncIterable<Uint8Array>, reader: EpssReader): Promise<void> {
  const peeked = await peekBytes(input, 2);
  if (!isGzip(peeked.head)) {
    for await (const chunk of peeked.input) if (!reader.write(chunk)) return;
    return;
  }
  const outcome = await gunzipInto(peeked.input, (chunk) => reader.write(chunk));
  if (!outcome.ok) reader.cutShort(outcome.reason);
}
