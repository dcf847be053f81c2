/**
 * A trusted provider's `provider-metadata.json` (§7.1.7) and its ROLIE feeds (§7.1.21, RFC 8322):
 * where the advisories are, which TLP each feed carries, and which OpenPGP keys sign them. Both
 * are read whole (they are small index documents), bounded by `MAX_METADATA_CHARS`.
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §7
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import { CsafLog, type CsafDiagnosticCode } from './diagnostics.js';
import { MAX_FEED_ENTRIES, MAX_METADATA_CHARS } from './limits.js';
import { parseJson } from './read.js';
import type { CsafPublisher } from './types.js';
import { isRecord, type JsonRecord, list, record, records, text } from './values.js';

/** One ROLIE feed a provider lists. */
export interface ProviderFeed {
  readonly tlpLabel: string | null;
  readonly url: string;
  readonly summary: string | null;
}

/** One OpenPGP key a provider signs with. */
export interface ProviderKey {
  /** Upper-case hex, spaces removed; null when not given. */
  readonly fingerprint: string | null;
  readonly url: string;
}

/** What `parseProviderMetadata` returns; `null` members when the document does not say. */
export interface ProviderMetadata {
  readonly canonicalUrl: string | null;
  readonly publisher: CsafPublisher;
  readonly role: string | null;
  readonly lastUpdated: string | null;
  readonly feeds: readonly ProviderFeed[];
  readonly directoryUrls: readonly string[];
  readonly publicKeys: readonly ProviderKey[];
  readonly diagnostics: readonly Diagnostic<CsafDiagnosticCode>[];
}

/** One ROLIE entry: an advisory and the files that check it. */
export interface RolieEntry {
  readonly id: string;
  readonly title: string | null;
  readonly updated: string | null;
  readonly published: string | null;
  /** `content.src`, else the `self` link. */
  readonly contentUrl: string | null;
  /** The `hash` link, the `.sha512` one first, else `.sha256`, else the first. */
  readonly hashUrl: string | null;
  readonly signatureUrl: string | null;
}

/** What `parseRolieFeed` returns. */
export interface RolieFeed {
  readonly id: string | null;
  readonly title: string | null;
  readonly updated: string | null;
  readonly entries: readonly RolieEntry[];
  readonly diagnostics: readonly Diagnostic<CsafDiagnosticCode>[];
}

function parseRoot(text: string, log: CsafLog, what: string): JsonRecord | null {
  if (text.length > MAX_METADATA_CHARS) {
    log.report(
      'WL_CSAF_LIMIT_EXCEEDED',
      'error',
      `The ${what} is larger than ${MAX_METADATA_CHARS} characters; it is not parsed.`,
      MAX_METADATA_CHARS,
    );
    return null;
  }
  log.setText(text);
  const root = parseJson(text, log);
  if (root === undefined) return null;
  if (!isRecord(root)) {
    log.report('WL_CSAF_VALUE_INVALID', 'error', `The ${what} is not a JSON object.`, 0);
    return null;
  }
  return root;
}

/** Reads a `provider-metadata.json`. Never throws; problems are diagnostics. */
export function parseProviderMetadata(
  input: string,
  source = 'provider-metadata.json',
): ProviderMetadata {
  const log = new CsafLog(source);
  const root = parseRoot(input, log, 'provider metadata');
  const publisher = record(root, 'publisher');
  const distributions = records(root, 'distributions');
  const metadata: ProviderMetadata = {
    canonicalUrl: text(root, 'canonical_url'),
    publisher: {
      name: text(publisher, 'name'),
      category: text(publisher, 'category'),
      namespace: text(publisher, 'namespace'),
    },
    role: text(root, 'role'),
    lastUpdated: text(root, 'last_updated'),
    feeds: distributions.flatMap((distribution) =>
      records(record(distribution, 'rolie'), 'feeds').flatMap((feed) => {
        const url = text(feed, 'url');
        return url === null
          ? []
          : [{ tlpLabel: text(feed, 'tlp_label'), url, summary: text(feed, 'summary') }];
      }),
    ),
    directoryUrls: distributions
      .map((distribution) => text(distribution, 'directory_url'))
      .filter((url): url is string => url !== null),
    publicKeys: records(root, 'public_openpgp_keys').flatMap((key) => {
      const url = text(key, 'url');
      const fingerprint = text(key, 'fingerprint')?.replace(/\s+/g, '').toUpperCase() ?? null;
      return url === null ? [] : [{ fingerprint, url }];
    }),
    diagnostics: log.diagnostics,
  };
  if (root !== null && metadata.canonicalUrl === null) {
    log.report(
      'WL_CSAF_FIELD_MISSING',
      'warning',
      'The provider metadata has no canonical_url.',
      0,
    );
  }
  return metadata;
}

/** Reads a ROLIE feed document (`{ "feed": { "entry": [...] } }`). Never throws. */
export function parseRolieFeed(input: string, source = 'feed.json'): RolieFeed {
  const log = new CsafLog(source);
  const feed = record(parseRoot(input, log, 'ROLIE feed'), 'feed');
  const entries: RolieEntry[] = [];
  const stated = list(feed, 'entry');
  if (Array.isArray(feed?.['entry']) && feed['entry'].length > MAX_FEED_ENTRIES) {
    log.report(
      'WL_CSAF_LIMIT_EXCEEDED',
      'warning',
      `The feed lists more than ${MAX_FEED_ENTRIES} entries; the rest are ignored.`,
      0,
    );
  }
  for (const entry of stated.slice(0, MAX_FEED_ENTRIES)) {
    const read = isRecord(entry) ? readEntry(entry) : null;
    if (read === null) {
      log.report('WL_CSAF_FIELD_MISSING', 'warning', 'A feed entry has no id; it is skipped.', 0);
    } else {
      entries.push(read);
    }
  }
  return {
    id: text(feed, 'id'),
    title: text(feed, 'title'),
    updated: text(feed, 'updated'),
    entries,
    diagnostics: log.diagnostics,
  };
}

function readEntry(entry: JsonRecord): RolieEntry | null {
  const id = text(entry, 'id');
  if (id === null) return null;
  const links = records(entry, 'link');
  const href = (rel: string): string[] =>
    links
      .filter((link) => link['rel'] === rel)
      .map((link) => text(link, 'href'))
      .filter((url): url is string => url !== null);
  const hashes = href('hash');
  const hashUrl =
    hashes.find((url) => url.endsWith('.sha512')) ??
    hashes.find((url) => url.endsWith('.sha256')) ??
    hashes[0] ??
    null;
  return {
    id,
    title: text(entry, 'title'),
    updated: text(entry, 'updated'),
    published: text(entry, 'published'),
    contentUrl: text(record(entry, 'content'), 'src') ?? href('self')[0] ?? null,
    hashUrl,
    signatureUrl: href('signature')[0] ?? null,
  };
}
