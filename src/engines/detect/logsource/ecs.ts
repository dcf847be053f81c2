/**
 * Elastic Common Schema records other than Winlogbeat's: product from `host.os`, a Sigma generic
 * category from `event.category` + `event.type` (ECS 8 categorisation fields).
 */
import type { EventData, EventValue, LogSource } from '../../../domain/detection.js';
import { hostName } from './host.js';
import { collectIps } from './ips.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { at, isRecord, optional, text } from './values.js';

/** Whether a record is ECS: an `ecs` version, `winlog`, or `@timestamp` with an `event` object. */
export function isEcs(data: EventData): boolean {
  if (isRecord(data.winlog)) return true;
  if (text(at(data, 'ecs', 'version')) !== undefined) return true;
  return Object.hasOwn(data, '@timestamp') && isRecord(data.event);
}

const OS_PRODUCTS: ReadonlyMap<string, string> = new Map([
  ['windows', 'windows'],
  ['linux', 'linux'],
  ['macos', 'macos'],
  ['darwin', 'macos'],
]);

/** `event.category` + one of `event.type` → Sigma category. */
const ECS_CATEGORIES: readonly (readonly [string, readonly string[], string])[] = [
  ['process', ['start'], 'process_creation'],
  ['process', ['end'], 'process_termination'],
  ['network', ['start', 'connection'], 'network_connection'],
  ['file', ['creation'], 'file_event'],
  ['file', ['deletion'], 'file_delete'],
  ['file', ['change'], 'file_change'],
  ['registry', ['change'], 'registry_set'],
  ['driver', ['start'], 'driver_load'],
  ['library', ['start'], 'image_load'],
];

function keywords(value: EventValue | undefined): string[] {
  const list = Array.isArray(value) ? (value as readonly EventValue[]).slice(0, 16) : [value];
  return list.map((item) => text(item)?.toLowerCase()).filter((item) => item !== undefined);
}

function ecsCategory(data: EventData): string | undefined {
  const categories = keywords(at(data, 'event', 'category'));
  const types = keywords(at(data, 'event', 'type'));
  const found = ECS_CATEGORIES.find(
    ([category, kinds]) =>
      categories.includes(category) && kinds.some((kind) => types.includes(kind)),
  );
  return found?.[2];
}

/** A non-Windows ECS record (Winlogbeat records go to `classifyEcsWindows`). */
export function classifyEcs(data: EventData): Classified {
  const os = text(at(data, 'host', 'os', 'type')) ?? text(at(data, 'host', 'os', 'platform'));
  const product = os === undefined ? undefined : OS_PRODUCTS.get(os.toLowerCase());
  const category = ecsCategory(data);
  const logsource: LogSource = {
    ...(product === undefined ? {} : { product }),
    ...(category === undefined ? {} : { category }),
  };
  const ips = collectIps([
    at(data, 'source', 'ip'),
    at(data, 'destination', 'ip'),
    at(data, 'client', 'ip'),
    at(data, 'server', 'ip'),
  ]);
  const host = hostName(at(data, 'host', 'name') ?? at(data, 'host', 'hostname'));
  return { logsource, ...optional({ time: eventTime(data['@timestamp']), host, ips }) };
}
