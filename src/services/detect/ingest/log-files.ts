/**
 * A log file read as detection items, streaming (never the whole file in memory): the kind
 * sniffed from its first bytes (or given), then the matching `src/formats` reader. Kinds whose
 * reader has not landed yield one rejected item saying so (`WL_INGEST_READER_MISSING`).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LogEvent, LogReadItem } from '../../../domain/detection.js';
import { WardlineError } from '../../../domain/errors.js';
import { readEntraSignIns } from '../../../formats/entra/index.js';
import { readEve } from '../../../formats/eve/index.js';
import { readEvtx } from '../../../formats/evtx/index.js';
import { readJsonLog } from '../../../formats/jsonlog/index.js';
import { readOktaEvents } from '../../../formats/okta/index.js';
import { ingestDiagnostic, rejectedItem } from './json-record.js';
import { MAX_LOG_LINE_BYTES, SNIFF_BYTES } from './limits.js';
import { splitLines } from './lines.js';
import { sniffLogFile, type LogFileKind } from './log-sniff.js';
import { syslogFrameToItem } from './syslog-event.js';

export { LOG_FILE_KINDS, sniffLogFile, type LogFileKind } from './log-sniff.js';

export interface LogFileOptions {
  /** The name events and diagnostics carry; default the file's base name. */
  readonly source?: string;
  /** Skips sniffing. */
  readonly kind?: LogFileKind;
}

type Reader = (path: string, source: string) => AsyncGenerator<LogReadItem>;

const stream = (path: string): AsyncIterable<Uint8Array> =>
  createReadStream(path, { highWaterMark: 64 * 1024 });

const READERS: Readonly<Record<LogFileKind, Reader>> = {
  evtx: (path, source) => readEvtxFile(path, source),
  eve: (path, source) => readEve(stream(path), { source }),
  entra: (path, source) => readEntraSignIns(stream(path), { source }),
  okta: (path, source) => readOktaEvents(stream(path), { source }),
  jsonlog: (path, source) => readJsonLog(stream(path), { source }),
  'zeek-json': (path, source) => readZeekJson(path, source),
  syslog: (path, source) => readSyslogLines(path, source),
  'zeek-tsv': (_path, source) => notYet(source, 'zeek-tsv', 'src/formats/zeek'),
  'fhir-audit': (_path, source) => notYet(source, 'fhir-audit', 'src/formats/fhir-audit'),
  atna: (_path, source) => notYet(source, 'atna', 'src/formats/atna'),
  unknown: (_path, source) => unknownKind(source),
};

/**
 * Reads `path` as items. Throws `WardlineError('WL_IMPORT_UNREADABLE')` only when the file
 * cannot be opened; everything in it that cannot be read is a rejected item.
 */
export async function* readLogFile(
  path: string,
  options: LogFileOptions = {},
): AsyncGenerator<LogReadItem> {
  const source = options.source ?? basename(path);
  const kind = options.kind ?? sniffLogFile(await readHead(path), path);
  yield* READERS[kind](path, source);
}

async function readHead(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The log file cannot be opened.', {
      details: { file: basename(path) },
      cause,
    });
  }
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function* readEvtxFile(path: string, source: string): AsyncGenerator<LogReadItem> {
  try {
    yield* readEvtx(stream(path), { source });
  } catch (error) {
    if (!(error instanceof WardlineError)) throw error;
    const place = { source, offset: 0 };
    yield rejectedItem(ingestDiagnostic(place, 'WL_INGEST_FILE_UNREADABLE', error.message));
  }
}

/** Syslog text, one RFC 5424 or RFC 3164 message per line. */
async function* readSyslogLines(path: string, source: string): AsyncGenerator<LogReadItem> {
  const receivedAt = new Date();
  for await (const line of splitLines(stream(path), MAX_LOG_LINE_BYTES)) {
    const ctx = {
      source,
      position: `line ${String(line.line)}`,
      receivedAt,
      offset: line.offset,
      line: line.line,
    };
    if (line.tooLong) {
      const message = `line over ${String(MAX_LOG_LINE_BYTES)} bytes`;
      yield rejectedItem(ingestDiagnostic(ctx, 'WL_INGEST_RECORD_TOO_LARGE', message), line.text);
      continue;
    }
    const item = syslogFrameToItem(line.text, ctx);
    if (item !== null) yield item;
  }
}

/**
 * Zeek JSON logs until `src/formats/zeek` lands: each record read by the JSON log reader and
 * labelled `zeek`, with the log's path (`conn` from `conn.log` or `_path`) as the service.
 */
async function* readZeekJson(path: string, source: string): AsyncGenerator<LogReadItem> {
  const fromName = /^([a-z_0-9]+)\.(log|json)/i.exec(basename(path))?.[1]?.toLowerCase();
  for await (const item of readJsonLog(stream(path), { source })) {
    if (item.kind !== 'event') {
      yield item;
      continue;
    }
    const declared = item.event.data._path;
    const service = typeof declared === 'string' ? declared : fromName;
    const event: LogEvent = {
      ...item.event,
      shape: 'zeek',
      logsource: service === undefined ? { product: 'zeek' } : { product: 'zeek', service },
    };
    yield { kind: 'event', event };
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- one item, same signature as the readers
async function* notYet(
  source: string,
  kind: LogFileKind,
  folder: string,
): AsyncGenerator<LogReadItem> {
  yield rejectedItem(
    ingestDiagnostic(
      { source, offset: 0 },
      'WL_INGEST_READER_MISSING',
      `the file looks like ${kind}, whose reader (${folder}) is not available yet`,
    ),
  );
}

// eslint-disable-next-line @typescript-eslint/require-await -- one item, same signature as the readers
async function* unknownKind(source: string): AsyncGenerator<LogReadItem> {
  yield rejectedItem(
    ingestDiagnostic(
      { source, offset: 0 },
      'WL_INGEST_FILE_UNKNOWN',
      'the file is not a log Wardline reads (EVTX, Zeek, Suricata EVE, JSON logs, ATNA, FHIR AuditEvent, syslog)',
    ),
  );
}
