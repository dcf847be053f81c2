/**
 * Streaming parser for the CISA Known Exploited Vulnerabilities catalog (JSON, schema v1 as
 * published at https://www.cisa.gov/known-exploited-vulnerabilities-catalog). Entries are built
 * one at a time as the `vulnerabilities` array streams past; the catalog's header fields are read
 * wherever they sit in the object.
 *
 * @example
 * ```ts
 * const kev = await parseKev(createReadStream('known_exploited_vulnerabilities.json'), { source: 'kev.json' });
 * kev.catalogVersion; // '2025.08.25'
 * kev.entries[0];     // { cveId: 'CVE-2025-48384', vendorProject: 'Git', …, knownRansomwareCampaignUse: false }
 * ```
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import type { KevEntry } from '../../domain/vulnerability.js';
import { wellFormedFeedBytes, type FeedInput, type FeedParseOptions } from '../cve/feed-input.js';
import { FeedLog } from '../cve/feed-log.js';
import {
  JsonRecordReader,
  readJsonRecords,
  type JsonRoute,
  type JsonValue,
} from '../cve/json-records.js';
import { KEV_ALWAYS, kevCodeFor, type KevDiagnosticCode } from './diagnostics.js';
import { readKevEntry } from './entry.js';
import { KEV_JSON_LIMITS, MAX_KEV_ENTRIES } from './limits.js';

/** What `parseKev` returns. */
export interface KevCatalog {
  readonly catalogVersion: string | null;
  /** As the catalog writes it (`2025-08-25T17:04:19.9796Z`); null when absent or not a date-time. */
  readonly dateReleased: string | null;
  readonly entries: KevEntry[];
  readonly diagnostics: Diagnostic<KevDiagnosticCode>[];
}

const ROUTES: Readonly<Record<string, JsonRoute>> = {
  vulnerabilities: 'stream',
  catalogVersion: 'keep',
  dateReleased: 'keep',
  count: 'keep',
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

class KevSession {
  readonly log: FeedLog<KevDiagnosticCode>;
  readonly entries: KevEntry[] = [];
  readonly seen = new Set<string>();
  catalogVersion: string | null = null;
  dateReleased: string | null = null;
  count: number | null = null;
  read = 0;
  sawList = false;
  stopped = false;

  constructor(source: string) {
    this.log = new FeedLog(source, KEV_ALWAYS);
  }

  record(key: string, value: JsonValue, offset: number, element: boolean): void {
    if (key === 'vulnerabilities') {
      if (element) this.entry(value, offset);
      else
        this.log.report(
          'WL_KEV_CATALOG_INVALID',
          'error',
          '`vulnerabilities` is not a list; no entry is read from it.',
          offset,
        );
    } else if (key === 'catalogVersion') {
      this.catalogVersion = this.header(key, value, offset);
    } else if (key === 'dateReleased') {
      const text = this.header(key, value, offset);
      this.dateReleased = text !== null && DATE_TIME.test(text) ? text : null;
      if (text !== null && this.dateReleased === null) {
        this.log.report(
          'WL_KEV_VALUE_INVALID',
          'warning',
          '`dateReleased` is not a date-time; it is ignored.',
          offset,
        );
      }
    } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      this.count = value;
    } else {
      this.log.report(
        'WL_KEV_VALUE_INVALID',
        'warning',
        '`count` is not a whole number; it is ignored.',
        offset,
      );
    }
  }

  private header(key: string, value: JsonValue, offset: number): string | null {
    if (typeof value === 'string') return value.slice(0, 256);
    this.log.report(
      'WL_KEV_VALUE_INVALID',
      'warning',
      `\`${key}\` is not a string; it is ignored.`,
      offset,
    );
    return null;
  }

  private entry(value: JsonValue, offset: number): void {
    if (this.stopped) return;
    this.read += 1;
    if (this.read > MAX_KEV_ENTRIES) {
      this.log.report(
        'WL_KEV_LIMIT_EXCEEDED',
        'error',
        `The catalog has more than ${MAX_KEV_ENTRIES} entries; the rest are not read.`,
        offset,
      );
      this.stopped = true;
      return;
    }
    const entry = readKevEntry(value, offset, this.log);
    if (entry === null) return;
    if (this.seen.has(entry.cveId)) {
      this.log.report(
        'WL_KEV_DUPLICATE',
        'warning',
        `${entry.cveId} is listed again at byte ${offset}; the first entry is kept.`,
        offset,
      );
      return;
    }
    this.seen.add(entry.cveId);
    this.entries.push(entry);
  }

  finish(): void {
    if (!this.sawList) {
      this.log.report(
        'WL_KEV_CATALOG_INVALID',
        'error',
        'The catalog has no `vulnerabilities` list.',
        0,
      );
    }
    if (this.count !== null && !this.stopped && this.count !== this.read) {
      this.log.report(
        'WL_KEV_COUNT_MISMATCH',
        'warning',
        `The catalog says \`count\` ${this.count} but lists ${this.read} entries.`,
        0,
      );
    }
  }
}

/**
 * Reads a KEV catalog. Bad entries become diagnostics and the rest are kept. Throws
 * `WardlineError('WL_IMPORT_UNREADABLE')` only when the input is not a JSON object at all.
 */
export async function parseKev(input: FeedInput, options: FeedParseOptions): Promise<KevCatalog> {
  const session = new KevSession(options.source);
  const reader = new JsonRecordReader('KEV catalog', KEV_JSON_LIMITS, {
    route: (key) => {
      // Asked as the member's value opens, so an empty list counts as present.
      if (key === 'vulnerabilities') session.sawList = true;
      return Object.hasOwn(ROUTES, key) ? (ROUTES[key] as JsonRoute) : 'skip';
    },
    record: (key, value, offset, element) => {
      session.record(key, value, offset, element);
      if (session.stopped) reader.stopped = true;
    },
    report: (condition, message, offset) => {
      session.log.report(kevCodeFor(condition), 'error', message, offset);
    },
  });
  try {
    await readJsonRecords(reader, wellFormedFeedBytes(input));
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The KEV catalog could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  session.finish();
  return {
    catalogVersion: session.catalogVersion,
    dateReleased: session.dateReleased,
    entries: session.entries,
    diagnostics: session.log.diagnostics,
  };
}
