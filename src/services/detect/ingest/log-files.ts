/**
 * A log file read as detection items, streaming (never the whole file in memory): the kind
 * sniffed from its first bytes (or given), then the matching `src/formats` reader.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { LogReadItem } from '../../../domain/detection.js';
import { WardlineError } from '../../../domain/errors.js';
import { readEntraSignIns } from '../../../formats/entra/index.js';
import { readEve } from '../../../formats/eve/index.js';
import { readEvtx } from '../../../formats/evtx/index.js';
import { readJsonLog } from '../../../formats/jsonlog/index.js';
import { readOktaEvents } from '../../../formats/okta/index.js';
import { readAtnaMessages } from '../../../formats/atna/index.js';
import { readFhirAuditEvents } from '../../../formats/fhir-audit/index.js';
import { readZeek } from '../../../formats/zeek/index.js';
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
  'zeek-json': (path, source) => readZeek(stream(path), { source }),
  syslog: (path, source) => readSyslogLines(path, source),
  'zeek-tsv': (path, source) => readZeek(stream(path), { source }),
  'fhir-audit': (path, source) => readFhirAuditEvents(stream(path), { source }),
  atna: (path, source) => readAtnaMessages(stream(path), { source }),
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
