/** Windows events, as evtx_dump JSON (`{"Event":{"System":…}}`) or Winlogbeat ECS (`winlog.*`). */
import type { EventData, EventValue, LogSource } from '../../../domain/detection.js';
import { hostName } from './host.js';
import { collectIps } from './ips.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { at, firstText, integer, isRecord, optional, text } from './values.js';
import { windowsCategory } from './windows-categories.js';
import { windowsService } from './windows-channels.js';

/** Event data fields that hold an address, as Sysmon and the Security log name them. */
const WINDOWS_IP_FIELDS = [
  'SourceIp',
  'DestinationIp',
  'IpAddress',
  'SourceAddress',
  'DestAddress',
  'ClientAddress',
  'ClientIP',
] as const;

/** Providers that say the service when a record lacks its channel. */
const PROVIDER_SERVICES: ReadonlyMap<string, string> = new Map([
  ['microsoft-windows-sysmon', 'sysmon'],
  ['microsoft-windows-security-auditing', 'security'],
  ['microsoft-windows-powershell', 'powershell'],
  ['powershell', 'powershell-classic'],
]);

/** `EventID` as a number, or as evtx_dump's `{"#text": "4624", "#attributes": {…}}`. */
function eventIdOf(value: EventValue | undefined): number | undefined {
  return integer(value) ?? (isRecord(value) ? integer(value['#text']) : undefined);
}

function windowsLogsource(
  channel: string | undefined,
  provider: string | undefined,
  eventId: number | undefined,
  eventType: string | undefined,
): Pick<Classified, 'logsource' | 'alsoCategories'> {
  const service =
    (channel === undefined ? undefined : windowsService(channel)) ??
    (provider === undefined ? undefined : PROVIDER_SERVICES.get(provider.toLowerCase()));
  const category = windowsCategory(service, eventId, eventType);
  const logsource: LogSource = {
    product: 'windows',
    ...(service === undefined ? {} : { service }),
    ...(category === undefined ? {} : { category: category.category }),
  };
  return category?.alsoCategories === undefined
    ? { logsource }
    : { logsource, alsoCategories: category.alsoCategories };
}

function fieldsOf(record: EventValue | undefined): readonly (EventValue | undefined)[] {
  return isRecord(record) ? WINDOWS_IP_FIELDS.map((field) => record[field]) : [];
}

/**
 * An evtx_dump record: channel, provider and event ID from `System`, time from
 * `TimeCreated.SystemTime`, host from `Computer`, addresses from `EventData`.
 */
export function classifyEvtx(data: EventData): Classified {
  const system = at(data, 'Event', 'System');
  const sys: EventData = isRecord(system) ? system : {};
  const eventData = at(data, 'Event', 'EventData');
  const provider = firstText([
    at(sys, 'Provider', '#attributes', 'Name'),
    at(sys, 'Provider', 'Name'),
  ]);
  const base = windowsLogsource(
    text(sys.Channel),
    provider,
    eventIdOf(sys.EventID),
    text(at(data, 'Event', 'EventData', 'EventType')),
  );
  const time = eventTime(
    at(sys, 'TimeCreated', '#attributes', 'SystemTime') ??
      at(sys, 'TimeCreated', 'SystemTime') ??
      sys.TimeCreated,
  );
  const host = hostName(sys.Computer);
  const ips = collectIps([...fieldsOf(eventData), ...fieldsOf(at(data, 'Event', 'UserData'))]);
  return { ...base, ...optional({ time, host, ips }) };
}

/** A Winlogbeat record: `winlog.channel`, `winlog.event_id` (or `event.code`), `@timestamp`. */
export function classifyEcsWindows(data: EventData): Classified {
  const base = windowsLogsource(
    text(at(data, 'winlog', 'channel')),
    text(at(data, 'winlog', 'provider_name')),
    integer(at(data, 'winlog', 'event_id')) ?? integer(at(data, 'event', 'code')),
    text(at(data, 'winlog', 'event_data', 'EventType')),
  );
  const time = eventTime(data['@timestamp']);
  const host = hostName(
    at(data, 'winlog', 'computer_name') ?? at(data, 'host', 'name') ?? at(data, 'host', 'hostname'),
  );
  const ips = collectIps([
    ...fieldsOf(at(data, 'winlog', 'event_data')),
    at(data, 'source', 'ip'),
    at(data, 'destination', 'ip'),
  ]);
  return { ...base, ...optional({ time, host, ips }) };
}
