/**
 * One entry for every SBOM format: tells the format from the first bytes (or takes the caller's
 * word) and streams the input through the matching parser.
 *
 * @example
 * ```ts
 * const report = await collectSbom(createReadStream('narrow.sbom.json'), { source: 'narrow.sbom.json' });
 * report.document.format; // → 'cyclonedx-json' (sniffed: the file lists components before bomFormat)
 * report.document.primary?.type; // → 'device'
 * report.components.find((c) => c.name === 'WolfSSL')?.cpes; // → ['cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*']
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { parseCycloneDxJson } from '../cyclonedx/parse-json.js';
import { parseCycloneDxXml } from '../cyclonedx/parse-xml.js';
import { parseSpdxJson } from '../spdx/parse-json.js';
import { parseSpdxTagValue } from '../spdx/parse-tag-value.js';
import { peekInput } from './input.js';
import { SNIFF_BYTES } from './limits.js';
import { sniffSbomFormat } from './sniff.js';
import type {
  ParseSbomOptions,
  SbomComponent,
  SbomDiagnostic,
  SbomDocument,
  SbomEdge,
  SbomFormat,
  SbomInput,
  SbomParseItem,
  SbomReport,
} from './types.js';

type Parser = (
  input: SbomInput,
  options: ParseSbomOptions,
) => AsyncGenerator<SbomParseItem, void, undefined>;

const PARSERS: Readonly<Record<SbomFormat, Parser>> = {
  'cyclonedx-json': parseCycloneDxJson,
  'cyclonedx-xml': parseCycloneDxXml,
  'spdx-json': parseSpdxJson,
  'spdx-tag-value': parseSpdxTagValue,
};

/** `parseSbom` options: the source name, and the format when the caller knows it. */
export interface ParseAnySbomOptions extends ParseSbomOptions {
  /** Skip sniffing and read the input as this format. */
  readonly format?: SbomFormat;
}

/**
 * Streams any supported SBOM. Throws `WardlineError('WL_SBOM_UNREADABLE')` when the format
 * cannot be told from the first `SNIFF_BYTES` bytes or the stream fails before that; the format's
 * parser throws its own `…_UNREADABLE` for input that turns out not to be that format.
 */
export async function* parseSbom(
  input: SbomInput,
  options: ParseAnySbomOptions,
): AsyncGenerator<SbomParseItem, void, undefined> {
  let format = options.format;
  let source = input;
  if (format === undefined) {
    const peeked = await peekInput(input, SNIFF_BYTES).catch((cause: unknown) => {
      throw new WardlineError('WL_SBOM_UNREADABLE', 'The SBOM input could not be read.', {
        details: { source: options.source },
        cause,
      });
    });
    const sniffed = sniffSbomFormat(peeked.head);
    if (sniffed === null) {
      throw new WardlineError(
        'WL_SBOM_UNREADABLE',
        'The input is not CycloneDX (JSON or XML) or SPDX 2.x (JSON or tag-value).',
        { details: { source: options.source } },
      );
    }
    format = sniffed;
    source = peeked.input;
  }
  yield* PARSERS[format](source, { source: options.source });
}

/** Reads a whole SBOM into memory: for tests and uploads of ordinary size. */
export async function collectSbom(
  input: SbomInput,
  options: ParseAnySbomOptions,
): Promise<SbomReport> {
  const components: SbomComponent[] = [];
  const edges: SbomEdge[] = [];
  const diagnostics: SbomDiagnostic[] = [];
  let document: SbomDocument | null = null;
  for await (const item of parseSbom(input, options)) {
    if (item.kind === 'component') components.push(item.component);
    else if (item.kind === 'edge') edges.push(item.edge);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else document = item.document;
  }
  if (document === null)
    throw new WardlineError('WL_INTERNAL', 'The SBOM parser ended without a document.');
  return { document, components, edges, diagnostics };
}
