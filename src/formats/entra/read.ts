/**
 * Reads Entra ID (Azure AD) sign-in logs into log events: Microsoft Graph `signIn` resources (a
 * JSON array, a Graph page `{"value": […]}`, NDJSON, or one object) and Azure Monitor exports
 * (`{"records": […]}` from Event Hubs, or one record per line from a storage account), whose
 * `properties` hold the sign-in. A record that cannot be read is yielded as rejected, with its
 * reason and raw text, and reading goes on.
 *
 * @example
 * ```ts
 * for await (const item of readEntraSignIns(createReadStream('signins.json'), { source: 'signins.json' })) {
 *   if (item.kind === 'event') item.event.data['ResultType']; // 50126
 * }
 * ```
 */
import type { LogEvent, LogReadItem } from '../../domain/detection.js';
import { entraCodeFor } from './diagnostics.js';
import { readJsonLogRecords, type JsonLogRecord } from './json-log-records.js';
import { ipsOf, isoUtc, memberOf, rejectedItem } from './log-items.js';
import { signInData, signInParts } from './signin.js';

/** What every log reader is told about its input. */
export interface LogReadOptions {
  /** The name diagnostics and event origins carry (a file name, a listener and peer). */
  readonly source: string;
}

/** Root members whose array holds the sign-ins: a Graph page, an Azure Monitor batch. */
const WRAPPER_KEYS: ReadonlySet<string> = new Set(['value', 'records']);

/** Reads sign-ins one at a time; never throws on content (only if the input stream fails). */
export async function* readEntraSignIns(
  input: AsyncIterable<Uint8Array | string>,
  options: LogReadOptions,
): AsyncGenerator<LogReadItem, void, undefined> {
  const { source } = options;
  for await (const piece of readJsonLogRecords(input, WRAPPER_KEYS)) {
    if (piece.kind === 'record') {
      yield signInItem(piece, source);
    } else {
      yield rejectedItem(
        source,
        piece,
        entraCodeFor(piece.condition),
        'error',
        piece.message,
        piece.raw,
      );
    }
  }
}

function signInItem(record: JsonLogRecord, source: string): LogReadItem {
  const parts = signInParts(record.value);
  if (typeof parts === 'string') {
    return rejectedItem(
      source,
      record,
      'WL_ENTRA_NOT_SIGNIN',
      'warning',
      `The record at line ${record.line} is not an Entra sign-in: ${parts}; it is skipped.`,
      record.raw,
    );
  }
  const envelope = parts.envelope ?? undefined;
  const time =
    isoUtc(memberOf(parts.signIn, 'createdDateTime')) ?? isoUtc(memberOf(envelope, 'time'));
  if (time === null) {
    return rejectedItem(
      source,
      record,
      'WL_ENTRA_TIME_INVALID',
      'error',
      `The sign-in at line ${record.line} has no readable \`createdDateTime\` (or Azure Monitor \`time\`); it is skipped.`,
      record.raw,
    );
  }
  const ips = ipsOf(memberOf(parts.signIn, 'ipAddress'), memberOf(envelope, 'callerIpAddress'));
  const event: LogEvent = {
    time,
    logsource: { product: 'azure', service: 'signinlogs' },
    shape: 'flat',
    data: signInData(parts),
    ...(ips.length > 0 ? { ips } : {}),
    origin: { source, position: `line ${record.line}` },
  };
  return { kind: 'event', event };
}
