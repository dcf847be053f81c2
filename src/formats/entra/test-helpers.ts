/** Test helpers shared by the audit-log readers' tests (Entra, Okta, FHIR AuditEvent, ATNA). */
import type { LogEvent, LogReadItem } from '../../domain/detection.js';

/** Everything a reader yields, in order. */
export async function collect(items: AsyncIterable<LogReadItem>): Promise<LogReadItem[]> {
  const out: LogReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The events among the items. */
export function eventsOf(items: readonly LogReadItem[]): LogEvent[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

/** The diagnostic codes of the rejected items, in order. */
export function codesOf(items: readonly LogReadItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'rejected' ? [item.diagnostic.code] : []));
}

/** The text as one string chunk. */
export async function* asChunks(
  ...chunks: readonly (string | Uint8Array)[]
): AsyncGenerator<string | Uint8Array> {
  for (const chunk of chunks) {
    await Promise.resolve();
    yield chunk;
  }
}
