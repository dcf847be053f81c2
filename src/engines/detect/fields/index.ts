/**
 * Sigma field names looked up in events, per event shape (the field-mapping pipeline). An
 * accessor is built once per (shape, field) and cached.
 */
import type { EventData, EventShape, EventValue, LogEvent } from '../../../domain/detection.js';
import { ecsAccessor } from './ecs.js';
import { evtxAccessor } from './evtx.js';
import { MAX_CACHED_ACCESSORS } from './limits.js';
import { directOrDotted, type Accessor } from './path.js';

export type { Accessor } from './path.js';
export { PROCESS_CREATION_4688 } from './windows-audit.js';

function build(shape: EventShape, field: string): Accessor {
  switch (shape) {
    case 'evtx-json':
      return evtxAccessor(field);
    case 'ecs':
      return ecsAccessor(field);
    case 'flat':
    case 'zeek':
    case 'eve':
    case 'syslog':
    case 'audit-trail':
      return directOrDotted(field);
  }
}

const caches = new Map<EventShape, Map<string, Accessor>>();

/**
 * The (cached) accessor for a Sigma field in events of one shape.
 *
 * @example
 * accessorFor('flat', 'src.ip')({ src: { ip: '10.0.0.1' } }) // → '10.0.0.1'
 */
export function accessorFor(shape: EventShape, field: string): Accessor {
  let cache = caches.get(shape);
  if (cache === undefined) {
    cache = new Map();
    caches.set(shape, cache);
  }
  const cached = cache.get(field);
  if (cached !== undefined) return cached;
  const accessor = build(shape, field);
  if (cache.size < MAX_CACHED_ACCESSORS) cache.set(field, accessor);
  return accessor;
}

/**
 * A Sigma field's value in an event, looked up through the event's shape; undefined when the
 * event has no such field.
 *
 * @example
 * fieldValue({ shape: 'evtx-json', data: { Event: { System: { EventID: { '#text': '4624' } } } },
 *   time: '…', logsource: {} }, 'EventID')
 * // → '4624'
 */
export function fieldValue(event: LogEvent, field: string): EventValue | undefined {
  return accessorFor(event.shape, field)(event.data);
}

/** The same lookup on bare event data of a known shape. */
export function dataFieldValue(
  shape: EventShape,
  data: EventData,
  field: string,
): EventValue | undefined {
  return accessorFor(shape, field)(data);
}
