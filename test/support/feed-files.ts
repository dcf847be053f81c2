/**
 * Feed files in their real formats for tests and the demo bundle: the KEV catalog and EPSS scores
 * through Wardline's own writers, and NVD API 2.0 pages, OSV records and CSAF advisories built as
 * their publishers lay them out (only the members Wardline reads, plus the required ones).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { KevEntry, EpssScore, VexJustification } from '../../src/domain/vulnerability.js';
import { writeCsafVex } from '../../src/formats/csaf/index.js';
import { writeEpssGzip } from '../../src/formats/epss/index.js';
import { writeKev } from '../../src/formats/kev/index.js';

export function kevEntry(cveId: string, overrides: Partial<KevEntry> = {}): KevEntry {
  return {
    cveId,
    vendorProject: 'Example',
    product: 'Example',
    name: `Example vulnerability ${cveId}`,
    dateAdded: '2026-11-01',
    description: 'Exploited in the wild.',
    requiredAction: 'Apply the vendor update.',
    dueDate: '2026-11-22',
    knownRansomwareCampaignUse: false,
    notes: '',
    cwes: [],
    ...overrides,
  };
}

export interface NvdCveSpec {
  readonly id: string;
  readonly description: string;
  readonly vector?: string;
  readonly score?: number;
  readonly published?: string;
  /** One OR node of these criteria. */
  readonly cpeMatch: readonly {
    readonly criteria: string;
    readonly vulnerable?: boolean;
    readonly versionStartIncluding?: string;
    readonly versionEndExcluding?: string;
    readonly versionEndIncluding?: string;
  }[];
}

/** An NVD CVE API 2.0 response page. */
export function nvdPage(
  cves: readonly NvdCveSpec[],
  timestamp = '2026-11-27T06:00:00.000',
): string {
  return JSON.stringify(
    {
      resultsPerPage: cves.length,
      startIndex: 0,
      totalResults: cves.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp,
      vulnerabilities: cves.map((cve) => ({
        cve: {
          id: cve.id,
          sourceIdentifier: 'cve@mitre.org',
          published: cve.published ?? '2026-10-01T12:00:00.000',
          lastModified: '2026-11-20T12:00:00.000',
          vulnStatus: 'Analyzed',
          descriptions: [{ lang: 'en', value: cve.description }],
          metrics:
            cve.vector === undefined
              ? {}
              : {
                  cvssMetricV31: [
                    {
                      source: 'nvd@nist.gov',
                      type: 'Primary',
                      cvssData: {
                        version: '3.1',
                        vectorString: cve.vector,
                        baseScore: cve.score ?? 0,
                        baseSeverity: 'CRITICAL',
                      },
                    },
                  ],
                },
          weaknesses: [],
          configurations: [
            {
              nodes: [
                {
                  operator: 'OR',
                  negate: false,
                  cpeMatch: cve.cpeMatch.map((m, i) => ({
                    vulnerable: m.vulnerable ?? true,
                    criteria: m.criteria,
                    matchCriteriaId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
                    ...(m.versionStartIncluding === undefined
                      ? {}
                      : { versionStartIncluding: m.versionStartIncluding }),
                    ...(m.versionEndExcluding === undefined
                      ? {}
                      : { versionEndExcluding: m.versionEndExcluding }),
                    ...(m.versionEndIncluding === undefined
                      ? {}
                      : { versionEndIncluding: m.versionEndIncluding }),
                  })),
                },
              ],
            },
          ],
          references: [
            { url: `https://www.cve.org/CVERecord?id=${cve.id}`, source: 'cve@mitre.org' },
          ],
        },
      })),
    },
    null,
    2,
  );
}

export interface OsvSpec {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly purl: string;
  readonly ecosystem: string;
  readonly name: string;
  readonly introduced: string;
  readonly fixed: string;
  readonly vector?: string;
}

/** One OSV record (schema 1.6). */
export function osvRecord(spec: OsvSpec): string {
  return JSON.stringify(
    {
      schema_version: '1.6.0',
      id: spec.id,
      modified: '2026-11-20T00:00:00Z',
      published: '2026-10-15T00:00:00Z',
      aliases: spec.aliases,
      summary: spec.summary,
      details: spec.summary,
      severity: spec.vector === undefined ? [] : [{ type: 'CVSS_V3', score: spec.vector }],
      affected: [
        {
          package: { ecosystem: spec.ecosystem, name: spec.name, purl: spec.purl },
          ranges: [
            {
              type: 'ECOSYSTEM',
              events: [{ introduced: spec.introduced }, { fixed: spec.fixed }],
            },
          ],
        },
      ],
      references: [{ type: 'ADVISORY', url: `https://osv.dev/vulnerability/${spec.id}` }],
    },
    null,
    2,
  );
}

