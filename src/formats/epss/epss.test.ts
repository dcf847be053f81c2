import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { inPieces } from '../cve/test-helpers.js';
import { LineSplitter } from './lines.js';
import { parseEpss } from './parse.js';
import { writeEpss, writeEpssGzip } from './write.js';

const source = 'epss_scores-2025-03-14.csv';
const SAMPLE = [
  '#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000',
  'cve,epss,percentile',
  'CVE-1999-0001,0.01141,0.77821',
  'CVE-2021-44228,0.94358,0.99986',
  'CVE-2024-12345,4.3e-05,0.00112',
  '',
].join('\n');

describe('parseEpss', () => {
  it('reads the comment, the header and every row', async () => {
    const epss = await parseEpss(SAMPLE, { source });
    expect(epss.modelVersion).toBe('v2025.03.14');
    expect(epss.scoreDate).toBe('2025-03-14T00:00:00.000Z');
    expect(epss.diagnostics).toEqual([]);
    expect(epss.scores).toEqual([
      { cveId: 'CVE-1999-0001', epss: 0.01141, percentile: 0.77821 },
      { cveId: 'CVE-2021-44228', epss: 0.94358, percentile: 0.99986 },
      { cveId: 'CVE-2024-12345', epss: 0.000043, percentile: 0.00112 },
    ]);
  });

  it('reads gzip input, sniffed by its magic bytes, in any chunking', async () => {
    const gz = gzipSync(SAMPLE);
    for (const size of [1, 2, 7, 1000]) {
      const epss = await parseEpss(inPieces(gz, size), { source: `${source}.gz` });
      expect(epss.scores).toHaveLength(3);
      expect(epss.modelVersion).toBe('v2025.03.14');
    }
  });

  it('reads CRLF lines, a file without the comment, and columns in another order', async () => {
    const epss = await parseEpss('percentile,cve,epss\r\n0.5,CVE-2020-0001,0.25\r\n', { source });
    expect(epss.modelVersion).toBeNull();
    expect(epss.scores).toEqual([{ cveId: 'CVE-2020-0001', epss: 0.25, percentile: 0.5 }]);
  });

  it('reports values outside 0..1, bad rows, duplicates and overlong lines, keeping the rest', async () => {
    const text = [
      'cve,epss,percentile',
      'CVE-2020-0001,1.5,0.5',
      'CVE-2020-0002,0.1,-0.1',
      'CVE-2020-0003,abc,0.5',
      'not-a-cve,0.1,0.1',
      'CVE-2020-0004,0.1',
      `CVE-2020-0005,0.1,0.${'1'.repeat(2000)}`,
      'CVE-2020-0006,0.2,0.3',
      'CVE-2020-0006,0.9,0.9',
      'CVE-2020-0007,1,0',
    ].join('\n');
    const epss = await parseEpss(inPieces(text, 5), { source });
    expect(epss.scores).toEqual([
      { cveId: 'CVE-2020-0006', epss: 0.2, percentile: 0.3 },
      { cveId: 'CVE-2020-0007', epss: 1, percentile: 0 },
    ]);
    expect(epss.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['WL_EPSS_VALUE_OUT_OF_RANGE', 2],
      ['WL_EPSS_VALUE_OUT_OF_RANGE', 3],
      ['WL_EPSS_ROW_INVALID', 4],
      ['WL_EPSS_ROW_INVALID', 5],
      ['WL_EPSS_ROW_INVALID', 6],
      ['WL_EPSS_LINE_TOO_LONG', 7],
      ['WL_EPSS_DUPLICATE', 9],
    ]);
    // Offsets are character offsets of each line's start.
    expect(epss.diagnostics[0]?.offset).toBe('cve,epss,percentile\n'.length);
  });

  it('reads rows without a header, with a diagnostic', async () => {
    const epss = await parseEpss('CVE-2020-0001,0.1,0.2\n', { source });
    expect(epss.scores).toHaveLength(1);
    expect(epss.diagnostics.map((d) => d.code)).toEqual(['WL_EPSS_HEADER_INVALID']);
  });

  it('keeps the rows before corrupt or truncated gzip data and says so', async () => {
    const gz = writeEpssGzip(
      Array.from({ length: 2000 }, (_, i) => ({
        cveId: `CVE-2020-${String(i + 1000)}`,
        epss: 0.5,
        percentile: 0.5,
      })),
      { modelVersion: 'v1', scoreDate: '2025-01-01T00:00:00Z' },
    );
    const epss = await parseEpss(inPieces(gz.subarray(0, gz.length - 200), 64), { source });
    expect(epss.diagnostics.map((d) => d.code)).toEqual(['WL_EPSS_GZIP_CORRUPT']);
    expect(epss.scores.length).toBeLessThan(2000);
    const garbage = Uint8Array.from([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const broken = await parseEpss(inPieces(garbage, 3), { source });
    expect(broken.diagnostics.map((d) => d.code)).toContain('WL_EPSS_GZIP_CORRUPT');
  });

  it('throws WL_IMPORT_UNREADABLE for input that is not EPSS at all', async () => {
    await expect(parseEpss('{"vulnerabilities": []}', { source })).rejects.toBeInstanceOf(
      WardlineError,
    );
    const empty = await parseEpss('', { source });
    expect(empty.diagnostics.map((d) => d.code)).toEqual(['WL_EPSS_HEADER_INVALID']);
  });

  it('writes what it reads', async () => {
    const first = await parseEpss(SAMPLE, { source });
    const meta = { modelVersion: 'v2025.03.14', scoreDate: '2025-03-14T00:00:00.000Z' };
    const text = writeEpss(first.scores, meta);
    expect(text.split('\n').slice(0, 3)).toEqual(SAMPLE.split('\n').slice(0, 3));
    expect(text).toContain('CVE-2024-12345,0.000043,0.00112\n');
    expect(await parseEpss(text, { source })).toEqual(first);
  });
});

describe('LineSplitter', () => {
  it('numbers lines and offsets across chunk boundaries', () => {
    const splitter = new LineSplitter(10);
    const lines = [...splitter.write('ab\r\ncd'), ...splitter.write('e\n\nfg'), ...splitter.end()];
    expect(lines).toEqual([
      { text: 'ab', line: 1, offset: 0 },
      { text: 'cde', line: 2, offset: 4 },
      { text: '', line: 3, offset: 8 },
      { text: 'fg', line: 4, offset: 9 },
    ]);
  });
});
