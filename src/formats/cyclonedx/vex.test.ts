import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VEX_JUSTIFICATIONS, type CvssScore } from '../../domain/vulnerability.js';
import { collect, inPieces } from '../sbom/test-helpers.js';
import { parseCycloneDxJson } from './parse-json.js';
import {
  CYCLONEDX_ANALYSIS_STATES,
  CYCLONEDX_JUSTIFICATION_OF,
  CYCLONEDX_JUSTIFICATIONS,
  CYCLONEDX_RESPONSES,
  writeCycloneDxVex,
  type VexDocumentInput,
} from './vex.js';

const enumsPath = fileURLToPath(
  new URL('../../../../shared/reference/formats-enums.yaml', import.meta.url),
);
const enumsPresent = existsSync(enumsPath);

const critical: CvssScore = {
  version: '3.1',
  vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  baseScore: 9.8,
  severity: 'critical',
  source: 'nvd@nist.gov',
};
const v4: CvssScore = {
  version: '4.0',
  vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  baseScore: 9.3,
  severity: 'critical',
  source: null,
};

const input: VexDocumentInput = {
  kind: 'vex',
  now: '2025-03-01T08:00:00Z',
  subject: { name: 'Alaris 8015 PC Unit', version: '12.1.2', bomRef: 'device-1' },
  components: [
    {
      bomRef: 'openssl',
      name: 'openssl',
      version: '1.0.2k',
      purl: 'pkg:generic/openssl@1.0.2k',
      cpe: 'cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*',
    },
    { bomRef: 'zlib', name: 'zlib', version: '1.2.11', purl: null, cpe: null },
  ],
  vulnerabilities: [
    {
      id: 'CVE-2016-2107',
      source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2016-2107' },
      ratings: [critical, v4],
      cwes: ['CWE-310', 'NVD-CWE-Other', '310', 'CWE-20'],
      description: 'Padding oracle in AES-NI CBC MAC check.',
      affects: [{ ref: 'openssl' }],
      analysis: {
        state: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        response: ['will_not_fix', 'will_not_fix'],
        detail: 'TLS is not used.',
      },
      recommendation: 'Upgrade to 1.0.2h.',
    },
    {
      id: 'CVE-2018-25032',
      ratings: [],
      cwes: [],
      affects: [{ ref: 'zlib', versions: ['vers:generic/<1.2.12'] }],
    },
    {
      id: 'CVE-2022-37434',
      ratings: [critical],
      cwes: ['CWE-787'],
      affects: [{ ref: 'zlib' }],
      analysis: {
        state: 'exploitable',
        justification: 'protected_at_perimeter',
        response: ['update'],
      },
    },
  ],
};

interface Bom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    component: Record<string, unknown>;
    properties: { name: string; value: string }[];
  };
  components: Record<string, unknown>[];
  vulnerabilities: {
    id: string;
    ratings?: {
      method: string;
      severity: string;
      score: number;
      vector: string;
      source?: { name: string };
    }[];
    cwes?: number[];
    analysis?: { state: string; justification?: string; response?: string[]; detail?: string };
    affects: {
      ref: string;
      versions?: ({ version: string; status: string } | { range: string; status: string })[];
    }[];
  }[];
}

type Enums = Record<string, readonly string[]> & {
  affects?: { affectedStatus: readonly string[] };
};
type Check = (ok: boolean, what: string) => void;

/** The CycloneDX 1.6 rules a VEX consumer relies on, checked by hand: required keys and enums. */
function structuralProblems(bom: Bom, enums: Enums): string[] {
  const problems: string[] = [];
  const need: Check = (ok, what) => {
    if (!ok) problems.push(what);
  };
  need(bom.bomFormat === 'CycloneDX', 'bomFormat');
  need(bom.specVersion === '1.6', 'specVersion');
  need(
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
      bom.serialNumber,
    ),
    'serialNumber',
  );
  need(Number.isInteger(bom.version) && bom.version >= 1, 'version');
  need(!Number.isNaN(Date.parse(bom.metadata.timestamp)), 'timestamp');
  const refs = new Set([
    bom.metadata.component['bom-ref'],
    ...bom.components.map((c) => c['bom-ref']),
  ]);
  need(refs.size === bom.components.length + 1, 'bom-refs unique');
  for (const component of [bom.metadata.component, ...bom.components]) {
    need(
      typeof component['name'] === 'string' && typeof component['type'] === 'string',
      'component name/type',
    );
  }
  for (const v of bom.vulnerabilities) checkVulnerability(v, enums, refs, need);
  return problems;
}

const among = (enums: Enums, key: string, value: string): boolean =>
  (enums[key] ?? []).includes(value);

