/**
 * The SBOMs three of the demo's device makers supply (as the FDA's premarket cybersecurity
 * guidance asks): CycloneDX 1.6 JSON with the device as `metadata.component`, its end of support,
 * and the software inside it with package URLs, CPEs and licenses: VxWorks and OpenSSL in the
 * pump, an embedded Linux with BusyBox in the monitor, Windows and DCMTK in the CT.
 */
import { createHash } from 'node:crypto';
import { formatCycloneDxJson } from '../../src/formats/cyclonedx/index.js';
import type {
  SbomComponent,
  SbomComponentType,
  SbomContent,
  SbomEdge,
} from '../../src/formats/sbom/index.js';
import { DEMO_SBOM_MODELS } from '../../src/services/demo/demo-files.js';
import { DEMO_TIMES } from './times.js';

/** One piece of software: type, name, version, purl, CPE, license, supplier. */
type Part = readonly [
  type: SbomComponentType,
  name: string,
  version: string,
  purl: string | null,
  cpe: string | null,
  license: string | null,
  supplier: string | null,
];

/** A device model's SBOM, before it is written. */
interface DeviceBom {
  readonly vendor: string;
  readonly model: string;
  readonly firmware: string;
  /** YYYY-MM-DD */
  readonly endOfSupport: string;
  readonly levelOfSupport: string;
  readonly tool: string;
  readonly parts: readonly Part[];
}

const cpe = (part: string, vendor: string, product: string, version: string): string =>
  `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`;

const PUMP: DeviceBom = {
  vendor: 'Tidewell Medical',
  model: 'FlowSure 300',
  firmware: '4.2.1',
  endOfSupport: '2027-06-30',
  levelOfSupport: 'Security updates quarterly until end of support',
  tool: 'tidewell-fw-sbom',
  parts: [
    [
      'operating-system',
      'VxWorks',
      '6.9.4',
      'pkg:generic/windriver/vxworks@6.9.4',
      cpe('o', 'windriver', 'vxworks', '6.9.4'),
      'LicenseRef-WindRiver-Commercial',
      'Wind River Systems',
    ],
    [
      'library',
      'openssl',
      '1.0.2u',
      'pkg:generic/openssl@1.0.2u',
      cpe('a', 'openssl', 'openssl', '1.0.2u'),
      'OpenSSL',
      'OpenSSL Software Foundation',
    ],
    [
      'library',
      'zlib',
      '1.2.11',
      'pkg:generic/zlib@1.2.11',
      cpe('a', 'zlib', 'zlib', '1.2.11'),
      'Zlib',
      null,
    ],
    [
      'library',
      'expat',
      '2.2.9',
      'pkg:generic/expat@2.2.9',
      cpe('a', 'libexpat_project', 'libexpat', '2.2.9'),
      'MIT',
      null,
    ],
    [
      'application',
      'FlowSure drug library engine',
      '3.8.0',
      null,
      null,
      'LicenseRef-Tidewell-Proprietary',
      'Tidewell Medical',
    ],
  ],
};

const MONITOR: DeviceBom = {
  vendor: 'Vantage Monitoring',
  model: 'VitalView 12',
  firmware: 'B.02.11',
  endOfSupport: '2028-12-31',
  levelOfSupport: 'Security patches within 60 days of a critical vulnerability',
  tool: 'yocto-cyclonedx',
  parts: [
    [
      'operating-system',
      'linux-kernel',
      '4.19.94',
      'pkg:generic/linux-kernel@4.19.94',
      cpe('o', 'linux', 'linux_kernel', '4.19.94'),
      'GPL-2.0-only',
      null,
    ],
    [
      'application',
      'busybox',
      '1.31.1',
      'pkg:generic/busybox@1.31.1',
      cpe('a', 'busybox', 'busybox', '1.31.1'),
      'GPL-2.0-only',
      null,
    ],
    [
      'library',
      'glibc',
      '2.31',
      'pkg:generic/glibc@2.31',
      cpe('a', 'gnu', 'glibc', '2.31'),
      'LGPL-2.1-or-later',
      null,
    ],
    [
      'library',
      'openssl',
      '1.1.1k',
      'pkg:generic/openssl@1.1.1k',
      cpe('a', 'openssl', 'openssl', '1.1.1k'),
      'OpenSSL',
      'OpenSSL Software Foundation',
    ],
    [
      'application',
      'dropbear',
      '2019.78',
      'pkg:generic/dropbear@2019.78',
      cpe('a', 'dropbear_ssh_project', 'dropbear_ssh', '2019.78'),
      'MIT',
      null,
    ],
    [
      'application',
      'lighttpd',
      '1.4.55',
      'pkg:generic/lighttpd@1.4.55',
      cpe('a', 'lighttpd', 'lighttpd', '1.4.55'),
      'BSD-3-Clause',
      null,
    ],
    [
      'library',
      'libxml2',
      '2.9.10',
      'pkg:generic/libxml2@2.9.10',
      cpe('a', 'xmlsoft', 'libxml2', '2.9.10'),
      'MIT',
      null,
    ],
    [
      'library',
      'zlib',
      '1.2.11',
      'pkg:generic/zlib@1.2.11',
      cpe('a', 'zlib', 'zlib', '1.2.11'),
      'Zlib',
      null,
    ],
  ],
};

