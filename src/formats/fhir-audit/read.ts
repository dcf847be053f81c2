/**
 * Reads FHIR AuditEvent resources (R4 4.0.1, R5 5.0.0) into audit-trail log events: one
 * resource, a Bundle (`entry[].resource`, streamed one entry at a time), NDJSON as Bulk Data
 * export writes it, or a JSON array. A record that cannot be read is yielded as rejected, with its
 * reason and raw text, and reading goes on.
 *
 * @example
 * ```ts
 * for await (const item of readFhirAuditEvents(createReadStream('AuditEvent.ndjson'), { source })) {
 *   if (item.kind === 'event') item.event.data['PatientId']; // 'example'
 * }
 * ```
 */
import {
  AUDIT_TRAIL_CATEGORY,
  type EventValue,
  type LogEvent,
  type LogReadItem,
} from '../../domain/detection.js';
import { readJsonLogRecords, type JsonLogRecord } from '../entra/json-log-records.js';
import { ipsOf, isObject, isoUtc, memberOf, rejectedItem, textOf } from '../entra/log-items.js';
import type { LogReadOptions } from '../entra/read.js';
import { auditTrailData } from './audit-event.js';
import { fhirAuditCodeFor } from './diagnostics.js';

/** A Bundle's entries are the records. */
const WRAPPER_KEYS: ReadonlySet<string> = new Set(['entry']);

/** Reads AuditEvents one at a time; never throws on content (only if the input stream fails). */
export async function* readFhirAuditEvents(
  input: AsyncIterable<Uint8Array | string>,
  options: LogReadOptions,
): AsyncGenerator<LogReadItem, void, undefined> {
  const { source } = options;
  for await (const piece of readJsonLogRecords(input, WRAPPER_KEYS)) {
    yield piece.kind === 'record'
      ? auditItem(piece, source)
      : rejectedItem(
          source,
          piece,
          fhirAuditCodeFor(piece.condition),
          'error',
          piece.message,
          piece.raw,
        );
  }
}

/** A Bundle entry's resource, or the record itself. */
function resourceOf(value: EventValue): EventValue {
  const resource = memberOf(value, 'resource');
  return isObject(resource) && textOf(value, 'resourceType') === undefined ? resource : value;
}

function auditItem(record: JsonLogRecord, source: string): LogReadItem {
  const resource = resourceOf(record.value);
  const type = textOf(resource, 'resourceType');
  if (!isObject(resource) || type !== 'AuditEvent') {
    const what = type === undefined ? 'a resource without resourceType' : `a ${type.slice(0, 64)}`;
    return rejectedItem(
      source,
      record,
      'WL_FHIR_AUDIT_NOT_AUDIT_EVENT',
      'warning',
      `The record at line ${record.line} is ${what}, not an AuditEvent; it is skipped.`,
      record.raw,
    );
  }
  const time = isoUtc(memberOf(resource, 'recorded'));
  if (time === null) {
    return rejectedItem(
      source,
      record,
      'WL_FHIR_AUDIT_TIME_INVALID',
      'error',
      `The AuditEvent at line ${record.line} has no readable \`recorded\` instant; it is skipped.`,
      record.raw,
    );
  }
  const data = auditTrailData(resource);
  const ips = ipsOf(data['SourceAddress']);
  const event: LogEvent = {
    time,
    logsource: { product: 'fhir', category: AUDIT_TRAIL_CATEGORY },
    shape: 'audit-trail',
    data,
    ...(ips.length > 0 ? { ips } : {}),
    origin: { source, position: `line ${record.line}` },
  };
  return { kind: 'event', event };
}
