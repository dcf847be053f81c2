/**
 * CSAF 2.0 JSON → the document's own facts and one `Advisory` per vulnerability.
 *
 * @example
 * ```ts
 * const { document, advisories } = await parseCsaf(createReadStream('icsma-19-178-01.json'), {
 *   source: 'icsma-19-178-01.json',
 * });
 * // document.trackingId → 'ICSMA-19-178-01'; advisories[0].id → 'CVE-2019-10964'
 * ```
 */
import type { Advisory } from '../../domain/vulnerability.js';
import { CsafLog } from './diagnostics.js';
import { csafDocument, EMPTY_DOCUMENT, readDocumentInfo } from './document.js';
import { DEFAULT_MAX_BYTES, MAX_VULNERABILITIES } from './limits.js';
import { ProductTreeReader } from './product-tree.js';
import { type CsafInput, parseJson, readText } from './read.js';
import type { CsafParseResult, ParseCsafOptions } from './types.js';
import { isRecord, type JsonRecord, record } from './values.js';
import { readVulnerability } from './vulnerability.js';

/**
 * Parses one CSAF document. Problems (invalid JSON, not CSAF, unknown product ids, limits) are
 * diagnostics; a bad vulnerability never costs the others. Throws `WardlineError`
 * (`WL_IMPORT_UNREADABLE`) only when the input stream itself fails.
 */
export async function parseCsaf(
  input: CsafInput,
  options: ParseCsafOptions,
): Promise<CsafParseResult> {
  const log = new CsafLog(options.source);
  const text = await readText(input, options.maxBytes ?? DEFAULT_MAX_BYTES, log);
  if (text === null)
    return { document: EMPTY_DOCUMENT, advisories: [], diagnostics: log.diagnostics };
  log.setText(text);
  const root = parseJson(text, log);
  if (root === undefined)
    return { document: EMPTY_DOCUMENT, advisories: [], diagnostics: log.diagnostics };
  const documentMember = csafDocument(root, log);
  if (documentMember === null || !isRecord(root)) {
    return { document: EMPTY_DOCUMENT, advisories: [], diagnostics: log.diagnostics };
  }
  const document = readDocumentInfo(documentMember, log);
  const tree = new ProductTreeReader(log).read(record(root, 'product_tree'));
  const advisories = readVulnerabilities(root, document, tree, log);
  return { document, advisories, diagnostics: log.diagnostics };
}

function readVulnerabilities(
  root: JsonRecord,
  document: CsafParseResult['document'],
  tree: ReturnType<ProductTreeReader['read']>,
  log: CsafLog,
): Advisory[] {
  const stated = root['vulnerabilities'];
  if (stated === undefined) return [];
  const start = log.locate('"vulnerabilities"');
  if (!Array.isArray(stated)) {
    log.report(
      'WL_CSAF_VALUE_INVALID',
      'error',
      '`vulnerabilities` is not an array; it is ignored.',
      start,
    );
    return [];
  }
  if (stated.length > MAX_VULNERABILITIES) {
    log.report(
      'WL_CSAF_LIMIT_EXCEEDED',
      'error',
      `The document lists ${stated.length} vulnerabilities; only the first ${MAX_VULNERABILITIES} are read.`,
      start,
    );
  }
  const advisories: Advisory[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of stated.slice(0, MAX_VULNERABILITIES).entries()) {
    if (!isRecord(entry)) {
      log.report(
        'WL_CSAF_VALUE_INVALID',
        'warning',
        `vulnerabilities[${index}] is not an object; it is skipped.`,
        start,
      );
      continue;
    }
    const advisory = readVulnerability(entry, index, document, tree, log, start);
    if (seen.has(advisory.id)) {
      log.report(
        'WL_CSAF_VALUE_INVALID',
        'warning',
        `${advisory.id} is listed twice in vulnerabilities; the second entry (index ${index}) is named ${document.trackingId ?? 'unknown'}#${index}.`,
        log.locate(JSON.stringify(advisory.id), start),
      );
      advisories.push({
        ...advisory,
        id: `${document.trackingId ?? 'unknown'}#${index}`,
        aliases: [advisory.id, ...advisory.aliases],
      });
    } else {
      advisories.push(advisory);
    }
    seen.add(advisory.id);
  }
  return advisories;
}
