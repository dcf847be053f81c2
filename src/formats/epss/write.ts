/**
 * Writes EPSS scores in FIRST's CSV layout, plain or gzip, for tests (round trips) and for
 * exporting scores. `parseEpss(writeEpss(scores, meta))` gives the scores back.
 *
 * @example
 * ```ts
 * writeEpss([{ cveId: 'CVE-1999-0001', epss: 0.01141, percentile: 0.77821 }],
 *   { modelVersion: 'v2025.03.14', scoreDate: '2025-03-14T00:00:00.000Z' });
 * // → '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\nCVE-1999-0001,0.01141,0.77821\n'
 * ```
 */
import { gzipSync } from 'node:zlib';
import type { EpssScore } from '../../domain/vulnerability.js';

/** The first-line comment. */
export interface EpssMeta {
  readonly modelVersion: string;
  /** ISO 8601; written as EPSS does, `YYYY-MM-DDTHH:mm:ss+0000`. */
  readonly scoreDate: string;
}

/** The CSV text. */
export function writeEpss(scores: readonly EpssScore[], meta: EpssMeta): string {
  const date = new Date(meta.scoreDate).toISOString().slice(0, 19);
  const lines = [
    `#model_version:${meta.modelVersion},score_date:${date}+0000`,
    'cve,epss,percentile',
  ];
  for (const score of scores) lines.push(`${score.cveId},${score.epss},${score.percentile}`);
  return `${lines.join('\n')}\n`;
}

/** The CSV, gzip-compressed (`epss_scores-YYYY-MM-DD.csv.gz`). */
export function writeEpssGzip(scores: readonly EpssScore[], meta: EpssMeta): Uint8Array {
  return gzipSync(writeEpss(scores, meta));
}
