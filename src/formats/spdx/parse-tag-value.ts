/**
 * Streaming SPDX 2.3 tag-value parser (2.2 read with a note): the text is read line by line with
 * a line cap, never held whole. Relationships come out as they are read; packages at the end,
 * once the annotations and DESCRIBES that may follow them are known.
 *
 * @example
 * ```ts
 * for await (const item of parseSpdxTagValue(createReadStream('pump.spdx'), { source: 'pump.spdx' })) {
 *   if (item.kind === 'component') console.log(item.component.name, item.component.version);
 * }
 * // → hello-go-bin null   (…, then { kind: 'document', document: { specVersion: '2.2', … } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { decodeText } from '../sbom/input.js';
import { MAX_DOCUMENT_BYTES } from '../sbom/limits.js';
import { SbomSession } from '../sbom/session.js';
import type { ParseSbomOptions, SbomInput, SbomParseItem } from '../sbom/types.js';
import { SpdxDocument } from './document.js';
import { TagValueBuilder } from './tag-value-builder.js';
import { TagValueLines } from './tag-value-lines.js';

/**
 * Reads SPDX tag-value and yields each relationship as an edge, each package as a component, a
 * diagnostic for each problem, and last the document. Throws `WardlineError('WL_SPDX_UNREADABLE')`
 * when no line has the `Tag: value` form, or the stream fails.
 */
export async function* parseSpdxTagValue(
  input: SbomInput,
  options: ParseSbomOptions,
): AsyncGenerator<SbomParseItem, void, undefined> {
  const session = new SbomSession('SPDX', options.source);
  const document = new SpdxDocument(session, 'spdx-tag-value');
  const builder = new TagValueBuilder(session, document);
  const lines = new TagValueLines();
  let read = 0;
  try {
    for await (const text of decodeText(input)) {
      read += text.length;
      if (read > MAX_DOCUMENT_BYTES) {
        session.stop(`the document is larger than ${MAX_DOCUMENT_BYTES} characters`, {
          offset: read,
        });
        break;
      }
      lines.push(text);
      drainLines(lines, builder, session);
      yield* session.drain();
      if (session.stopped) break;
    }
  } catch (thrown) {
    throw new WardlineError('WL_SPDX_UNREADABLE', 'The SPDX tag-value input could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  if (!session.stopped) {
    lines.end();
    drainLines(lines, builder, session);
  }
  if (lines.tagLines === 0) {
    throw new WardlineError('WL_SPDX_UNREADABLE', 'The input has no SPDX "Tag: value" lines.', {
      details: { source: options.source },
    });
  }
  builder.finish();
  document.finish({ offset: read });
  yield* session.drain();
}

function drainLines(lines: TagValueLines, builder: TagValueBuilder, session: SbomSession): void {
  for (const entry of lines.entries) {
    if (session.stopped) break;
    if ('tag' in entry) builder.add(entry);
    else session.log.report('WL_SPDX_LINE_INVALID', 'warning', `${entry.message}.`, entry);
  }
  lines.entries.length = 0;
}
