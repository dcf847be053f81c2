/**
 * Which feed a file holds, from its name and first bytes: a bundle carried into an air-gapped
 * hospital is a folder of whatever the feeds publish, and people should not have to sort it.
 */
import type { FeedKind } from '../../store/feed-repo.js';

/** How far into a file the sniffer looks. */
export const SNIFF_BYTES = 16 * 1024;

const GZIP = [0x1f, 0x8b] as const;

/** Files a bundle may hold that are not feeds themselves (checksums, signatures, metadata). */
export function isSidecar(name: string): boolean {
  return /\.(sha256|sha512|asc|sig|md5|txt|md)$/i.test(name) || /(^|\/)changes\.csv$/i.test(name);
}

export function sniffFeed(name: string, head: Buffer): FeedKind | 'metadata' | null {
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) return /epss/i.test(name) ? 'epss' : null;
  const text = head.toString('utf8', 0, Math.min(head.length, SNIFF_BYTES));
  if (/\.ya?ml$/i.test(name)) return /^\s*id:/m.test(text) ? 'osv' : null;
  if (/^\s*#?\s*model_version|^cve,epss,percentile/m.test(text)) return 'epss';
  if (!/^\s*[[{]/.test(text)) return null;
  return sniffJson(text);
}

function sniffJson(text: string): FeedKind | 'metadata' | null {
  if (/"catalogVersion"\s*:/.test(text)) return 'kev';
  if (/"csaf_version"\s*:/.test(text)) return 'csaf';
  if (/"canonical_url"\s*:|"feed"\s*:\s*\{/.test(text)) return 'metadata';
  if (/"dataType"\s*:\s*"CVE_RECORD"/.test(text)) return 'cve';
  if (/"resultsPerPage"\s*:|"vulnerabilities"\s*:\s*\[\s*\{\s*"cve"/.test(text)) return 'nvd';
  if (/"sourceIdentifier"\s*:|"vulnStatus"\s*:/.test(text)) return 'nvd';
  if (/"affected"\s*:|"schema_version"\s*:|"withdrawn"\s*:/.test(text) && /"id"\s*:/.test(text)) {
    return 'osv';
  }
  return null;
}