export interface DeviceAdvisorySpec {
  readonly trackingId: string;
  readonly title: string;
  readonly cve: string;
  readonly vendor: string;
  readonly product: string;
  readonly modelNumber: string;
  /** A `vers:` range of affected firmware, e.g. `vers:generic/<2.0.0`. */
  readonly affectedRange: string;
  readonly fixedVersion: string;
  readonly vector: string;
  readonly remediation: string;
}

/** A device maker's CSAF 2.0 security advisory: one product range affected, its fix named. */
export function csafDeviceAdvisory(spec: DeviceAdvisorySpec): string {
  return JSON.stringify(
    {
      document: {
        category: 'csaf_security_advisory',
        csaf_version: '2.0',
        publisher: {
          category: 'vendor',
          name: spec.vendor,
          namespace: 'https://psirt.example',
        },
        title: spec.title,
        tracking: {
          current_release_date: '2026-11-18T00:00:00.000Z',
          id: spec.trackingId,
          initial_release_date: '2026-11-18T00:00:00.000Z',
          revision_history: [{ date: '2026-11-18T00:00:00.000Z', number: '1', summary: 'Initial' }],
          status: 'final',
          version: '1',
        },
      },
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: spec.vendor,
            branches: [
              {
                category: 'product_name',
                name: spec.product,
                branches: [
                  {
                    category: 'product_version_range',
                    name: spec.affectedRange,
                    product: {
                      product_id: 'CSAFPID-0001',
                      name: `${spec.vendor} ${spec.product} ${spec.affectedRange}`,
                      product_identification_helper: { model_numbers: [spec.modelNumber] },
                    },
                  },
                  {
                    category: 'product_version',
                    name: spec.fixedVersion,
                    product: {
                      product_id: 'CSAFPID-0002',
                      name: `${spec.vendor} ${spec.product} ${spec.fixedVersion}`,
                      product_identification_helper: { model_numbers: [spec.modelNumber] },
                    },
                  },
                ],
              },
            ],
          },
        ],
      },
      vulnerabilities: [
        {
          cve: spec.cve,
          notes: [{ category: 'summary', text: spec.title }],
          product_status: { known_affected: ['CSAFPID-0001'], fixed: ['CSAFPID-0002'] },
          remediations: [
            { category: 'vendor_fix', details: spec.remediation, product_ids: ['CSAFPID-0001'] },
          ],
          scores: [
            {
              cvss_v3: {
                version: '3.1',
                vectorString: spec.vector,
                baseScore: 0,
                baseSeverity: 'NONE',
              },
              products: ['CSAFPID-0001'],
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}

export interface VexSpec {
  readonly trackingId: string;
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly cve: string;
  readonly justification: VexJustification;
  readonly impactStatement: string;
}

/** A device maker's CSAF VEX saying one product version is not affected by one CVE. */
export function csafVex(spec: VexSpec): string {
  return writeCsafVex({
    publisher: { name: spec.vendor, namespace: 'https://psirt.example' },
    trackingId: spec.trackingId,
    title: `${spec.product}: not affected by ${spec.cve}`,
    now: '2026-11-19T00:00:00.000Z',
    products: [
      {
        productId: 'P1',
        name: spec.product,
        vendor: spec.vendor,
        version: spec.version,
      },
    ],
    statements: [
      {
        vulnerabilityId: spec.cve,
        status: 'known_not_affected',
        productIds: ['P1'],
        justification: spec.justification,
        impactStatement: spec.impactStatement,
      },
    ],
  });
}

export interface BundleSpec {
  readonly kev?: readonly KevEntry[];
  readonly epss?: readonly EpssScore[];
  readonly files?: Readonly<Record<string, string>>;
}

/** Writes a feed bundle folder: KEV, EPSS, and any other files by relative path. */
export async function writeFeedBundle(dir: string, spec: BundleSpec): Promise<string> {
  await mkdir(dir, { recursive: true });
  if (spec.kev !== undefined) {
    await writeFile(
      join(dir, 'known_exploited_vulnerabilities.json'),
      writeKev(spec.kev, {
        catalogVersion: '2026.11.27',
        dateReleased: '2026-11-27T12:00:00.000Z',
      }),
    );
  }
  if (spec.epss !== undefined) {
    await writeFile(
      join(dir, 'epss_scores-2026-11-27.csv.gz'),
      writeEpssGzip(spec.epss, { modelVersion: 'v2025.03.14', scoreDate: '2026-11-27T00:00:00Z' }),
    );
  }
  for (const [name, text] of Object.entries(spec.files ?? {})) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/*
 * The FlowSure fixture: two infusion pumps in a CMMS export, the maker's SBOM for the model, and a
 * bundle in which each feed contributes one finding — KEV + NVD CPE range (openssl), OSV purl
 * range (lodash), a CSAF device advisory (firmware below 2.0.0) and a CSAF VEX clearing zlib.
 */
const CMMS_HEADER =
  'Equipment Control No.,Device Name,Equipment Type,Manufacturer,Model,Mfr Serial No,Software Version,MAC Address,IP Address,Clinical Risk';

export function flowsureCmms(firmware: string): string {
  return [
    CMMS_HEADER,
    `CE-2001,PUMP-4W-01,Infusion Pump,Tidewell Medical,FlowSure 300,TW3-0001,${firmware},00:60:52:00:00:01,10.40.0.10,High`,
    `CE-2002,PUMP-4W-02,Infusion Pump,Tidewell Medical,FlowSure 300,TW3-0002,${firmware},00:60:52:00:00:02,10.40.0.11,High`,
  ].join('\n');
}

export const FLOWSURE_SBOM = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  metadata: {
    component: { type: 'device', name: 'FlowSure 300', version: '1.5', 'bom-ref': 'device' },
    manufacturer: { name: 'Tidewell Medical' },
  },
  components: [
    {
      type: 'library',
      'bom-ref': 'openssl',
      name: 'openssl',
      version: '1.0.2u',
      purl: 'pkg:generic/openssl@1.0.2u',
      cpe: 'cpe:2.3:a:openssl:openssl:1.0.2u:*:*:*:*:*:*:*',
    },
    {
      type: 'library',
      'bom-ref': 'zlib',
      name: 'zlib',
      version: '1.2.11',
      purl: 'pkg:generic/zlib@1.2.11',
      cpe: 'cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*',
    },
    {
      type: 'library',
      'bom-ref': 'lodash',
      name: 'lodash',
      version: '4.17.15',
      purl: 'pkg:npm/lodash@4.17.15',
    },
  ],
});

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

/** The FlowSure feed bundle in `dir`. */
export function writeFlowsureBundle(dir: string): Promise<string> {
  return writeFeedBundle(dir, {
    kev: [kevEntry('CVE-2099-0001', { knownRansomwareCampaignUse: true })],
    epss: [
      { cveId: 'CVE-2099-0001', epss: 0.93, percentile: 0.99 },
      { cveId: 'CVE-2099-0002', epss: 0.02, percentile: 0.4 },
    ],
    files: {
      'nvd/page-0.json': nvdPage([
        {
          id: 'CVE-2099-0001',
          description: 'OpenSSL before 1.1.1 lets a remote attacker run code. More words.',
          vector: CRITICAL,
          score: 9.8,
          cpeMatch: [
            {
              criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
              versionEndExcluding: '1.1.1',
            },
          ],
        },
      ]),
      'osv/GHSA-demo-0002.json': osvRecord({
        id: 'GHSA-9x9x-0002-demo',
        aliases: ['CVE-2099-0002'],
        summary: 'Prototype pollution in lodash',
        purl: 'pkg:npm/lodash',
        ecosystem: 'npm',
        name: 'lodash',
        introduced: '0',
        fixed: '4.17.21',
        vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
      }),
      'csaf/tidewell-2099-001.json': csafDeviceAdvisory({
        trackingId: 'TW-2099-001',
        title: 'FlowSure 300 firmware accepts unauthenticated dose-limit changes',
        cve: 'CVE-2099-0004',
        vendor: 'Tidewell Medical',
        product: 'FlowSure 300',
        modelNumber: 'FS-300',
        affectedRange: 'vers:generic/<2.0.0',
        fixedVersion: '2.0.0',
        vector: CRITICAL,
        remediation: 'Update the pump firmware to 2.0.0.',
      }),
      'csaf/tidewell-vex-2099-002.json': csafVex({
        trackingId: 'TW-VEX-2099-002',
        vendor: 'Tidewell Medical',
        product: 'FlowSure 300',
        version: '1.5',
        cve: 'CVE-2099-0003',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'The pump never inflates zlib streams it receives.',
      }),
      'nvd/page-1.json': nvdPage([
        {
          id: 'CVE-2099-0003',
          description: 'zlib through 1.2.12 has a heap overflow in inflate.',
          vector: CRITICAL,
          score: 9.8,
          cpeMatch: [
            { criteria: 'cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*', versionEndIncluding: '1.2.12' },
          ],
        },
      ]),
    },
  });
}
