/**
 * The files the demo hospital is loaded from, in the order it imports them: what a clinical
 * engineering and security team would hand Wardline on its first day. Each is written in its real
 * format by `scripts/make-demo-files.ts` from `demo-hospital.ts` and shipped in the package's
 * `demo/` folder.
 */
import { join } from 'node:path';
import { packageRoot } from '../../config/paths.js';
import type { ImportKind } from '../../domain/import.js';

/** One demo file and how it is imported. */
export interface DemoFile {
  readonly kind: ImportKind;
  /** Path under the `demo/` folder, `/`-separated. */
  readonly path: string;
  /** Inventory exports: the column mapping file, under `demo/`. */
  readonly mapping?: string;
  /** SBOMs: the device model they describe, so every asset of that model has them. */
  readonly vendor?: string;
  readonly model?: string;
}

/** The CMMS export of clinical devices and the mapping of its columns. */
export const DEMO_CMMS_EXPORT: DemoFile = {
  kind: 'inventory',
  path: 'inventory/cmms-export.csv',
  mapping: 'inventory/cmms-mapping.yaml',
};

/** The IT CMDB export (ServiceNow Table API JSON) of servers and network equipment. */
export const DEMO_CMDB_EXPORT: DemoFile = {
  kind: 'inventory',
  path: 'inventory/cmdb-servers.json',
  mapping: 'inventory/cmdb-mapping.yaml',
};

/** The device models a maker's SBOM is supplied for: vendor, model, file. */
export const DEMO_SBOM_MODELS = [
  {
    vendor: 'Tidewell Medical',
    model: 'FlowSure 300',
    path: 'sbom/tidewell-flowsure-300.cdx.json',
  },
  {
    vendor: 'Vantage Monitoring',
    model: 'VitalView 12',
    path: 'sbom/vantage-vitalview-12.cdx.json',
  },
  {
    vendor: 'Meridian Imaging',
    model: 'Helix CT 64',
    path: 'sbom/meridian-helix-ct-64.cdx.json',
  },
] as const;

/** Captures of passive traffic: DICOM on the imaging VLAN, HL7 to the lab, pumps' DHCP. */
export const DEMO_CAPTURES = {
  imaging: 'captures/imaging-vlan.pcap',
  hl7: 'captures/lab-hl7.pcap',
  dhcp: 'captures/clinical-dhcp.pcap',
} as const;

/** Every demo file, in import order: records people keep, then scans, SBOMs, traffic. */
export const DEMO_FILES: readonly DemoFile[] = [
  DEMO_CMMS_EXPORT,
  DEMO_CMDB_EXPORT,
  { kind: 'nmap', path: 'scans/nmap-main-campus.xml' },
  { kind: 'nmap', path: 'scans/nmap-north-clinic.xml' },
  { kind: 'openvas', path: 'scans/openvas-servers.xml' },
  ...DEMO_SBOM_MODELS.map(({ vendor, model, path }) => ({
    kind: 'sbom' as const,
    path,
    vendor,
    model,
  })),
  { kind: 'capture', path: DEMO_CAPTURES.imaging },
  { kind: 'capture', path: DEMO_CAPTURES.hl7 },
  { kind: 'capture', path: DEMO_CAPTURES.dhcp },
];

/** The `demo/` folder of the installed package (or of the checkout, when run from source). */
export function demoFolder(): string {
  return join(packageRoot(), 'demo');
}

/** The feed bundle folder (KEV, EPSS, NVD, OSV, CSAF), imported after every other demo file. */
export const DEMO_FEED_BUNDLE = 'feeds';
