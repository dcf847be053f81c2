/** Windows events, as evtx_dump JSON (`{"Event":{"System":…}}`) or Winlogbeat ECS (`winlog.*`). */
import type { EventData, EventValue, LogSource } from '../../../domain/detection.js';
import { hostName } from './host.js';
import { collectIps } from './ips.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { at, child, integer, isRecord, optional, text } from './values.js';
import { MAX_CACHED_LOGSOURCES } from './limits.js';
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

type WindowsSource = Pick<Classified, 'logsource' | 'alsoCategories'>;

function decideLogsource(
  channel: string | undefined,
  provider: string | undefined,
  eventId: number | undefined,
  eventType: string | undefined,
): WindowsSource {
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

/** Decisions by channel, provider and event ID: a stream holds few distinct ones. */
const decided = new Map<string, WindowsSource>();

function windowsLogsource(
  channel: string | undefined,
  provider: string | undefined,
  eventId: number | undefined,
  eventType: string | undefined,
): WindowsSource {
  // Only Sysmon 12 reads EventType; other events share one entry whatever it says.
  const type = eventId === 12 ? (eventType ?? '') : '';
  const key = `${channel ?? ''}\u0000${provider ?? ''}\u0000${eventId ?? ''}\u0000${type}`;
  let found = decided.get(key);
  if (found === undefined) {
    found = decideLogsource(channel, provider, eventId, eventType);
    if (decided.size >= MAX_CACHED_LOGSOURCES) decided.clear();
    decided.set(key, found);
  }
  return found;
}

function fieldsOf(record: EventValue | undefined): readonly (EventValue | undefined)[] {
  return isRecord(record) ? WINDOWS_IP_FIELDS.map((field) => record[field]) : [];
}

/**
 * An evtx_dump record: channel, provider and event ID from `System`, time from
 * `TimeCreated.SystemTime`, host from `Computer`, addresses from `EventData`.
 */
export function classifyEvtx(data: EventData): Classified {
  const event = child(data, 'Event');
  const system = child(event, 'System');
  const sys: EventData = isRecord(system) ? system : {};
  const eventData = child(event, 'EventData');
  const providerNode = child(sys, 'Provider');
  const provider =
    text(child(child(providerNode, '#attributes'), 'Name')) ?? text(child(providerNode, 'Name'));
  const base = windowsLogsource(
    text(sys.Channel),
    provider,
    eventIdOf(sys.EventID),
    text(child(eventData, 'EventType')),
  );
  const created = child(sys, 'TimeCreated');
  const time = eventTime(
    child(child(created, '#attributes'), 'SystemTime') ?? child(created, 'SystemTime') ?? created,
  );
  const host = hostName(sys.Computer);
  const userData = child(event, 'UserData');
  const ips = collectIps(
    userData === undefined ? fieldsOf(eventData) : [...fieldsOf(eventData), ...fieldsOf(userData)],
  );
  const found: { -readonly [K in keyof Classified]: Classified[K] } = { ...base };
  if (time !== undefined) found.time = time;
  if (host !== undefined) found.host = host;
  if (ips !== undefined) found.ips = ips;
  return found;
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