function checkVulnerability(
  v: Bom['vulnerabilities'][number],
  enums: Enums,
  refs: Set<unknown>,
  need: Check,
): void {
  need(typeof v.id === 'string', 'vulnerability id');
  need(
    Object.keys(v).every((k) => among(enums, 'vulnerability_keys', k)),
    'vulnerability keys',
  );
  for (const r of v.ratings ?? []) {
    need(among(enums, 'rating_method_scoreMethod', r.method), `method ${r.method}`);
    need(among(enums, 'rating_severity', r.severity), `severity ${r.severity}`);
    need(r.score >= 0 && r.score <= 10, 'score');
  }
  for (const cwe of v.cwes ?? []) need(Number.isInteger(cwe), 'cwe integer');
  if (v.analysis) {
    need(among(enums, 'impactAnalysisState', v.analysis.state), `state ${v.analysis.state}`);
    const { justification } = v.analysis;
    if (justification !== undefined)
      need(
        among(enums, 'impactAnalysisJustification', justification),
        `justification ${justification}`,
      );
    for (const response of v.analysis.response ?? [])
      need(among(enums, 'analysis_response', response), `response ${response}`);
    need(
      Object.keys(v.analysis).every((k) => among(enums, 'analysis_keys', k)),
      'analysis keys',
    );
  }
  need(v.affects.length > 0, 'affects');
  for (const a of v.affects) {
    need(refs.has(a.ref), `affects ref ${a.ref}`);
    for (const version of a.versions ?? []) {
      need('version' in version !== 'range' in version, 'exactly one of version, range');
      need(
        (enums.affects?.affectedStatus ?? []).includes(version.status),
        `status ${version.status}`,
      );
    }
  }
}

function write(over: Partial<VexDocumentInput> = {}): Bom {
  return JSON.parse(writeCycloneDxVex({ ...input, ...over })) as Bom;
}

describe('writeCycloneDxVex', () => {
  it('writes the subject, components and vulnerabilities', () => {
    const bom = write();
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1 });
    expect(bom.metadata.timestamp).toBe('2025-03-01T08:00:00.000Z');
    expect(bom.metadata.component).toEqual({
      type: 'device',
      'bom-ref': 'device-1',
      name: 'Alaris 8015 PC Unit',
      version: '12.1.2',
    });
    expect(bom.metadata.properties).toEqual([{ name: 'wardline:bom-kind', value: 'vex' }]);
    const [first, second, third] = bom.vulnerabilities;
    expect(first?.ratings).toEqual([
      {
        source: { name: 'nvd@nist.gov' },
        score: 9.8,
        severity: 'critical',
        method: 'CVSSv31',
        vector: critical.vector,
      },
      { score: 9.3, severity: 'critical', method: 'CVSSv4', vector: v4.vector },
    ]);
    expect(first?.cwes).toEqual([310, 20]);
    expect(first?.analysis).toEqual({
      state: 'not_affected',
      justification: 'code_not_reachable',
      response: ['will_not_fix'],
      detail: 'TLS is not used.',
    });
    expect(first?.affects).toEqual([
      { ref: 'openssl', versions: [{ version: '1.0.2k', status: 'unaffected' }] },
    ]);
    expect(second?.analysis).toEqual({ state: 'in_triage' });
    expect(second?.affects).toEqual([
      { ref: 'zlib', versions: [{ range: 'vers:generic/<1.2.12', status: 'unknown' }] },
    ]);
    expect(third?.analysis?.justification).toBe('protected_at_perimeter');
    expect(third?.affects[0]?.versions).toEqual([{ version: '1.2.11', status: 'affected' }]);
  });

  it('leaves analysis out of a VDR vulnerability that has none, and marks versions affected', () => {
    const bom = write({ kind: 'vdr' });
    expect(bom.vulnerabilities[1]?.analysis).toBeUndefined();
    expect(bom.vulnerabilities[1]?.affects[0]?.versions?.[0]?.status).toBe('affected');
    expect(bom.metadata.properties[0]?.value).toBe('vdr');
  });

  it('derives a stable version-5 serial number from the content, or keeps the one given', () => {
    const a = write();
    expect(write().serialNumber).toBe(a.serialNumber);
    expect(write({ now: '2025-03-02T08:00:00Z' }).serialNumber).not.toBe(a.serialNumber);
    expect(a.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const given = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';
    expect(write({ serialNumber: given }).serialNumber).toBe(given);
  });

  it('maps every VEX justification to a CycloneDX one', () => {
    for (const justification of VEX_JUSTIFICATIONS) {
      expect(CYCLONEDX_JUSTIFICATIONS).toContain(CYCLONEDX_JUSTIFICATION_OF[justification]);
    }
    expect(new Set(Object.values(CYCLONEDX_JUSTIFICATION_OF)).size).toBe(VEX_JUSTIFICATIONS.length);
  });

  it.each([
    [{ now: 'yesterday' }, /now is not an ISO 8601/],
    [{ serialNumber: 'urn:uuid:nope' }, /serialNumber/],
    [
      {
        components: [
          ...input.components,
          { bomRef: 'zlib', name: 'zlib2', version: null, purl: null, cpe: null },
        ],
      },
      /used twice/,
    ],
    [
      { components: [{ bomRef: 'device-1', name: 'x', version: null, purl: null, cpe: null }] },
      /used twice/,
    ],
    [
      {
        vulnerabilities: [
          {
            id: 'X',
            ratings: [],
            cwes: [],
            affects: [],
            analysis: { state: 'fixed' as 'resolved' },
          },
        ],
      },
      /analysis state/,
    ],
    [
      {
        vulnerabilities: [
          {
            id: 'X',
            ratings: [],
            cwes: [],
            affects: [],
            analysis: {
              state: 'not_affected' as const,
              justification: 'because' as 'code_not_present',
            },
          },
        ],
      },
      /justification/,
    ],
    [
      {
        vulnerabilities: [
          {
            id: 'X',
            ratings: [],
            cwes: [],
            affects: [],
            analysis: { state: 'exploitable' as const, response: ['pray' as 'update'] },
          },
        ],
      },
      /response/,
    ],
  ] as const)('refuses input no valid document can carry (%#)', (over, message) => {
    expect(() => writeCycloneDxVex({ ...input, ...over })).toThrow(message);
  });

  it('round-trips the subject and components through the CycloneDX parser', async () => {
    const text = writeCycloneDxVex(input);
    const report = await collect(parseCycloneDxJson(inPieces(text, 97), { source: 'vex.json' }));
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.document.specVersion).toBe('1.6');
    expect(report.document.documentId).toBe((JSON.parse(text) as Bom).serialNumber);
    expect(report.document.primary).toMatchObject({
      ref: 'device-1',
      name: 'Alaris 8015 PC Unit',
      version: '12.1.2',
      type: 'device',
    });
    expect(report.components.map((c) => [c.ref, c.name, c.version, c.purl, c.cpes])).toEqual([
      [
        'openssl',
        'openssl',
        '1.0.2k',
        'pkg:generic/openssl@1.0.2k',
        ['cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*'],
      ],
      ['zlib', 'zlib', '1.2.11', null, []],
    ]);
  });
});

