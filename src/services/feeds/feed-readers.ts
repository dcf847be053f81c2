/** Each feed's reader: the format's parser, its result shaped as a `FeedReading`. */
import { parseCveRecord, parseNvdPage } from '../../formats/cve/index.js';
import { parseCsaf } from '../../formats/csaf/index.js';
import { parseEpss } from '../../formats/epss/index.js';
import { parseKev } from '../../formats/kev/index.js';
import { parseOsv } from '../../formats/osv/index.js';
import * as versions from '../../engines/vuln/versions/index.js';
import { emptyReading, type FeedReaderTable } from './feed-reading.js';

/** Bytes as one async chunk, for the streaming parsers. */
async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  yield bytes;
}

export const FEED_READERS: FeedReaderTable = {
  kev: async (bytes, { source }) => {
    const catalog = await parseKev(once(bytes), { source });
    return {
      ...emptyReading('kev', catalog.diagnostics),
      version: catalog.catalogVersion,
      kev: catalog.entries,
    };
  },
  epss: async (bytes, { source }) => {
    const file = await parseEpss(once(bytes), { source });
    const version =
      file.modelVersion === null
        ? file.scoreDate
        : `${file.modelVersion} ${file.scoreDate ?? ''}`.trim();
    return {
      ...emptyReading('epss', file.diagnostics),
      version,
      epss: { scores: file.scores, scoreDate: file.scoreDate },
    };
  },
  nvd: async (bytes, { source }) => {
    const page = await parseNvdPage(once(bytes), { source });
    return {
      ...emptyReading('nvd', page.diagnostics),
      version: page.timestamp,
      advisories: page.advisories,
    };
  },
  cve: async (bytes, { source }) => {
    const record = await parseCveRecord(once(bytes), { source });
    return {
      ...emptyReading('cve', record.diagnostics),
      advisories: record.advisory === null ? [] : [record.advisory],
    };
  },
  osv: (bytes, { source }) => {
    const result = parseOsv(bytes.toString('utf8'), { source, versions });
    return Promise.resolve({
      ...emptyReading('osv', result.diagnostics),
      advisories: result.advisories,
    });
  },
  csaf: async (bytes, { source }) => {
    const result = await parseCsaf(once(bytes), { source });
    return {
      ...emptyReading('csaf', result.diagnostics),
      version: result.document.trackingId ?? null,
      advisories: result.advisories,
    };
  },
};
