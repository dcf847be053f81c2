/**
 * Streaming CycloneDX XML parser (namespaces `http://cyclonedx.org/schema/bom/1.4`, `1.5`, `1.6`;
 * older ones read with a warning). Yields the same items as `parseCycloneDxJson`.
 *
 * @example
 * ```ts
 * for await (const item of parseCycloneDxXml(createReadStream('bom.xml'), { source: 'bom.xml' })) {
 *   if (item.kind === 'component') console.log(item.component.name, item.component.version);
 * }
 * // → stack-cors 1.3.0   (…, then one { kind: 'document', document: { format: 'cyclonedx-xml', … } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { decodeText } from '../sbom/input.js';
import { FEED_SLICE_BYTES, MAX_DOCUMENT_BYTES } from '../sbom/limits.js';
import { SbomSession } from '../sbom/session.js';
import type { ParseSbomOptions, SbomInput, SbomParseItem } from '../sbom/types.js';
import { CycloneDxDocument } from './document.js';
import { CycloneDxXmlSession } from './xml-session.js';

/**
 * Reads CycloneDX XML and yields each component, dependency edge and diagnostic, and last the
 * document. Throws `WardlineError('WL_CYCLONEDX_UNREADABLE')` only when the input is not XML, its
 * root is not `bom`, or the stream fails.
 */
export async function* parseCycloneDxXml(
  input: SbomInput,
  options: ParseSbomOptions,
): AsyncGenerator<SbomParseItem, void, undefined> {
  const session = new SbomSession('CYCLONEDX', options.source);
  const document = new CycloneDxDocument(session, 'cyclonedx-xml');
  const xml = new CycloneDxXmlSession(session, document);
  let read = 0;
  try {
    for await (const text of decodeText(input)) {
      for (let at = 0; at < text.length && !xml.stopped; at += FEED_SLICE_BYTES) {
        const slice = text.slice(at, at + FEED_SLICE_BYTES);
        read += slice.length;
        if (read > MAX_DOCUMENT_BYTES) {
          session.stop(`the document is larger than ${MAX_DOCUMENT_BYTES} characters`, {
            offset: read,
          });
          xml.stopped = true;
          break;
        }
        xml.write(slice);
        yield* session.drain();
      }
      if (xml.stopped || session.stopped) break;
    }
    const at = xml.end();
    document.finish(at, false);
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError(
      'WL_CYCLONEDX_UNREADABLE',
      'The CycloneDX XML input could not be read.',
      {
        details: { source: options.source },
        cause: thrown,
      },
    );
  }
  yield* session.drain();
}
