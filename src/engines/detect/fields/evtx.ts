/**
 * Field lookup in `evtx-json` events (`{"Event":{"System":…,"EventData":…}}`, as `evtx_dump`,
 * python-evtx and SigmaHQ's regression data write them): a Sigma field `X` is `EventData.X`,
 * (or `EventData["X Y"]` for `XY`, as Defender writes names with spaces), else a `UserData`
 * child's `X`, else `System.X`; `Provider_Name` is the provider's `Name`
 * attribute. Values written `{"#text": v, "#attributes": …}` read as `v`.
 */
import type { EventData, EventValue } from '../../../domain/detection.js';
import { directOrDotted, own, type Accessor } from './path.js';
import { isProcessCreation4688, PROCESS_CREATION_4688 } from './windows-audit.js';

/** `{"#text": v}` → v; anything else unchanged. */
export function unwrapText(value: EventValue | undefined): EventValue | undefined {
  const text = own(value, '#text');
  return text === undefined ? value : text;
}

/** `EventData.Data` as a list of `{"#attributes":{"Name":n},"#text":v}` (unnamed-key writers). */
function fromDataList(eventData: EventValue | undefined, field: string): EventValue | undefined {
  const list = own(eventData, 'Data');
  if (!Array.isArray(list)) return undefined;
  for (const item of list as readonly EventValue[]) {
    if (own(own(item, '#attributes'), 'Name') === field) {
      const text = own(item, '#text');
      return text === undefined ? null : text;
    }
  }
  return undefined;
}

/** `UserData` holds one element named after the event (`LogFileCleared`…) whose children are the fields. */
function fromUserData(userData: EventValue | undefined, field: string): EventValue | undefined {
  if (userData === undefined || userData === null || typeof userData !== 'object') return undefined;
  if (Array.isArray(userData)) return undefined;
  for (const child of Object.values(userData as { readonly [key: string]: EventValue })) {
    const found = own(child, field);
    if (found !== undefined) return unwrapText(found);
  }
  return undefined;
}

/** `System.X`, or an attribute `System.A.#attributes.B` for `A_B` (`Provider_Name`, `Execution_ProcessID`). */
function fromSystem(system: EventValue | undefined, field: string): EventValue | undefined {
  const direct = own(system, field);
  if (direct !== undefined) return unwrapText(direct);
  const cut = field.indexOf('_');
  if (cut <= 0) return undefined;
  const element = own(system, field.slice(0, cut));
  return own(own(element, '#attributes'), field.slice(cut + 1));
}

/**
 * EventData names written with spaces (Defender's `Source Name`), by their Sigma name
 * (`SourceName`), for the last EventData looked into: a rule set reads one event's fields one
 * after the other, so one entry serves them all, and nothing per event is kept (a WeakMap entry
 * per event cost the garbage collector more than the lookups it saved).
 */
let lastEventData: object | undefined;
let lastSpacedNames: ReadonlyMap<string, string> = new Map();

function spacedName(eventData: EventValue | undefined, field: string): string | undefined {
  if (eventData === null || typeof eventData !== 'object' || Array.isArray(eventData))
    return undefined;
  if (eventData !== lastEventData) {
    const found = new Map<string, string>();
    for (const key of Object.keys(eventData)) {
      if (key.includes(' ')) found.set(key.replaceAll(' ', ''), key);
    }
    lastEventData = eventData;
    lastSpacedNames = found;
  }
  return lastSpacedNames.size === 0 ? undefined : lastSpacedNames.get(field);
}

function lookup(data: EventData, field: string): EventValue | undefined {
  const event = own(data, 'Event');
  const eventData = own(event, 'EventData');
  const fromEventData = own(eventData, field);
  if (fromEventData !== undefined) return unwrapText(fromEventData);
  const spaced = spacedName(eventData, field);
  if (spaced !== undefined) return unwrapText(own(eventData, spaced));
  return (
    fromDataList(eventData, field) ??
    fromUserData(own(event, 'UserData'), field) ??
    fromSystem(own(event, 'System'), field)
  );
}

/** The event's EventID, unwrapped. */
export function evtxEventId(data: EventData): EventValue | undefined {
  return unwrapText(own(own(own(data, 'Event'), 'System'), 'EventID'));
}

/**
 * The accessor for one Sigma field name in `evtx-json` events.
 *
 * @example
 * evtxAccessor('Provider_Name')({ Event: { System: { Provider: { '#attributes': { Name: 'Sysmon' } } } } })
 * // → 'Sysmon'
 * evtxAccessor('Image')({ Event: { System: { EventID: 4688 }, EventData: { NewProcessName: 'C:\\a.exe' } } })
 * // → 'C:\\a.exe'
 */
export function evtxAccessor(field: string): Accessor {
  const fallback = directOrDotted(field);
  const plain: Accessor = (data) => {
    const found = lookup(data, field);
    return found !== undefined ? found : fallback(data);
  };
  const mapped = PROCESS_CREATION_4688.get(field);
  if (mapped === undefined) return plain;
  return (data) => {
    if (isProcessCreation4688(evtxEventId(data))) {
      const found = lookup(data, mapped);
      if (found !== undefined) return found;
    }
    return plain(data);
  };
}
