/**
 * One KEV catalog entry checked and turned into a `KevEntry`. An entry without a valid `cveID`,
 * `dateAdded` or `dueDate` is refused (a KEV entry is only useful with its CVE and its dates);
 * other faults keep the entry and report the value.
 */
import type { KevEntry } from '../../domain/vulnerability.js';
import type { FeedLog } from '../cve/feed-log.js';
import type { JsonValue } from '../cve/json-records.js';
import { isJsonObject, memberOf, stringAt } from '../cve/json-values.js';
import type { KevDiagnosticCode } from './diagnostics.js';
import { MAX_KEV_CWES, MAX_KEV_TEXT_CHARS } from './limits.js';

/** The catalog's own pattern for a CVE id (schema: `^CVE-[0-9]{4}-[0-9]{4,19}$`). */
export const CVE_ID_PATTERN = /^CVE-\d{4}-\d{4,19}$/;
const CWE_PATTERN = /^CWE-\d{1,10}$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Reads one element of `vulnerabilities`; null (with a diagnostic) when it is refused. */
export function readKevEntry(
  value: JsonValue,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): KevEntry | null {
  if (!isJsonObject(value)) {
    log.report(
      'WL_KEV_ENTRY_INVALID',
      'error',
      `The entry at byte ${offset} is not an object; it is skipped.`,
      offset,
    );
    return null;
  }
  const cveId = stringAt(value, 'cveID');
  if (cveId === null || !CVE_ID_PATTERN.test(cveId)) {
    const shown =
      cveId === null ? 'no `cveID`' : `the \`cveID\` ${JSON.stringify(cveId.slice(0, 40))}`;
    log.report(
      'WL_KEV_ENTRY_INVALID',
      'error',
      `The entry at byte ${offset} has ${shown}; it is skipped.`,
      offset,
    );
    return null;
  }
  const dateAdded = stringAt(value, 'dateAdded');
  const dueDate = stringAt(value, 'dueDate');
  for (const [field, date] of [
    ['dateAdded', dateAdded],
    ['dueDate', dueDate],
  ] as const) {
    if (date === null || !isCalendarDate(date)) {
      log.report(
        'WL_KEV_ENTRY_INVALID',
        'error',
        `${cveId} (byte ${offset}) has no valid \`${field}\` (YYYY-MM-DD); it is skipped.`,
        offset,
      );
      return null;
    }
  }
  const text = (field: string): string => readText(value, field, cveId, offset, log);
  return {
    cveId,
    vendorProject: text('vendorProject'),
    product: text('product'),
    name: text('vulnerabilityName'),
    dateAdded: dateAdded ?? '',
    description: text('shortDescription'),
    requiredAction: text('requiredAction'),
    dueDate: dueDate ?? '',
    knownRansomwareCampaignUse: readRansomware(value, cveId, offset, log),
    notes: readNotes(value, cveId, offset, log),
    cwes: readCwes(memberOf(value, 'cwes'), cveId, offset, log),
  };
}

function readText(
  entry: JsonValue,
  field: string,
  cveId: string,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): string {
  const text = stringAt(entry, field);
  if (text === null) {
    log.report(
      'WL_KEV_VALUE_INVALID',
      'warning',
      `${cveId} has no \`${field}\` text; it is left empty.`,
      offset,
    );
    return '';
  }
  return capText(text, field, cveId, offset, log);
}

function capText(
  text: string,
  field: string,
  cveId: string,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): string {
  if (text.length <= MAX_KEV_TEXT_CHARS) return text;
  log.report(
    'WL_KEV_VALUE_INVALID',
    'warning',
    `${cveId}: \`${field}\` is longer than ${MAX_KEV_TEXT_CHARS} characters and is cut.`,
    offset,
  );
  return text.slice(0, MAX_KEV_TEXT_CHARS);
}

function readNotes(
  entry: JsonValue,
  cveId: string,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): string {
  const notes = stringAt(entry, 'notes');
  return notes === null ? '' : capText(notes, 'notes', cveId, offset, log);
}

/** `Known` → true, `Unknown` → false (the only two values CISA uses); anything else → false. */
function readRansomware(
  entry: JsonValue,
  cveId: string,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): boolean {
  const use = stringAt(entry, 'knownRansomwareCampaignUse');
  if (use === 'Known') return true;
  if (use !== 'Unknown' && use !== null) {
    log.report(
      'WL_KEV_VALUE_INVALID',
      'warning',
      `${cveId}: \`knownRansomwareCampaignUse\` ${JSON.stringify(use.slice(0, 40))} is neither Known nor Unknown; read as Unknown.`,
      offset,
    );
  }
  return false;
}

function readCwes(
  value: JsonValue | undefined,
  cveId: string,
  offset: number,
  log: FeedLog<KevDiagnosticCode>,
): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [];
  const cwes: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && CWE_PATTERN.test(item)) {
      if (!cwes.includes(item) && cwes.length < MAX_KEV_CWES) cwes.push(item);
    } else {
      log.report(
        'WL_KEV_VALUE_INVALID',
        'warning',
        `${cveId}: a CWE that is not \`CWE-<number>\` is dropped.`,
        offset,
      );
    }
  }
  if (!Array.isArray(value)) {
    log.report(
      'WL_KEV_VALUE_INVALID',
      'warning',
      `${cveId}: \`cwes\` is not a list; it is dropped.`,
      offset,
    );
  }
  return cwes;
}
