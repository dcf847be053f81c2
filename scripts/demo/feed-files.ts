/**
 * The demo hospital's feed bundle: advisories about its fictional devices and the real software
 * its scans and SBOMs report, in the feeds' real formats (CISA KEV JSON, EPSS CSV gzip, NVD CVE
 * API 2.0 pages, OSV, CSAF advisory and CSAF VEX). Every id is in the CVE-2099 range, which no
 * real CVE will ever hold: these advisories are made up for the demo and say nothing about the
 * real products they name.
 */
import { format, resolveConfig } from 'prettier';
import type { EpssScore, KevEntry } from '../../src/domain/vulnerability.js';
import { writeEpssGzip } from '../../src/formats/epss/index.js';
import { writeKev } from '../../src/formats/kev/index.js';
import {
  csafDeviceAdvisory,
  csafVex,
  kevEntry,
  nvdPage,
  osvRecord,
} from '../../test/support/feed-files.js';

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const HIGH_ADJACENT = 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM_LOCAL = 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N';

const KEV: readonly KevEntry[] = [
  kevEntry('CVE-2099-1001', {
    vendorProject: 'OpenBSD',
    product: 'OpenSSH',
    name: 'OpenSSH pre-authentication remote code execution (demo)',
    dateAdded: '2026-11-10',
    dueDate: '2026-12-01',
    knownRansomwareCampaignUse: true,
  }),
  kevEntry('CVE-2099-1004', {
    vendorProject: 'Microsoft',
    product: 'Windows Embedded Standard 7',
    name: 'Windows Embedded SMBv1 remote code execution (demo)',
    dateAdded: '2026-10-02',
    dueDate: '2026-10-23',
    knownRansomwareCampaignUse: true,
  }),
  kevEntry('CVE-2099-1008', {
    vendorProject: 'Tidewell Medical',
    product: 'FlowSure 300',
    name: 'FlowSure 300 unauthenticated dose-limit change (demo)',
    dateAdded: '2026-11-20',
    dueDate: '2026-12-11',
  }),
];

const EPSS: readonly EpssScore[] = [
  { cveId: 'CVE-2099-1001', epss: 0.94, percentile: 0.999 },
  { cveId: 'CVE-2099-1002', epss: 0.012, percentile: 0.61 },
  { cveId: 'CVE-2099-1003', epss: 0.31, percentile: 0.97 },
  { cveId: 'CVE-2099-1004', epss: 0.97, percentile: 0.9999 },
  { cveId: 'CVE-2099-1005', epss: 0.08, percentile: 0.91 },
  { cveId: 'CVE-2099-1006', epss: 0.004, percentile: 0.3 },
  { cveId: 'CVE-2099-1007', epss: 0.02, percentile: 0.7 },
  { cveId: 'CVE-2099-1008', epss: 0.45, percentile: 0.98 },
];