const CT: DeviceBom = {
  vendor: 'Meridian Imaging',
  model: 'Helix CT 64',
  firmware: 'VB20A',
  endOfSupport: '2030-09-30',
  levelOfSupport: 'Validated operating system patches monthly',
  tool: 'meridian-sbom-builder',
  parts: [
    [
      'operating-system',
      'Windows 10 IoT Enterprise LTSC 2019',
      '10.0.17763',
      null,
      cpe('o', 'microsoft', 'windows_10_1809', '-'),
      'LicenseRef-Microsoft-EULA',
      'Microsoft',
    ],
    [
      'library',
      'dcmtk',
      '3.6.4',
      'pkg:github/dcmtk/dcmtk@DCMTK-3.6.4',
      cpe('a', 'offis', 'dcmtk', '3.6.4'),
      'BSD-3-Clause',
      'OFFIS e.V.',
    ],
    [
      'library',
      'openssl',
      '1.1.1d',
      'pkg:generic/openssl@1.1.1d',
      cpe('a', 'openssl', 'openssl', '1.1.1d'),
      'OpenSSL',
      'OpenSSL Software Foundation',
    ],
    [
      'library',
      'libjpeg-turbo',
      '2.0.4',
      'pkg:github/libjpeg-turbo/libjpeg-turbo@2.0.4',
      cpe('a', 'libjpeg-turbo', 'libjpeg-turbo', '2.0.4'),
      'BSD-3-Clause',
      null,
    ],
    [
      'framework',
      '.NET Framework',
      '4.8',
      null,
      cpe('a', 'microsoft', '.net_framework', '4.8'),
      'LicenseRef-Microsoft-EULA',
      'Microsoft',
    ],
    [
      'library',
      'zlib',
      '1.2.11',
      'pkg:generic/zlib@1.2.11',
      cpe('a', 'zlib', 'zlib', '1.2.11'),
      'Zlib',
      null,
    ],
    [
      'application',
      'Helix acquisition workstation',
      '5.2.0',
      null,
      null,
      'LicenseRef-Meridian-Proprietary',
      'Meridian Imaging',
    ],
  ],
};

/** The device SBOMs, by model. */
const DEVICE_BOMS: readonly DeviceBom[] = [PUMP, MONITOR, CT];

function component(overrides: Partial<SbomComponent> & { name: string }): SbomComponent {
  return {
    ref: null,
    parent: null,
    type: 'library',
    version: null,
    group: null,
    supplier: null,
    manufacturer: null,
    publisher: null,
    author: null,
    purl: null,
    cpes: [],
    hashes: {},
    licenses: [],
    properties: [],
    endOfSupport: null,
    endOfLife: null,
    levelOfSupport: null,
    model: null,
    serialNumber: null,
    releaseDate: null,
    annotations: [],
    ...overrides,
  };
}

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A UUID URN fixed by the text, so every run writes the same serial number. */
function urnFor(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function content(bom: DeviceBom): SbomContent {
  const deviceRef = `device:${slug(bom.model)}`;
  const firmwareRef = `firmware:${slug(bom.model)}@${bom.firmware}`;
  const primary = component({
    ref: deviceRef,
    type: 'device',
    name: bom.model,
    version: bom.firmware,
    supplier: bom.vendor,
    manufacturer: bom.vendor,
    model: bom.model,
    endOfSupport: bom.endOfSupport,
    levelOfSupport: bom.levelOfSupport,
  });
  const firmware = component({
    ref: firmwareRef,
    type: 'firmware',
    name: `${bom.model} firmware`,
    version: bom.firmware,
    supplier: bom.vendor,
    licenses: [`LicenseRef-${slug(bom.vendor)}-proprietary`],
  });
  const parts = bom.parts.map(([type, name, version, purl, cpeText, license, supplier]) =>
    component({
      ref: purl ?? `${slug(name)}@${version}`,
      type,
      name,
      version,
      purl,
      cpes: cpeText === null ? [] : [cpeText],
      licenses: license === null ? [] : [license],
      supplier,
    }),
  );
  const edge = (from: string, to: string): SbomEdge => ({
    from,
    to,
    kind: 'depends-on',
    relationship: 'dependsOn',
  });
  return {
    document: {
      specVersion: '1.6',
      documentId: urnFor(`${bom.vendor} ${bom.model} ${bom.firmware}`),
      name: null,
      bomVersion: 1,
      createdAt: DEMO_TIMES.sbomCreated,
      tools: [{ vendor: bom.vendor, name: bom.tool, version: '2.1.0' }],
      authors: [`${bom.vendor} Product Security`],
      supplier: bom.vendor,
      manufacturer: bom.vendor,
      primary,
      describes: [deviceRef],
      properties: [],
      annotations: [],
    },
    components: [firmware, ...parts],
    edges: [edge(deviceRef, firmwareRef), ...parts.map((p) => edge(firmwareRef, p.ref ?? ''))],
  };
}

/** `demo/sbom/<model>.cdx.json`, by path under `demo/`. */
export function deviceSbomFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { vendor, model, path } of DEMO_SBOM_MODELS) {
    const bom = DEVICE_BOMS.find((b) => b.vendor === vendor && b.model === model);
    if (bom === undefined) throw new Error(`No SBOM defined for ${vendor} ${model}.`);
    files.set(path, formatCycloneDxJson(content(bom), { specVersion: '1.6' }));
  }
  return files;
}
