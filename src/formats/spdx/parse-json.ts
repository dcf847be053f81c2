/**
 * Streaming SPDX 2.3 JSON parser (2.2 read with a note). Packages and relationships come out as
 * each array element closes; the document comes last, once DESCRIBES and the creation info are
 * known wherever they sit in the file.
 *
 * @example
 * ```ts
 * for await (const item of parseSpdxJson(createReadStream('sbom.spdx.json'), { source: 'sbom.spdx.json' })) {
 *   if (item.kind === 'component') console.log(item.component.ref, item.component.purl);
 * }
 * // → SPDXRef-xlsx pkg:maven/org.webjars.npm/xlsx@0.16.6   (…, then { kind: 'document', … })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { wellFormedBytes } from '../sbom/input.js';
import { JsonRecordReader, type JsonRoute, type JsonValue } from '../sbom/json-stream.js';
import { SbomSession } from '../sbom/session.js';
import type { ParseSbomOptions, SbomInput, SbomParseItem } from '../sbom/types.js';
import { SpdxDocument } from './document.js';

const ROUTES: Readonly<Record<string, JsonRoute>> = {
  packages: 'stream',
  relationships: 'stream',
  files: 'stream',
  snippets: 'stream',
  spdxVersion: 'keep',
  SPDXID: 'keep',
  name: 'keep',
  documentNamespace: 'keep',
  documentDescribes: 'keep',
  creationInfo: 'keep',
  annotations: 'keep',
  '@context': 'keep',
};

/**
 * Reads SPDX 2.x JSON and yields each package as a component, each relationship as an edge, a
 * diagnostic for each problem, and last the document. Throws `WardlineError('WL_SPDX_UNREADABLE')`
 * when the input is not a JSON object, is SPDX 3 JSON-LD, or the stream fails.
 */
export async function* parseSpdxJson(
  input: SbomInput,
  options: ParseSbomOptions,
): AsyncGenerator<SbomParseItem, void, undefined> {
  const session = new SbomSession('SPDX', options.source);
  const document = new SpdxDocument(session, 'spdx-json');
  const reader = new JsonRecordReader('SPDX', 'WL_SPDX_UNREADABLE', session.log, {
    route: (key) => (Object.hasOwn(ROUTES, key) ? (ROUTES[key] as JsonRoute) : 'skip'),
    record: (key, value, offset, element) => {
      readRecord(document, key, value, offset, element);
    },
  });
  try {
    for await (const bytes of wellFormedBytes(input)) {
      reader.write(bytes);
      yield* session.drain();
      if (reader.stopped || session.stopped) break;
    }
    reader.end();
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_SPDX_UNREADABLE', 'The SPDX JSON input could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  if (document.sawJsonLd && document.version === null) {
    throw new WardlineError(
      'WL_SPDX_UNREADABLE',
      'The document is SPDX 3 JSON-LD; Wardline reads SPDX 2.2 and 2.3.',
      {
        details: { source: options.source },
      },
    );
  }
  document.finish({ offset: 0 });
  yield* session.drain();
}

function readRecord(
  document: SpdxDocument,
  key: string,
  value: JsonValue,
  offset: number,
  element: boolean,
): void {
  const at = { offset };
  const where = `at byte ${offset}`;
  if (ROUTES[key] === 'stream' && !element) {
    document
      .fields(at, 'the document')
      .report('VALUE_INVALID', 'warning', `\`${key}\` is not an array; ignored`);
  } else if (key === 'packages') {
    document.readPackage(value, at, where);
  } else if (key === 'relationships') {
    document.readRelationship(value, at, where);
  } else if (key === 'files' || key === 'snippets') {
    document.readElementId(value);
  } else {
    document.readRootField(key, value, at);
  }
}
