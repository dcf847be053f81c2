/**
 * OSV schema 1.x records, JSON or YAML, one record or an array of records per input.
 *
 * @example
 * ```ts
 * import * as versions from '../../engines/vuln/versions/index.js'; // in a service
 * const { advisories, diagnostics } = parseOsv(text, { source: 'GO-2020-0001.json', versions });
 * advisories[0].packages[0];
 * // → { purl: 'pkg:golang/github.com/gin-gonic/gin', ecosystem: 'Go', scheme: 'golang',
 * //     bounds: [{ startIncluding: null, startExcluding: null, endIncluding: null,
 * //                endExcluding: '1.6.0' }], versions: [], fixedVersions: ['1.6.0'], gitOnly: false }
 * ```
 */
import type { Advisory } from '../../domain/vulnerability.js';
import { FeedLog } from '../cve/feed-log.js';
import { OSV_ALWAYS, RecordContext, type OsvDiagnosticCode } from './diagnostics.js';
import { readRawRecords } from './input.js';
import { MAX_OSV_RECORDS } from './limits.js';
import { readRecord } from './record.js';
import type { OsvParseResult, ParseOsvOptions } from './types.js';

/**
 * Reads OSV text into advisories. Never throws on bad input: an unreadable input gives no
 * advisories and an error diagnostic, a bad record is skipped and reported, a bad field is dropped
 * and reported.
 */
export function parseOsv(text: string, options: ParseOsvOptions): OsvParseResult {
  const log = new FeedLog<OsvDiagnosticCode>(options.source, OSV_ALWAYS);
  const raw = readRawRecords(text, log);
  if (raw.length > MAX_OSV_RECORDS) {
    log.report(
      'WL_OSV_LIMIT_EXCEEDED',
      'warning',
      `More than ${MAX_OSV_RECORDS} records; rest ignored.`,
      0,
    );
  }
  const advisories: Advisory[] = [];
  for (const record of raw.slice(0, MAX_OSV_RECORDS)) {
    const ctx = new RecordContext(log, record.offset, record.line);
    try {
      const advisory = readRecord(record.value, ctx, options.versions);
      if (advisory !== null) advisories.push(advisory);
    } catch (thrown) {
      // A version rule that throws must not cost the other records.
      const detail = thrown instanceof Error ? thrown.message : 'failed';
      ctx.report(
        'WL_OSV_RECORD_INVALID',
        'error',
        'record',
        `could not be read (${detail}); skipped`,
      );
    }
  }
  return { advisories, diagnostics: log.diagnostics };
}
