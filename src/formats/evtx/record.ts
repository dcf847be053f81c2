/** One event record (MS-EVEN6 §2.2.3): header, BinXml body, rendered into a LogEvent. */
import type { EventData, EventValue, LogEvent } from '../../domain/detection.js';
import type { ChunkContext } from './chunk-context.js';
import { RecordRenderer } from './render.js';
import { isoMillis, fileTimeText } from './time.js';
import { TokenReader } from './tokens.js';

export const RECORD_SIGNATURE = 0x00002a2a;
/** Signature, size, record identifier, written time. */
export const RECORD_HEADER_BYTES = 24;

export interface RecordPlace {
  readonly source: string;
  readonly chunkIndex: number;
}

function member(value: EventValue | undefined, key: string): EventValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return (value as EventData)[key];
}

/** Renders the BinXml body of the record at `at` (size already checked) into evtx_dump JSON. */
export function renderRecord(ctx: ChunkContext, at: number, size: number): EventData {
  const renderer = new RecordRenderer(ctx);
  const end = at + size - 4;
  const tokens = new TokenReader(ctx, at + RECORD_HEADER_BYTES, end, false).read();
  renderer.render(tokens, null, 0);
  return renderer.builder.root;
}

/** The LogEvent of a rendered record: time from TimeCreated, host from Computer. */
export function toLogEvent(
  ctx: ChunkContext,
  at: number,
  data: EventData,
  place: RecordPlace,
): LogEvent {
  const system = member(data.Event, 'System');
  const created = member(member(member(system, 'TimeCreated'), '#attributes'), 'SystemTime');
  const written = fileTimeText(ctx.view, at + 16);
  const time =
    (typeof created === 'string' ? isoMillis(created) : null) ??
    (written === null ? null : isoMillis(written)) ??
    new Date(0).toISOString();
  const computer = member(system, 'Computer');
  const recordId = ctx.view.u64(at + 8);
  const event: LogEvent = {
    time,
    logsource: { product: 'windows' },
    shape: 'evtx-json',
    data,
    origin: {
      source: place.source,
      position: `chunk ${String(place.chunkIndex)} record ${String(recordId)}`,
    },
    ...(typeof computer === 'string' && computer !== '' ? { host: computer } : {}),
  };
  return event;
}
