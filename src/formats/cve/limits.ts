/**
 * Caps on CVE JSON 5 records and NVD CVE API 2.0 pages. A real NVD page holds at most 2 000 CVEs
 * (the API's own maximum `resultsPerPage`) and is about 10 MB; the largest CVE records (Linux
 * kernel, Cisco IOS) list a few thousand CPEs. Each cap is far above that; each one stops the
 * parse, or drops one value, with a `…_LIMIT_EXCEEDED` or `…_VALUE_INVALID` diagnostic.
 */
import type { JsonReaderLimits } from './json-records.js';

/** `vulnerabilities` items (or root array elements) read per NVD page or file. */
export const MAX_NVD_PAGE_ITEMS = 10_000;

/** Characters of a summary or title kept; longer text is cut. */
export const MAX_TEXT_CHARS = 32 * 1024;

/** Characters of a CPE, URL, CWE, date or version kept; a longer value is dropped. */
export const MAX_VALUE_CHARS = 2048;

/** References kept per advisory. */
export const MAX_REFERENCES = 1000;

/** CPE criteria kept per advisory, over all its configurations. */
export const MAX_CPE_MATCHES = 20_000;

/** Configurations kept per advisory. */
export const MAX_CONFIGURATIONS = 1000;

/** CVSS scores kept per advisory. */
export const MAX_CVSS = 32;

/** CWE ids kept per advisory. */
export const MAX_CWES = 64;

/** Characters of a CVSS vector; a longer one is refused. */
export const MAX_VECTOR_CHARS = 512;

/** The streaming reader's caps for one CVE JSON 5 record (each root member counts apart). */
export const CVE_JSON_LIMITS: JsonReaderLimits = {
  maxDocumentBytes: 64 * 1024 * 1024,
  maxTokenBytes: 4 * 1024 * 1024,
  maxDepth: 24,
  maxNodesPerRecord: 500_000,
  maxCharsPerRecord: 32 * 1024 * 1024,
};

/** The streaming reader's caps for an NVD page (each `vulnerabilities` item counts apart). */
export const NVD_JSON_LIMITS: JsonReaderLimits = {
  maxDocumentBytes: 512 * 1024 * 1024,
  maxTokenBytes: 4 * 1024 * 1024,
  maxDepth: 24,
  maxNodesPerRecord: 500_000,
  maxCharsPerRecord: 32 * 1024 * 1024,
};
