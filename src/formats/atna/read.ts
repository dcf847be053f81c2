/**
 * Reads DICOM PS3.15 Annex A.5 / IHE ATNA audit messages (`<AuditMessage>` XML, DICOM schema and
 * RFC 3881 attribute names) into audit-trail log events: a file of one message, messages one after
 * another, or syslog payloads (the XML after the RFC 5424 header). A message that cannot be read
 * is yielded as rejected, with its reason and raw text, and reading goes on.
 *
 * @example
 * ```ts
 * for await (const item of readAtnaMessages(createReadStream('audit.log'), { source: 'audit.log' })) {
 *   if (item.kind === 'event') item.event.data['EventType']; // 'DICOM Instances Transferred'
 * }
 * ```
 */
import { AUDIT_TRAIL_CATEGORY, type LogEvent, type LogReadItem } from '../../domain/detection.js';
import { isoUtc, rejectedItem } from '../entra/log-items.js';
import type { LogReadOptions } from '../entra/read.js';
import { attributeOf, childNamed, isFailure, parseElementTree } from './element-tree.js';
import { ATNA_SLICE_CHARS } from './limits.js';
import { atnaFields } from './message.js';
import { AuditMessageSpans, type AtnaSpan } from './spans.js';

/** Reads messages one at a time; never throws on content (only if the input stream fails). */
export async function* readAtnaMessages(
  input: AsyncIterable<Uint8Array | string>,
  options: LogReadOptions,
): AsyncGenerator<LogReadItem, void, undefined> {
  const { source } = options;
  const decoder = new TextDecoder('utf-8');
  const spans = new AuditMessageSpans();
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    for (let at = 0; at < text.length; at += ATNA_SLICE_CHARS) {
      for (const span of spans.push(text.slice(at, at + ATNA_SLICE_CHARS)))
        yield itemOf(span, source);
    }
  }
  for (const span of [...spans.push(decoder.decode()), ...spans.end()]) yield itemOf(span, source);
}

function itemOf(span: AtnaSpan, source: string): LogReadItem {
  if (span.kind === 'problem') {
    return rejectedItem(source, span, span.code, 'error', span.message, span.raw);
  }
  const root = parseElementTree(span.text);
  if (isFailure(root)) {
    const code = root.kind === 'limit' ? 'WL_ATNA_LIMIT_EXCEEDED' : 'WL_ATNA_XML_MALFORMED';
    const message = `The audit message at line ${span.line} could not be read (${root.reason}); it is skipped.`;
    return rejectedItem(source, span, code, 'error', message, span.text);
  }
  const identification = childNamed(root, 'EventIdentification');
  if (root.name !== 'AuditMessage' || identification === undefined) {
    return rejectedItem(
      source,
      span,
      'WL_ATNA_NOT_AUDIT_MESSAGE',
      'warning',
      `The audit message at line ${span.line} has no EventIdentification; it is skipped.`,
      span.text,
    );
  }
  const time = isoUtc(attributeOf(identification, 'EventDateTime'));
  if (time === null) {
    return rejectedItem(
      source,
      span,
      'WL_ATNA_TIME_INVALID',
      'error',
      `The audit message at line ${span.line} has no readable EventDateTime; it is skipped.`,
      span.text,
    );
  }
  const { data, ips } = atnaFields(root);
  const event: LogEvent = {
    time,
    logsource: { product: 'atna', category: AUDIT_TRAIL_CATEGORY },
    shape: 'audit-trail',
    data,
    ...(ips.length > 0 ? { ips } : {}),
    origin: { source, position: `line ${span.line}` },
  };
  return { kind: 'event', event };
}
