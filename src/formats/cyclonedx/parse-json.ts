/**
 * Streaming CycloneDX JSON parser (spec 1.4–1.6; older versions read with a warning). Components
 * come out as each element of `components` closes, so memory stays bounded by one top-level
 * component whatever the file size; the document comes last, since `metadata` and `specVersion`
 * may sit anywhere in the root object.
 *
 * @example
 * ```ts
 * for await (const item of parseCycloneDxJson(createReadStream('pump.cdx.json'), { source: 'pump.cdx.json' })) {
 *   if (item.kind === 'component') console.log(item.component.name, item.component.purl);
 * }
 * // → WolfSSL pkg:github/wolfssl/wolfssl   (…, then one { kind: 'document', document: { specVersion: '1.4', … } })
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { wellFormedBytes } from '../sbom/input.js';
import { JsonRecordReader, type JsonRoute, type JsonValue } from '../sbom/json-stream.js';
import { SbomSession } from '../sbom/session.js';
import type { ParseSbomOptions, SbomInput, SbomParseItem } from '../sbom/types.js';
import { readComponentTree } from './component.js';
import { CycloneDxDocument } from './document.js';

const ROUTES: Readonly<Record<string, JsonRoute>> = {
  components: 'stream',
  dependencies: 'stream',
  services: 'stream',
  metadata: 'keep',
  bomFormat: 'keep',
  specVersion: 'keep',
  serialNumber: 'keep',
  version: 'keep',
};

/**
 * Reads CycloneDX JSON and yields each component (nested ones flattened, parent first), each
 * dependency edge, a diagnostic for each problem, and last the document. Throws
 * `WardlineError('WL_CYCLONEDX_UNREADABLE')` only when the input is not a JSON object or the
 * stream fails.
 */
export async function* parseCycloneDxJson(
  input: SbomInput,
  options: ParseSbomOptions,
): AsyncGenerator<SbomParseItem, void, undefined> {
  const session = new SbomSession('CYCLONEDX', options.source);
  const document = new CycloneDxDocument(session, 'cyclonedx-json');
  const reader = new JsonRecordReader('CYCLONEDX', 'WL_CYCLONEDX_UNREADABLE', session.log, {
    route: (key) => (Object.hasOwn(ROUTES, key) ? (ROUTES[key] as JsonRoute) : 'skip'),
    record: (key, value, offset, element) => {
      readRecord(session, document, key, value, offset, element);
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
    throw new WardlineError('WL_CYCLONEDX_UNREADABLE', 'The CycloneDX input could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  document.finish({ offset: 0 }, true);
  yield* session.drain();
}

function readRecord(
  session: SbomSession,
  document: CycloneDxDocument,
  key: string,
  value: JsonValue,
  offset: number,
  element: boolean,
): void {
  const at = { offset };
  const where = `at byte ${offset}`;
  if (ROUTES[key] === 'stream' && !element) {
    document
      .fields(at, 'the BOM')
      .report('VALUE_INVALID', 'warning', `\`${key}\` is not an array; ignored`);
  } else if (key === 'components') {
    readComponentTree(session, value, null, at, where);
  } else if (key === 'dependencies') {
    document.readDependency(value, at, where);
  } else if (key === 'services') {
    document.readService(value);
  } else if (key === 'metadata') {
    document.readMetadata(value, at, where);
  } else {
    document.readRootField(key, value, at);
  }
}