function nvdPages(): string {
  return nvdPage([
    {
      id: 'CVE-2099-1001',
      description:
        'A race in the OpenSSH server before 8.5 lets an unauthenticated attacker run code as root (demo advisory).',
      vector: CRITICAL,
      score: 9.8,
      cpeMatch: [
        { criteria: 'cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*', versionEndExcluding: '8.5' },
      ],
    },
    {
      id: 'CVE-2099-1002',
      description:
        'nginx 1.20.0 and 1.20.1 read past a buffer when resolving a crafted DNS answer (demo advisory).',
      vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:H',
      score: 6.5,
      cpeMatch: [
        {
          criteria: 'cpe:2.3:a:igor_sysoev:nginx:*:*:*:*:*:*:*:*',
          versionStartIncluding: '1.20.0',
          versionEndIncluding: '1.20.1',
        },
      ],
    },
    {
      id: 'CVE-2099-1003',
      description:
        'Apache HTTP Server 2.4.0 through 2.4.50 maps crafted URLs outside the document root (demo advisory).',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      score: 7.5,
      cpeMatch: [
        {
          criteria: 'cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*',
          versionStartIncluding: '2.4.0',
          versionEndIncluding: '2.4.50',
        },
      ],
    },
    {
      id: 'CVE-2099-1004',
      description:
        'The SMBv1 server of Windows Embedded Standard 7 runs code sent by an unauthenticated peer (demo advisory).',
      vector: CRITICAL,
      score: 9.8,
      cpeMatch: [{ criteria: 'cpe:2.3:o:microsoft:windows_embedded_standard_7:*:*:*:*:*:*:*:*' }],
    },
    {
      id: 'CVE-2099-1005',
      description: 'OpenSSL before 1.1.1l overflows a buffer while decrypting SM2 (demo advisory).',
      vector: CRITICAL,
      score: 9.8,
      cpeMatch: [
        { criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*', versionEndExcluding: '1.1.1l' },
      ],
    },
    {
      id: 'CVE-2099-1007',
      description:
        'DCMTK before 3.6.7 writes out of bounds while parsing a crafted DICOM file sent to storescp (demo advisory).',
      vector: HIGH_ADJACENT,
      score: 8.8,
      cpeMatch: [
        { criteria: 'cpe:2.3:a:offis:dcmtk:*:*:*:*:*:*:*:*', versionEndExcluding: '3.6.7' },
      ],
    },
  ]);
}

/** Every file of the bundle, by its path under `demo/`; JSON formatted as the repository is. */
export async function demoFeedFiles(): Promise<Map<string, string | Uint8Array>> {
  const files = new Map<string, string | Uint8Array>([
    [
      'feeds/known_exploited_vulnerabilities.json',
      writeKev(KEV, { catalogVersion: '2026.11.27', dateReleased: '2026-11-27T15:00:00.000Z' }),
    ],
    [
      'feeds/epss_scores-2026-11-27.csv.gz',
      writeEpssGzip(EPSS, { modelVersion: 'v2025.03.14', scoreDate: '2026-11-27T00:00:00Z' }),
    ],
    ['feeds/nvd/nvdcve-2099-page-0.json', nvdPages()],
    [
      'feeds/osv/DEMO-2099-1006.json',
      osvRecord({
        id: 'DEMO-2099-1006',
        aliases: ['CVE-2099-1006'],
        summary:
          'BusyBox before 1.34.0 lets a local shell user read another user’s files (demo advisory).',
        purl: 'pkg:generic/busybox',
        ecosystem: 'Generic',
        name: 'busybox',
        introduced: '0',
        fixed: '1.34.0',
        vector: MEDIUM_LOCAL,
      }),
    ],
    [
      'feeds/csaf/tidewell-2099-01.json',
      csafDeviceAdvisory({
        trackingId: 'TIDEWELL-2099-01',
        title:
          'FlowSure 300 accepts dose-limit changes over its service port without authentication',
        cve: 'CVE-2099-1008',
        vendor: 'Tidewell Medical',
        product: 'FlowSure 300',
        modelNumber: 'FS-300',
        affectedRange: 'vers:generic/<4.3.0',
        fixedVersion: '4.3.0',
        vector: HIGH_ADJACENT,
        remediation:
          'Update the pump firmware to 4.3.0 through the FlowSure service tool; until then block TCP 2404 to the pump VLAN.',
      }),
    ],
    [
      'feeds/csaf/meridian-vex-2099-02.json',
      csafVex({
        trackingId: 'MERIDIAN-VEX-2099-02',
        vendor: 'Meridian Imaging',
        product: 'Helix CT 64',
        version: 'VB20A',
        cve: 'CVE-2099-1005',
        justification: 'vulnerable_code_not_in_execute_path',
        impactStatement: 'Helix CT 64 never uses SM2; the OpenSSL SM2 code is not reachable.',
      }),
    ],
  ]);
  const options = (await resolveConfig(new URL('../../package.json', import.meta.url))) ?? {};
  for (const [path, content] of files) {
    if (typeof content === 'string' && path.endsWith('.json')) {
      files.set(path, await format(content, { ...options, filepath: path }));
    }
  }
  return files;
}
