import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { deviceFactOf, endOfSupportDate } from './device-facts.js';
import { DiagnosticLog } from './diagnostics.js';
import { findDependencyCycle } from './graph.js';
import { JsonRecordReader, type JsonValue } from './json-stream.js';
import {
  MAX_COMPONENTS,
  MAX_DEPTH,
  MAX_DIAGNOSTICS,
  MAX_NODES_PER_RECORD,
  MAX_TOKEN_BYTES,
} from './limits.js';
import { collectSbom } from './parse.js';
import { SbomSession } from './session.js';
import { sniffSbomFormat } from './sniff.js';
import { component, inPieces, read, rejection } from './test-helpers.js';
import type { SbomDiagnostic, SbomEdge } from './types.js';
import { canonicalPurl, hashAlgorithm, isCpe, isoTimestamp, spdxActor } from './values.js';

describe('sniffSbomFormat', () => {
  it.each([
    ['{"bomFormat":"CycloneDX","specVersion":"1.6"}', 'cyclonedx-json'],
    // Real device SBOMs list components before bomFormat: bom-ref alone gives it away.
    ['{\n "components": [ { "bom-ref": "a", "name": "x" } ]', 'cyclonedx-json'],
    ['\uFEFF  {"$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json"}', 'cyclonedx-json'],
    ['{ "SPDXID": "SPDXRef-DOCUMENT", "spdxVersion": "SPDX-2.3" }', 'spdx-json'],
    ['{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}', 'spdx-json'],
    ['<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.4">', 'cyclonedx-xml'],
    ['<!-- x --><cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.6">', 'cyclonedx-xml'],
    ['SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n', 'spdx-tag-value'],
    ['## comment\n\nDocumentName: pump\nSPDXVersion: SPDX-2.2', 'spdx-tag-value'],
  ])('%j is %s', (text, format) => {
    expect(sniffSbomFormat(text)).toBe(format);
    expect(sniffSbomFormat(new TextEncoder().encode(text))).toBe(format);
  });

  it.each([
    '',
    '{"name": "package.json", "version": "1.0.0"}',
    '<nmaprun scanner="nmap">',
    '<rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#">',
    'hello: world',
    '\u0000\u0001\u0002',
  ])('%j is no SBOM', (text) => {
    expect(sniffSbomFormat(text)).toBeNull();
  });

  it('takes the format whose marker comes first when both appear', () => {
    expect(sniffSbomFormat('{"bomFormat":"CycloneDX","x":{"SPDXID":"y"}}')).toBe('cyclonedx-json');
  });

  it('stays fast on 64 KiB of blank lines (no quadratic rescan)', () => {
    const started = performance.now();
    expect(sniffSbomFormat('\n'.repeat(65_536))).toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('parseSbom dispatch', () => {
  it('reads each format it sniffs, and a forced format without sniffing', async () => {
    const cdx = await read(
      '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"zlib"}]}',
    );
    expect(cdx.document.format).toBe('cyclonedx-json');
    expect(cdx.components.map((c) => c.name)).toEqual(['zlib']);
    const tv = await read('PackageName: zlib\nSPDXID: SPDXRef-zlib\n', {
      format: 'spdx-tag-value',
    });
    expect(tv.document.format).toBe('spdx-tag-value');
    expect(tv.components.map((c) => c.ref)).toEqual(['SPDXRef-zlib']);
  });

  it('throws WL_SBOM_UNREADABLE for input of no known format', async () => {
    const error = await rejection(read('{"name":"left-pad","version":"1.3.0"}'));
    expect(error).toBeInstanceOf(WardlineError);
    expect(error).toMatchObject({ code: 'WL_SBOM_UNREADABLE' });
  });

  it('throws the format code when a forced format does not fit', async () => {
    expect(await rejection(read('[1,2]', { format: 'cyclonedx-json' }))).toMatchObject({
      code: 'WL_CYCLONEDX_UNREADABLE',
    });
    expect(await rejection(read('<a/>', { format: 'cyclonedx-xml' }))).toMatchObject({
      code: 'WL_CYCLONEDX_UNREADABLE',
    });
    expect(await rejection(read('"x"', { format: 'spdx-json' }))).toMatchObject({
      code: 'WL_SPDX_UNREADABLE',
    });
    expect(await rejection(read('no tags here', { format: 'spdx-tag-value' }))).toMatchObject({
      code: 'WL_SPDX_UNREADABLE',
    });
  });

  it('wraps a failing stream in WL_SBOM_UNREADABLE', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield await Promise.resolve('{"bomFormat"');
      throw new Error('disk gone');
    }
    const error = await rejection(collectSbom(broken(), { source: 'x' }));
    expect(error).toMatchObject({ code: 'WL_SBOM_UNREADABLE' });
  });
});

/** Runs the JSON reader over text and returns what it delivered and reported. */
function stream(text: string, keep: readonly string[] = ['meta'], chunk = 7) {
  const records: { key: string; value: JsonValue; element: boolean }[] = [];
  const diagnostics: SbomDiagnostic[] = [];
  const log = new DiagnosticLog('t', (d) => diagnostics.push(d));
  const reader = new JsonRecordReader('CYCLONEDX', 'WL_CYCLONEDX_UNREADABLE', log, {
    route: (key) => (key === 'items' ? 'stream' : keep.includes(key) ? 'keep' : 'skip'),
    record: (key, value, _offset, element) => records.push({ key, value, element }),
  });
  const bytes = new TextEncoder().encode(text);
  let thrown: unknown = null;
  try {
    for (let at = 0; at < bytes.length && !reader.stopped; at += chunk)
      reader.write(bytes.subarray(at, at + chunk));
    reader.end();
  } catch (error) {
    thrown = error;
  }
  return { records, diagnostics, thrown, codes: diagnostics.map((d) => d.code) };
}

describe('JsonRecordReader', () => {
  it('hands over stream elements one by one, kept members whole, and skips the rest', () => {
    const { records, diagnostics } = stream(
      '{"skipped":{"deep":[1,{"a":"b"}]},"items":[{"n":1},"two",3,[4]],"meta":{"x":[true,null]},"v":"1"}',
    );
    expect(diagnostics).toEqual([]);
    expect(records.map((r) => [r.key, r.element])).toEqual([
      ['items', true],
      ['items', true],
      ['items', true],
      ['items', true],
      ['meta', false],
    ]);
    expect(JSON.parse(JSON.stringify(records.map((r) => r.value)))).toEqual([
      { n: 1 },
      'two',
      3,
      [4],
      { x: [true, null] },
    ]);
  });

  it('builds objects without a prototype', () => {
    const { records } = stream('{"meta":{"a":1}}');
    expect(Object.getPrototypeOf(records[0]?.value)).toBeNull();
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a %s key and skips the record holding it',
    (key) => {
      const { records, codes } = stream(
        `{"items":[{"ok":1},{"a":{"${key}":{"polluted":true}}},{"ok":2}],"${key}":{"x":1}}`,
      );
      expect(records.map((r) => JSON.stringify(r.value))).toEqual(['{"ok":1}', '{"ok":2}']);
      expect(codes).toEqual(['WL_CYCLONEDX_POISONED_KEY', 'WL_CYCLONEDX_POISONED_KEY']);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );

  it('stops at the depth cap and keeps the records before it', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 2)}${']'.repeat(MAX_DEPTH + 2)}`;
    const { records, codes } = stream(`{"items":[{"ok":1},${deep},{"late":1}]}`);
    expect(records.map((r) => JSON.stringify(r.value))).toEqual(['{"ok":1}']);
    expect(codes).toEqual(['WL_CYCLONEDX_LIMIT_EXCEEDED']);
  });

  it('skips a record with too many values and keeps the next one', () => {
    const big = `[${'0,'.repeat(MAX_NODES_PER_RECORD)}0]`;
    const { records, codes } = stream(`{"items":[${big},{"ok":1}]}`, [], 65_536);
    expect(records.map((r) => JSON.stringify(r.value))).toEqual(['{"ok":1}']);
    expect(codes).toEqual(['WL_CYCLONEDX_VALUE_INVALID']);
  });

  it('reports malformed JSON, keeps the records before it, and stops', () => {
    const { records, codes } = stream('{"items":[{"ok":1},{"a" "b"},{"ok":2}]}');
    expect(records).toHaveLength(1);
    expect(codes).toEqual(['WL_CYCLONEDX_JSON_MALFORMED']);
    expect(stream('{"items":[1,,2]}').codes).toEqual(['WL_CYCLONEDX_JSON_MALFORMED']);
    expect(stream('{"items":[1}').codes).toEqual(['WL_CYCLONEDX_JSON_MALFORMED']);
    expect(stream('{"items":[1]} trailing').codes).toEqual(['WL_CYCLONEDX_JSON_MALFORMED']);
  });

  it('reports a document cut short, in a value or between values', () => {
    const cut = stream('{"items":[{"ok":1},{"name":"trunc');
    expect(cut.records).toHaveLength(1);
    expect(cut.codes).toEqual(['WL_CYCLONEDX_TRUNCATED']);
    expect(stream('{"items":[{"ok":1},').codes).toEqual(['WL_CYCLONEDX_TRUNCATED']);
  });

  it.each(['', '   ', '[{"a":1}]', '"text"', '42', 'not json', '\u0000'])(
    'throws UNREADABLE for %j',
    (text) => {
      const { thrown } = stream(text);
      expect(thrown).toBeInstanceOf(WardlineError);
      expect(thrown).toMatchObject({ code: 'WL_CYCLONEDX_UNREADABLE' });
    },
  );
});

describe('values', () => {
  it('canonical purls; invalid ones (including a packageurl-js crash) are null', () => {
    expect(canonicalPurl('pkg:npm/@angular/core@16.0.0')).toBe('pkg:npm/%40angular/core@16.0.0');
    expect(canonicalPurl('pkg:nuget/Aspose.Words@20.1.0')).toBe('pkg:nuget/Aspose.Words@20.1.0');
    expect(canonicalPurl('pkg:maven/no-namespace@1')).toBeNull();
    expect(canonicalPurl('npm/lodash')).toBeNull();
    expect(canonicalPurl('pkg:golang/github.com/a/b@v1')).toBeNull();
  });

  it('CPE 2.3 strings and 2.2 URIs', () => {
    expect(isCpe('cpe:2.3:h:qualcomm:atheros_qca9563:*:*:*:*:*:*:*:*')).toBe(true);
    expect(isCpe('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*')).toBe(true);
    expect(isCpe('cpe:/a:openbsd:openssh:7.4')).toBe(true);
    expect(isCpe('cpe:2.3:a:too:few')).toBe(false);
    expect(isCpe('cpe:2.3:x:v:p:1:*:*:*:*:*:*:*')).toBe(false);
  });

  it('hash algorithm names from both specs', () => {
    expect(['SHA256', 'sha-256', 'SHA-256'].map(hashAlgorithm)).toEqual([
      'SHA-256',
      'SHA-256',
      'SHA-256',
    ]);
    expect(hashAlgorithm('BLAKE2b-256')).toBe('BLAKE2b-256');
    expect(hashAlgorithm('SHA3-512')).toBe('SHA3-512');
    expect(hashAlgorithm('CRC32')).toBeNull();
  });

  it('timestamps become ISO 8601 UTC; a zone-less time is UTC; impossible days are null', () => {
    expect(isoTimestamp('2025-07-23T20:52:41.344402+00:00')).toBe('2025-07-23T20:52:41.344Z');
    expect(isoTimestamp('2024-01-31T10:00:00+0100')).toBe('2024-01-31T09:00:00.000Z');
    expect(isoTimestamp('2024-01-31T10:00')).toBe('2024-01-31T10:00:00.000Z');
    expect(isoTimestamp('2030-12-31')).toBe('2030-12-31T00:00:00.000Z');
    expect(isoTimestamp('2023-02-30')).toBeNull();
    expect(isoTimestamp('Until hardware support ends')).toBeNull();
  });

  it('SPDX actors lose their kind and e-mail', () => {
    expect(spdxActor('Organization: ACME Medical (psirt@acme.example)')).toEqual({
      kind: 'Organization',
      name: 'ACME Medical',
    });
    expect(spdxActor('Tool: syft-0.90.0')).toEqual({ kind: 'Tool', name: 'syft-0.90.0' });
    expect(spdxActor('ACME')).toBeNull();
  });
});

describe('device facts', () => {
  it.each([
    ['End-of-Support', 'endOfSupport'],
    ['acme:device:EndOfSupportDate', 'endOfSupport'],
    ['EOL', 'endOfLife'],
    ['Level of Support', 'levelOfSupport'],
    ['cdx:device:model', 'model'],
    ['Serial Number', 'serialNumber'],
    ['cdx:npm:package:bundled', null],
  ])('%s → %s', (name, fact) => {
    expect(deviceFactOf(name)).toBe(fact);
  });

  it('endOfSupportDate reads a date from end of support, then end of life', () => {
    expect(endOfSupportDate(component({ name: 'a', endOfSupport: '2031-06-30' }))).toBe(
      '2031-06-30T00:00:00.000Z',
    );
    expect(
      endOfSupportDate(
        component({ name: 'b', endOfSupport: 'Open source', endOfLife: '2032-01-01' }),
      ),
    ).toBe('2032-01-01T00:00:00.000Z');
    expect(
      endOfSupportDate(component({ name: 'c', endOfSupport: 'Until hardware support ends' })),
    ).toBeNull();
  });
});

describe('findDependencyCycle', () => {
  const edge = (from: string, to: string, kind: SbomEdge['kind'] = 'depends-on'): SbomEdge => ({
    from,
    to,
    kind,
    relationship: 'dependsOn',
  });

  it('finds a cycle and names it; ignores edges that are not dependencies', () => {
    expect(findDependencyCycle([edge('a', 'b'), edge('b', 'c'), edge('c', 'a')], 100)).toEqual({
      kind: 'cycle',
      path: ['a', 'b', 'c', 'a'],
    });
    expect(findDependencyCycle([edge('a', 'a')], 100)).toEqual({ kind: 'cycle', path: ['a', 'a'] });
    expect(
      findDependencyCycle([edge('a', 'b', 'contains'), edge('b', 'a', 'contains')], 100).kind,
    ).toBe('acyclic');
    expect(findDependencyCycle([edge('a', 'b'), edge('a', 'c'), edge('b', 'c')], 100).kind).toBe(
      'acyclic',
    );
  });

  it('walks a 30 000-deep chain without recursion (a recursive walk would overflow the stack) and gives up past its step budget', () => {
    const chain = Array.from({ length: 30_000 }, (_, i) => edge(`n${i}`, `n${i + 1}`));
    expect(findDependencyCycle(chain, 1_000_000).kind).toBe('acyclic');
    expect(findDependencyCycle(chain, 10).kind).toBe('gave-up');
  });
});

describe('DiagnosticLog', () => {
  it('caps the count with one closing note, but always passes truncation and limits', () => {
    const seen: SbomDiagnostic[] = [];
    const log = new DiagnosticLog('t', (d) => seen.push(d));
    for (let i = 0; i < MAX_DIAGNOSTICS + 50; i += 1)
      log.report('WL_SPDX_VALUE_INVALID', 'warning', `n${i}`, { offset: i });
    log.report('WL_SPDX_TRUNCATED', 'error', 'cut', { offset: 0, line: 3 });
    expect(seen).toHaveLength(MAX_DIAGNOSTICS + 2);
    expect(seen[MAX_DIAGNOSTICS]?.message).toMatch(/rest are not reported/);
    expect(seen.at(-1)).toEqual({
      source: 't',
      offset: 0,
      line: 3,
      code: 'WL_SPDX_TRUNCATED',
      severity: 'error',
      message: 'cut',
    });
  });
});

describe('input decoding', () => {
  it('turns invalid UTF-8 into U+FFFD instead of failing, and drops a byte order mark', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a',
      ),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('b"}]}'),
    ]);
    const report = await collectSbom(inPieces(bytes, 5), { source: 'x' });
    expect(report.components[0]?.name).toBe('a\uFFFD\uFFFDb');
    expect(report.diagnostics).toEqual([]);
  });
});

describe('caps', () => {
  it('the session stops at MAX_COMPONENTS with one LIMIT_EXCEEDED and keeps what came before', () => {
    const session = new SbomSession('CYCLONEDX', 't');
    const one = component({ name: 'c' });
    let accepted = 0;
    for (let i = 0; i <= MAX_COMPONENTS + 5; i += 1)
      if (session.addComponent(one, { offset: i })) accepted += 1;
    const items = [...session.drain()];
    expect(accepted).toBe(MAX_COMPONENTS);
    expect(session.stopped).toBe(true);
    const codes = items.flatMap((i) => (i.kind === 'diagnostic' ? [i.diagnostic.code] : []));
    expect(codes).toEqual(['WL_CYCLONEDX_LIMIT_EXCEEDED']);
  });

  it('a JSON string past MAX_TOKEN_BYTES stops the parse before it is held whole', () => {
    const huge = 'x'.repeat(MAX_TOKEN_BYTES + 1024);
    const { records, codes } = stream(`{"items":[{"ok":1},"${huge}",{"late":1}]}`, [], 65_536);
    expect(records.map((r) => JSON.stringify(r.value))).toEqual(['{"ok":1}']);
    expect(codes).toEqual(['WL_CYCLONEDX_LIMIT_EXCEEDED']);
  });

  it('XML nesting past MAX_DEPTH and a text run past MAX_TOKEN_BYTES stop the parse', async () => {
    const head =
      '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>kept</name></component>';
    const deep = `${head}${'<x>'.repeat(MAX_DEPTH + 2)}`;
    const a = await read(deep, { format: 'cyclonedx-xml' });
    expect(a.components.map((c) => c.name)).toEqual(['kept']);
    expect(a.diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_LIMIT_EXCEEDED']);
    const long = `${head}<component type="library"><name>${'y'.repeat(MAX_TOKEN_BYTES + 1024)}</name></component></components></bom>`;
    const b = await collectSbom(inPieces(long, 1 << 20), { source: 'x', format: 'cyclonedx-xml' });
    expect(b.components.map((c) => c.name)).toEqual(['kept']);
    expect(b.diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_LIMIT_EXCEEDED']);
  });
});
