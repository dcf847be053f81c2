/**
 * Streaming parser for NVD CVE API 2.0 responses (https://nvd.nist.gov/developers/vulnerabilities):
 * one `vulnerabilities` item is built, mapped to an `Advisory` and dropped before the next is read.
 * Also reads a file holding a JSON array of `cve` objects, or a single `cve` object (bare or as
 * `{ "cve": … }`, as Anchore's NVD override files are).
 *
 * @example
 * ```ts
 * const page = await parseNvdPage(response.body, { source: url });
 * page.totalResults; // 38
 * page.advisories[0]; // { id: 'CVE-2023-27314', source: 'nvd', cpeConfigurations: [ … ], … }
 * ```
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import type { Advisory } from '../../domain/vulnerability.js';
import {
  NVD_ALWAYS,
  nvdCodeFor,
  type NvdDiagnosticCode,
  type NvdOnlyCondition,
  type RecordReport,
  type SharedCondition,
} from './diagnostics.js';
import { wellFormedFeedBytes, type FeedInput, type FeedParseOptions } from './feed-input.js';
import { FeedLog } from './feed-log.js';
import {
  JsonRecordReader,
  readJsonRecords,
  type JsonObject,
  type JsonValue,
} from './json-records.js';
import { isJsonObject, memberOf, stringAt } from './json-values.js';
import { MAX_NVD_PAGE_ITEMS, NVD_JSON_LIMITS } from './limits.js';
import { mapNvdCve } from './nvd-cve.js';

/** Options of `parseNvdPage`. */
export interface NvdParseOptions extends FeedParseOptions {
  /**
   * Called with each advisory as it is read. When given, `advisories` in the result stays empty,
   * so a caller storing as it goes never holds the page.
   */
  readonly onAdvisory?: (advisory: Advisory) => void;
}

/** What `parseNvdPage` returns. The page fields are null for a file that is not an API page. */
export interface NvdPage {
  readonly advisories: Advisory[];
  readonly totalResults: number | null;
  readonly startIndex: number | null;
  readonly resultsPerPage: number | null;
  /** The response timestamp, ISO 8601 UTC. */
  readonly timestamp: string | null;
  /** `vulnerabilities` items (or array elements) read, good and bad. */
  readonly itemsRead: number;
  readonly diagnostics: Diagnostic<NvdDiagnosticCode>[];
}

type CountKey = 'totalResults' | 'startIndex' | 'resultsPerPage';

class NvdSession {
  readonly log: FeedLog<NvdDiagnosticCode>;
  readonly advisories: Advisory[] = [];
  readonly root = Object.create(null) as JsonObject;
  readonly seen = new Set<string>();
  items = 0;
  stopped = false;

  constructor(
    source: string,
    private readonly onAdvisory: ((advisory: Advisory) => void) | undefined,
  ) {
    this.log = new FeedLog(source, NVD_ALWAYS);
  }

  record(key: string, value: JsonValue, offset: number, element: boolean): void {
    if (element) this.item(value, offset, key === '');
    else if (key === 'vulnerabilities')
      this.report('PAGE_INVALID', 'error', offset, '`vulnerabilities` is not a list.');
    else this.root[key] = value;
  }

  /** One `vulnerabilities` item (`{cve}`), or one root array element (a `cve` or `{cve}`). */
  item(value: JsonValue, offset: number, bare: boolean, fallbackId: string | null = null): void {
    if (this.stopped) return;
    this.items += 1;
    if (this.items > MAX_NVD_PAGE_ITEMS) {
      this.report(
        'LIMIT_EXCEEDED',
        'error',
        offset,
        `More than ${MAX_NVD_PAGE_ITEMS} items; the rest are not read.`,
      );
      this.stopped = true;
      return;
    }
    const wrapped = memberOf(value, 'cve');
    const cve = bare && wrapped === undefined ? value : wrapped;
    const report: RecordReport<SharedCondition | NvdOnlyCondition> = (
      condition,
      severity,
      message,
    ) => {
      this.report(condition, severity, offset, message);
    };
    if (!isJsonObject(cve)) {
      report(
        'ITEM_INVALID',
        'error',
        `The item at byte ${offset} holds no \`cve\` object; it is skipped.`,
      );
      return;
    }
    const advisory = mapNvdCve(cve, report, fallbackId);
    if (advisory === null) return;
    if (this.seen.has(advisory.id)) {
      report(
        'DUPLICATE',
        'warning',
        `${advisory.id} appears again at byte ${offset}; the first is kept.`,
      );
      return;
    }
    this.seen.add(advisory.id);
    if (this.onAdvisory === undefined) this.advisories.push(advisory);
    else this.onAdvisory(advisory);
  }

