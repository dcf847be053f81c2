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
