/**
 * Tells a CVE JSON 5 record from an NVD API 2.0 response (or a file of NVD `cve` objects) by
 * looking at the first bytes, so an import can pick the parser without reading the file twice.
 */
import { headText } from './feed-input.js';

/** The CVE feed formats Wardline reads. */
export type CveFeedKind = 'cve-json5' | 'nvd';

/** How much of the input `sniffCveFeed` looks at. */
export const CVE_SNIFF_BYTES = 64 * 1024;

/**
 * The feed kind of a JSON document, from its first bytes; null when it is neither.
 *
 * @example
 * sniffCveFeed('{"dataType": "CVE_RECORD", "dataVersion": "5.1", …') // → 'cve-json5'
 * sniffCveFeed('{"resultsPerPage": 38, "startIndex": 0, …')            // → 'nvd'
 */
export function sniffCveFeed(firstBytes: Uint8Array | string): CveFeedKind | null {
  const head = headText(firstBytes, CVE_SNIFF_BYTES)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!head.startsWith('{') && !head.startsWith('[')) return null;
  if (/"dataType"\s*:\s*"CVE_RECORD"/.test(head) || /"cveMetadata"\s*:/.test(head)) {
    return 'cve-json5';
  }
  if (/"format"\s*:\s*"NVD_CVE"/.test(head) || /"(resultsPerPage|totalResults)"\s*:/.test(head)) {
    return 'nvd';
  }
  if (/"(sourceIdentifier|vulnStatus|cpeMatch)"\s*:/.test(head)) return 'nvd';
  return null;
}