  report(
    condition: SharedCondition | NvdOnlyCondition | 'JSON_MALFORMED' | 'TRUNCATED' | 'POISONED_KEY',
    severity: 'error' | 'warning' | 'info',
    offset: number,
    message: string,
  ): void {
    this.log.report(nvdCodeFor(condition), severity, message, offset);
  }

  /** A single `cve` object as the whole file (bare, or `{cve, _annotation}`). */
  single(): void {
    const annotation = memberOf(this.root, '_annotation');
    const fallback = stringAt(annotation, 'cve_id');
    if (this.root['cve'] !== undefined) this.item(this.root, 0, false, fallback);
    else if (this.root['id'] !== undefined) this.item(this.root, 0, true);
    else
      this.report(
        'PAGE_INVALID',
        'error',
        0,
        'The document is neither an NVD API page nor a `cve` object.',
      );
  }

  count(key: CountKey): number | null {
    const value = this.root[key];
    if (value === undefined) return null;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    this.report('PAGE_INVALID', 'warning', 0, `\`${key}\` is not a whole number; it is ignored.`);
    return null;
  }

  checkHeader(): void {
    const format = this.root['format'];
    const version = this.root['version'];
    if (format !== undefined && format !== 'NVD_CVE') {
      this.report(
        'PAGE_INVALID',
        'warning',
        0,
        `\`format\` is ${JSON.stringify(format)}, not NVD_CVE; items are read anyway.`,
      );
    }
    if (version !== undefined && version !== '2.0') {
      this.report(
        'PAGE_INVALID',
        'warning',
        0,
        `\`version\` is ${JSON.stringify(version)}, not 2.0; items are read as 2.0.`,
      );
    }
  }
}

/**
 * Reads an NVD CVE API 2.0 page (or a file of `cve` objects). Bad items become diagnostics and
 * the rest are kept. Throws `WardlineError('WL_IMPORT_UNREADABLE')` only when the input is not
 * JSON, or its root is neither an object nor an array.
 */
export async function parseNvdPage(input: FeedInput, options: NvdParseOptions): Promise<NvdPage> {
  const session = new NvdSession(options.source, options.onAdvisory);
  // Set from the reader's callbacks: what the root turned out to be.
  const shape = { page: false, array: false };
  const reader = new JsonRecordReader('NVD API page', NVD_JSON_LIMITS, {
    route: (key) => {
      if (key === '') shape.array = true;
      if (key === '' || key === 'vulnerabilities') {
        shape.page ||= key === 'vulnerabilities';
        return 'stream';
      }
      return 'keep';
    },
    record: (key, value, offset, element) => {
      session.record(key, value, offset, element);
      if (session.stopped) reader.stopped = true;
    },
    report: (condition, message, offset) => {
      session.report(condition, 'error', offset, message);
    },
  });
  try {
    await readJsonRecords(reader, wellFormedFeedBytes(input));
  } catch (thrown) {
    if (thrown instanceof WardlineError) throw thrown;
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The NVD input could not be read.', {
      details: { source: options.source },
      cause: thrown,
    });
  }
  const { page, array } = shape;
  if (page) session.checkHeader();
  else if (!array && reader.complete) session.single();
  const timestamp = page ? timestampOf(session.root['timestamp']) : null;
  return {
    advisories: session.advisories,
    totalResults: page ? session.count('totalResults') : null,
    startIndex: page ? session.count('startIndex') : null,
    resultsPerPage: page ? session.count('resultsPerPage') : null,
    timestamp,
    itemsRead: session.items,
    diagnostics: session.log.diagnostics,
  };
}

function timestampOf(value: JsonValue | undefined): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z)?$/.test(value)) return null;
  const parsed = new Date(value.endsWith('Z') ? value : `${value}Z`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
