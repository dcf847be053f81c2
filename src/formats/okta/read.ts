/**
 * Reads Okta System Log events (the `/api/v1/logs` response: a JSON array of `LogEvent`
 * objects, or NDJSON as log streaming and most exporters write it) into flat log events. The
 * event is kept as Okta writes it: SigmaHQ's Okta rules use Okta's own camelCase paths
 * (`eventType`, `outcome.result`, `actor.alternateId`, `securityContext.isProxy`…).
 *
 * @example
 * ```ts
 * for await (const item of readOktaEvents(createReadStream('okta.json'), { source: 'okta.json' })) {
 *   if (item.kind === 'event') item.event.data['eventType']; // 'user.session.start'
 * }
 * ```
 */
import type { LogEvent, LogReadItem } from '../../domain/detection.js';
import { readJsonLogRecords, type JsonLogRecord } from '../entra/json-log-records.js';
import { ipsOf, isObject, isoUtc, memberOf, pathOf, rejectedItem } from '../entra/log-items.js';
import type { LogReadOptions } from '../entra/read.js';
import { oktaCodeFor } from './diagnostics.js';

/** The System Log API returns a bare array: no wrapper member holds the events. */
const NO_WRAPPER: ReadonlySet<string> = new Set();

/** Reads events one at a time; never throws on content (only if the input stream fails). */
export async function* readOktaEvents(
  input: AsyncIterable<Uint8Array | string>,
  options: LogReadOptions,
): AsyncGenerator<LogReadItem, void, undefined> {
  const { source } = options;
  for await (const piece of readJsonLogRecords(input, NO_WRAPPER)) {
    yield piece.kind === 'record'
      ? oktaItem(piece, source)
      : rejectedItem(
          source,
          piece,
          oktaCodeFor(piece.condition),
          'error',
          piece.message,
          piece.raw,
        );
  }
}

function oktaItem(record: JsonLogRecord, source: string): LogReadItem {
  const value = record.value;
  const eventType = memberOf(value, 'eventType') ?? memberOf(value, 'legacyEventType');
  if (!isObject(value) || typeof eventType !== 'string') {
    return rejectedItem(
      source,
      record,
      'WL_OKTA_NOT_EVENT',
      'warning',
      `The record at line ${record.line} is not an Okta System Log event (no \`eventType\`); it is skipped.`,
      record.raw,
    );
  }
  const time = isoUtc(memberOf(value, 'published'));
  if (time === null) {
    return rejectedItem(
      source,
      record,
      'WL_OKTA_TIME_INVALID',
      'error',
      `The Okta event at line ${record.line} has no readable \`published\` time; it is skipped.`,
      record.raw,
    );
  }
  const ips = ipsOf(pathOf(value, 'client.ipAddress'));
  const event: LogEvent = {
    time,
    logsource: { product: 'okta', service: 'okta' },
    shape: 'flat',
    data: value,
    ...(ips.length > 0 ? { ips } : {}),
    origin: { source, position: `line ${record.line}` },
  };
  return { kind: 'event', event };
}
