/**
 * `document` → `CsafDocumentInfo`: tracking, publisher, TLP label, summary notes, references.
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §3.2.1
 */
import type { CsafLog } from './diagnostics.js';
import { MAX_TEXT_CHARS } from './limits.js';
import type { CsafDocumentInfo, CsafReference } from './types.js';
import { type JsonRecord, list, record, records, text } from './values.js';

/** CSAF versions this reader understands; 2.1 documents are read with the 2.0 mapping. */
export const CSAF_VERSIONS = ['2.0', '2.1'] as const;

/** A document with nothing known, for input that is not CSAF. */
export const EMPTY_DOCUMENT: CsafDocumentInfo = {
  trackingId: null,
  title: null,
  category: null,
  csafVersion: null,
  publisher: { name: null, category: null, namespace: null },
  tracking: {
    currentReleaseDate: null,
    initialReleaseDate: null,
    status: null,
    version: null,
    revisionCount: 0,
  },
  tlpLabel: null,
  summary: null,
  references: [],
};

/**
 * The `document` member when the root looks like CSAF (an object whose `document` has a
 * `category` or `csaf_version`); otherwise `null` and a `WL_CSAF_NOT_CSAF` diagnostic.
 */
export function csafDocument(root: unknown, log: CsafLog): JsonRecord | null {
  const isObject = typeof root === 'object' && root !== null && !Array.isArray(root);
  const document = isObject ? record(root as JsonRecord, 'document') : null;
  if (
    document === null ||
    (text(document, 'category') ?? text(document, 'csaf_version')) === null
  ) {
    log.report(
      'WL_CSAF_NOT_CSAF',
      'error',
      isObject
        ? 'The JSON object has no `document` with a `category` or `csaf_version`; it is not a CSAF document.'
        : 'The JSON value is not an object; it is not a CSAF document.',
      0,
    );
    return null;
  }
  return document;
}

/** Reads `document` and reports missing required members (§3.2.1). */
export function readDocumentInfo(document: JsonRecord, log: CsafLog): CsafDocumentInfo {
  const tracking = record(document, 'tracking');
  const publisher = record(document, 'publisher');
  const info: CsafDocumentInfo = {
    trackingId: text(tracking, 'id'),
    title: text(document, 'title'),
    category: text(document, 'category'),
    csafVersion: text(document, 'csaf_version'),
    publisher: {
      name: text(publisher, 'name'),
      category: text(publisher, 'category'),
      namespace: text(publisher, 'namespace'),
    },
    tracking: {
      currentReleaseDate: text(tracking, 'current_release_date'),
      initialReleaseDate: text(tracking, 'initial_release_date'),
      status: text(tracking, 'status'),
      version: text(tracking, 'version'),
      revisionCount: list(tracking, 'revision_history').length,
    },
    tlpLabel: text(record(record(document, 'distribution'), 'tlp'), 'label'),
    summary: documentSummary(document),
    references: readReferences(document),
  };
  checkRequired(info, log);
  return info;
}

function checkRequired(info: CsafDocumentInfo, log: CsafLog): void {
  const missing: string[] = [];
  if (info.trackingId === null) missing.push('tracking.id');
  if (info.title === null) missing.push('title');
  if (info.category === null) missing.push('category');
  if (info.publisher.name === null) missing.push('publisher.name');
  if (info.tracking.currentReleaseDate === null) missing.push('tracking.current_release_date');
  if (missing.length > 0) {
    log.report(
      'WL_CSAF_FIELD_MISSING',
      'warning',
      `The document lacks required members: ${missing.map((name) => `document.${name}`).join(', ')}.`,
      log.locate('"document"'),
    );
  }
  const version = info.csafVersion;
  if (version === null || !(CSAF_VERSIONS as readonly string[]).includes(version)) {
    log.report(
      'WL_CSAF_VERSION',
      'warning',
      `csaf_version ${JSON.stringify(version)} is not 2.0; the document is read as CSAF 2.0.`,
      log.locate('"csaf_version"'),
    );
  }
}

/** The `summary` notes joined by a blank line, else the first `description` note. */
function documentSummary(document: JsonRecord): string | null {
  return notesSummary(records(document, 'notes'));
}

/** Shared with vulnerabilities: `summary` notes, else `description` notes. */
export function notesSummary(notes: readonly JsonRecord[]): string | null {
  for (const category of ['summary', 'description']) {
    const parts = notes
      .filter((note) => note['category'] === category)
      .map((note) => text(note, 'text', MAX_TEXT_CHARS))
      .filter((part): part is string => part !== null);
    if (parts.length > 0) return parts.join('\n\n').slice(0, MAX_TEXT_CHARS);
  }
  return null;
}

/** `references[]` with a URL; category defaults to `external` (§3.1.11). */
export function readReferences(parent: JsonRecord): CsafReference[] {
  const out: CsafReference[] = [];
  for (const reference of records(parent, 'references')) {
    const url = text(reference, 'url');
    if (url === null) continue;
    out.push({
      url,
      category: text(reference, 'category') ?? 'external',
      summary: text(reference, 'summary'),
    });
  }
  return out;
}
