/**
 * Reads one CVE JSON 5 record file (as in `CVEProject/cvelistV5` and `cisagov/vulnrichment`) into
 * an `Advisory`, streaming it through the shared record reader so a hostile file is bounded.
 *
 * @example
 * ```ts
 * const { advisory } = await parseCveRecord(createReadStream('CVE-2024-9465.json'), { source: 'CVE-2024-9465.json' });
 * advisory?.ssvc; // { exploitation: 'none', automatable: true, technicalImpact: 'total', timestamp: '2024-10-10T17:33:12.732Z' }
 * ```
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import type { Advisory } from '../../domain/vulnerability.js';
import { mapCveRecord } from './cve-record.js';
import { CVE_ALWAYS, cveCodeFor, type CveDiagnosticCode } from './diagnostics.js';
import { wellFormedFeedBytes, type FeedInput, type FeedParseOptions } from './feed-input.js';
import { FeedLog } from './feed-log.js';
import { JsonRecordReader, readJsonRecords, type JsonObject } from './json-records.js';
import { CVE_JSON_LIMITS } from './limits.js';

/** What `parseCveRecord` returns. */
export interface CveRecordResult {
  /** Null when the record has no valid CVE id (see the diagnostics). */
  readonly advisory: Advisory | null;
  readonly diagnostics: Diagnostic<CveDiagnosticCode>[];
}

/**
 * Reads one CVE JSON 5 record. Throws `WardlineError('WL_IMPORT_UNREADABLE')` only when the input
 * is not a JSON object.
 */
export async function parseCveRecord(
  input: FeedInput,
  options: FeedParseOptions,
): Promise<CveRecordResult> {
  const log = new FeedLog(options.source, CVE_ALWAYS);
  const root = Object.create(null) as JsonObject;
  const reader = new JsonRecordReader('CVE record', CVE_JSON_LIMITS, {
    route: () => 'keep',
    record: (key, value) => {
      root[key] = value;
    },
    report: (condition, message, offset) => {
      log.report(cveCodeFor(condition), 'error', message, offset);
    },
  });
  try {
    await readJsonRecords(reader, wellFormedFeedBytes(input));
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The CVE record could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  if (stringOrNull(root['dataType']) !== 'CVE_RECORD' && root['cveMetadata'] === undefined) {
    log.report(
      'WL_CVE_RECORD_INVALID',
      'error',
      'The document is not a CVE record (no `dataType: CVE_RECORD`, no `cveMetadata`).',
      0,
    );
    return { advisory: null, diagnostics: log.diagnostics };
  }
  const advisory = mapCveRecord(root, (condition, severity, message) => {
    log.report(cveCodeFor(condition), severity, message, 0);
  });
  return { advisory, diagnostics: log.diagnostics };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