describe.skipIf(!enumsPresent)(
  `CycloneDX VEX structure against the reference enums${enumsPresent ? '' : ' (SKIPPED: ../shared/reference absent)'}`,
  () => {
    const enums = enumsPresent
      ? (
          parse(readFileSync(enumsPath, 'utf8')) as {
            cyclonedx_vex: Record<string, readonly string[]>;
          }
        ).cyclonedx_vex
      : {};

    it('uses exactly CycloneDX 1.6 enumerations', () => {
      expect([...CYCLONEDX_ANALYSIS_STATES]).toEqual(enums['impactAnalysisState']);
      expect([...CYCLONEDX_JUSTIFICATIONS]).toEqual(enums['impactAnalysisJustification']);
      expect([...CYCLONEDX_RESPONSES]).toEqual(enums['analysis_response']);
    });

    it('writes documents with every required key and only enumerated values, for VEX and VDR', () => {
      expect(structuralProblems(write(), enums)).toEqual([]);
      expect(structuralProblems(write({ kind: 'vdr' }), enums)).toEqual([]);
      for (const state of CYCLONEDX_ANALYSIS_STATES) {
        const bom = write({
          vulnerabilities: [
            {
              id: 'CVE-1',
              ratings: [critical],
              cwes: [],
              affects: [{ ref: 'openssl' }],
              analysis: { state },
            },
          ],
        });
        expect(structuralProblems(bom, enums), state).toEqual([]);
      }
    });

    it('agrees with the reference crosswalk in reverse (marked unverified there)', () => {
      const reference = parse(readFileSync(enumsPath, 'utf8')) as {
        vex_status_crosswalk: { from_cyclonedx_justification: Record<string, string> };
      };
      for (const [vex, cdx] of Object.entries(CYCLONEDX_JUSTIFICATION_OF)) {
        expect(reference.vex_status_crosswalk.from_cyclonedx_justification[cdx], vex).toBe(vex);
      }
    });
  },
);

describe('writeCycloneDxVex properties', () => {
  const text = fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((t) => t.trim() === t && t.length > 0);
  const component = fc.record({
    name: text,
    version: fc.option(text, { nil: null }),
  });

  it('round-trips any components and writes any text as valid JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(component, { maxLength: 8 }),
        fc.string({ maxLength: 200 }),
        async (parts, detail) => {
          const components = parts.map((p, i) => ({
            bomRef: `c${i}`,
            name: p.name,
            version: p.version,
            purl: null,
            cpe: null,
          }));
          const written = writeCycloneDxVex({
            ...input,
            components,
            vulnerabilities: components.map((c) => ({
              id: 'CVE-2024-0001',
              ratings: [],
              cwes: [],
              affects: [{ ref: c.bomRef }],
              analysis: { state: 'in_triage' as const, detail },
            })),
          });
          const report = await collect(
            parseCycloneDxJson(inPieces(written, 61), { source: 'p.json' }),
          );
          expect(report.components.map((c) => [c.ref, c.name, c.version])).toEqual(
            components.map((c) => [c.bomRef, c.name, c.version]),
          );
          const bom = JSON.parse(written) as Bom;
          expect(
            bom.vulnerabilities.every(
              (v) => v.analysis?.detail === (detail === '' ? undefined : detail),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
