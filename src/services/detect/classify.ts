/**
 * An event as a reader produced it, completed for detection: the shape and log source the source
 * declared (which win) or its content says, the time (the receive time when it carries none),
 * the host and IP addresses it names.
 */
import type { EventShape, LogEvent, LogSource } from '../../domain/detection.js';
import { classifyEvent } from '../../engines/detect/logsource/index.js';

export interface SourceDeclaration {
  readonly logsource: LogSource;
  readonly shape: EventShape | null;
}

function declared(logsource: LogSource): LogSource {
  const { product, category, service } = logsource;
  return {
    ...(product === undefined ? {} : { product }),
    ...(category === undefined ? {} : { category }),
    ...(service === undefined ? {} : { service }),
  };
}

export function completeEvent(
  event: LogEvent,
  declaration: SourceDeclaration | null,
  receivedAt: string,
): LogEvent {
  // A reader that knows its format (EVTX, EVE, Zeek, audit trails) says so; a generic JSON reader
  // says `flat`, and then the source's declaration or the content decides.
  const shape = event.shape !== 'flat' ? event.shape : (declaration?.shape ?? undefined);
  const hint = { ...declared(event.logsource), ...declared(declaration?.logsource ?? {}) };
  const found = classifyEvent(event.data, {
    ...(shape === undefined ? {} : { shape }),
    logsource: hint,
  });
  const also = found.alsoCategories ?? [];
  return {
    ...event,
    shape: found.shape,
    logsource: also.length === 0 ? found.logsource : { ...found.logsource, alsoCategories: also },
    time: event.time !== '' ? event.time : (found.time ?? receivedAt),
    // What the event says of itself wins over where it came from (a forwarder names itself).
    ...whereabouts(found.host ?? event.host, event.ips ?? found.ips),
  };
}

function whereabouts(
  host: string | undefined,
  ips: readonly string[] | undefined,
): { host?: string; ips?: readonly string[] } {
  return {
    ...(host === undefined ? {} : { host }),
    ...(ips === undefined || ips.length === 0 ? {} : { ips }),
  };
}
