/**
 * CVE records from the CVE Program (CVE JSON 5) and NVD (CVE API 2.0) as `Advisory` values, with
 * the sniffer that tells them apart. The JSON reader, input and diagnostic helpers here are shared
 * with the KEV and EPSS parsers.
 */
export { parseCveRecord, type CveRecordResult } from './parse-cve.js';
export { parseNvdPage, type NvdPage, type NvdParseOptions } from './parse-nvd.js';
export { mapCveRecord } from './cve-record.js';
export { mapNvdCve } from './nvd-cve.js';
export { sniffCveFeed, CVE_SNIFF_BYTES, type CveFeedKind } from './sniff.js';
export { scoreCvss, severityOf, type CvssOutcome } from './cvss.js';
export { applicationCpe, cpeFields, cpeValue, isCpe23 } from './cpe.js';
export {
  CVE_DIAGNOSTIC_CODES,
  NVD_DIAGNOSTIC_CODES,
  type CveDiagnosticCode,
  type NvdDiagnosticCode,
} from './diagnostics.js';
export type { FeedInput, FeedParseOptions } from './feed-input.js';
export * from './limits.js';
