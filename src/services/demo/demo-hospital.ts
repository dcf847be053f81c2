/**
 * Larkspur Valley Medical Center: the fictional hospital `wardline serve --demo` loads. A 180-bed
 * community hospital with a main campus and an outpatient clinic, segmented the way HICP practice
 * 5 (network management) recommends. These definitions are the truth the demo files in `demo/`
 * are generated from (`scripts/make-demo-files.ts`); the demo loads those files through the
 * ordinary imports, never these rows directly.
 */
import type { AssetCategory, PatientSafetyImpact, ZoneKind } from '../../domain/inventory.js';

/** A site of the demo hospital and its network zones. */
export interface DemoSite {
  readonly code: string;
  readonly name: string;
  readonly address: string;
  readonly zones: readonly DemoZone[];
}

/** A network zone: what lives there, its address ranges and VLAN. */
export interface DemoZone {
  readonly name: string;
  readonly kind: ZoneKind;
  readonly cidrs: readonly string[];
  readonly vlan: number | null;
  readonly description: string;
}

/** One device of the demo hospital: the truth its demo files are written from. */
export interface DemoAsset {
  readonly site: string;
  readonly zone: string;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor: string;
  readonly model: string;
  readonly os: string | null;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly ip: string;
  readonly mac: string;
  readonly serial?: string;
  readonly aeTitle?: string;
}

/**
 * The demo's MAC address blocks, one per maker: universally administered (so the inventory
 * merges sources on them, as on real devices) in blocks the IEEE registry had not assigned when
 * the demo was written (checked against the `oui-data` table by the demo tests), so no real
 * maker's name is attached to a fictional device.
 */
const DEMO_MAC_BLOCKS: Readonly<Record<string, string>> = {
  'Meridian Imaging': '00:57:4c',
  'Corvid Medical': '00:57:4d',
  'Archiva Health': '00:57:50',
  'Tidewell Medical': '00:57:51',
  'Vantage Monitoring': '00:57:52',
  'Quanta Diagnostics': '00:57:53',
};
/** The block of every other maker's network cards (servers, workstations, network gear). */
const OTHER_MAC_BLOCK = '00:57:54';

/** The organization name the demo sets. */
export const DEMO_ORGANIZATION = 'Larkspur Valley Medical Center';

const zone = (
  name: string,
  kind: ZoneKind,
  cidr: string,
  vlan: number | null,
  description: string,
): DemoZone => ({ name, kind, cidrs: [cidr], vlan, description });

/** The main campus and the north clinic, with their zones. */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    code: 'LVMC',
    name: 'Larkspur Valley Medical Center — Main Campus',
    address: '1200 Orchard Road, Larkspur Valley',
    zones: [
      zone(
        'Clinical devices',
        'clinical-device',
        '10.20.0.0/22',
        200,
        'Infusion pumps, patient monitors, central stations.',
      ),
      zone(
        'Imaging',
        'imaging',
        '10.30.0.0/24',
        300,
        'CT, MR, X-ray and ultrasound modalities, PACS and VNA.',
      ),
      zone(
        'EHR servers',
        'ehr',
        '10.40.0.0/24',
        400,
        'EHR application and database servers, HL7 interface engine.',
      ),
      zone(
        'Laboratory',
        'clinical-device',
        '10.21.0.0/24',
        210,
        'Lab analyzers and the laboratory information system.',
      ),
      zone(
        'Workstations',
        'workstation',
        '10.50.0.0/21',
        500,
        'Clinical and administrative workstations.',
      ),
      zone(
        'Guest Wi-Fi',
        'guest',
        '172.16.0.0/20',
        900,
        'Patient and visitor wireless; internet only.',
      ),
      zone('DMZ', 'dmz', '192.0.2.0/27', 100, 'Patient portal, VPN concentrator, mail relay.'),
      zone(
        'Network infrastructure',
        'network',
        '10.0.0.0/24',
        10,
        'Core switches, firewalls, wireless controllers.',
      ),
    ],
  },
  {
    code: 'LVNC',
    name: 'Larkspur Valley North Clinic',
    address: '48 Birch Lane, Larkspur Valley',
    zones: [
      zone(
        'Clinic devices',
        'clinical-device',
        '10.120.0.0/24',
        1200,
        'Clinic vitals monitors and point-of-care devices.',
      ),
      zone(
        'Clinic workstations',
        'workstation',
        '10.150.0.0/24',
        1500,
        'Front desk and exam-room workstations.',
      ),
    ],
  },
];

const macCounters = new Map<string, number>();
/** The next address of the maker's block. */
function mac(vendor: string): string {
  const block = DEMO_MAC_BLOCKS[vendor] ?? OTHER_MAC_BLOCK;
  const next = (macCounters.get(block) ?? 0) + 1;
  macCounters.set(block, next);
  const hex = next.toString(16).padStart(6, '0');
  return `${block}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

type AssetTemplate = Omit<DemoAsset, 'mac' | 'name' | 'ip' | 'serial'> & {
  readonly prefix: string;
  /** Serial numbers `<serialPrefix><number>`, one per device, when the maker prints them. */
  readonly serialPrefix?: string;
};

function series(
  template: AssetTemplate,
  count: number,
  network: string,
  firstHost: number,
): DemoAsset[] {
  const { prefix, serialPrefix, ...rest } = template;
  return Array.from({ length: count }, (_, i) => ({
    ...rest,
    name: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    ip: `${network}.${firstHost + i}`,
    mac: mac(rest.vendor),
    ...(serialPrefix === undefined ? {} : { serial: `${serialPrefix}${String(20417 + i * 13)}` }),
  }));
}

const one = (asset: Omit<DemoAsset, 'mac'>): DemoAsset => ({ ...asset, mac: mac(asset.vendor) });

/** Every device of the demo hospital, in the order the demo files list them. */
export const DEMO_ASSETS: readonly DemoAsset[] = [
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'CT-ED-01',
    category: 'imaging-modality',
    vendor: 'Meridian Imaging',
    model: 'Helix CT 64',
    os: 'Windows 10 IoT Enterprise LTSC',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.30.0.11',
    aeTitle: 'CT_ED_01',
    serial: 'MHX64-10021',
  }),
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'MR-01',
    category: 'imaging-modality',
    vendor: 'Meridian Imaging',
    model: 'Aurora 1.5T',
    os: 'Windows 7 Embedded',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.30.0.12',
    aeTitle: 'MR_01',
    serial: 'MAU15-00388',
  }),
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'DX-RAD-02',
    category: 'imaging-modality',
    vendor: 'Corvid Medical',
    model: 'RadPro DR',
    os: 'Windows 10',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.30.0.13',
    aeTitle: 'DX_RAD_02',
    serial: 'CRP-7731',
  }),
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'US-OB-01',
    category: 'imaging-modality',
    vendor: 'Corvid Medical',
    model: 'SonoView 9',
    os: 'Linux 4.14',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.30.0.14',
    aeTitle: 'US_OB_01',
    serial: 'CSV9-40215',
  }),
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'PACS-01',
    category: 'pacs',
    vendor: 'Archiva Health',
    model: 'Archiva PACS 7',
    os: 'Windows Server 2016',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.30.0.20',
    aeTitle: 'LVMC_PACS',
  }),
  one({
    site: 'LVMC',
    zone: 'Imaging',
    name: 'VNA-01',
    category: 'pacs',
    vendor: 'Archiva Health',
    model: 'Archiva VNA',
    os: 'Red Hat Enterprise Linux 8',
    patientSafety: 'low',
    holdsEphi: true,
    ip: '10.30.0.21',
    aeTitle: 'LVMC_VNA',
  }),
  one({
    site: 'LVMC',
    zone: 'EHR servers',
    name: 'EHR-APP-01',
    category: 'ehr-server',
    vendor: 'Cedar Clinical Systems',
    model: 'CedarEHR App Server',
    os: 'Windows Server 2019',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.40.0.10',
  }),
  one({
    site: 'LVMC',
    zone: 'EHR servers',
    name: 'EHR-APP-02',
    category: 'ehr-server',
    vendor: 'Cedar Clinical Systems',
    model: 'CedarEHR App Server',
    os: 'Windows Server 2019',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.40.0.11',
  }),
  one({
    site: 'LVMC',
    zone: 'EHR servers',
    name: 'EHR-DB-01',
    category: 'ehr-server',
    vendor: 'Cedar Clinical Systems',
    model: 'CedarEHR Database',
    os: 'Red Hat Enterprise Linux 9',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.40.0.20',
  }),
  one({
    site: 'LVMC',
    zone: 'EHR servers',
    name: 'HL7-ENGINE-01',
    category: 'hl7-interface-engine',
    vendor: 'Relay Integration',
    model: 'Relay Interface Engine 4',
    os: 'Ubuntu 22.04',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.40.0.30',
  }),
  one({
    site: 'LVMC',
    zone: 'EHR servers',
    name: 'BACKUP-01',
    category: 'server',
    vendor: 'Generic',
    model: 'Backup appliance',
    os: 'Linux',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.40.0.40',
  }),
  ...series(
    {
      site: 'LVMC',
      zone: 'Clinical devices',
      prefix: 'PUMP-ICU',
      serialPrefix: 'TW3-',
      category: 'infusion-pump',
      vendor: 'Tidewell Medical',
      model: 'FlowSure 300',
      os: 'VxWorks 6.9',
      patientSafety: 'high',
      holdsEphi: false,
    },
    12,
    '10.20.1',
    10,
  ),
  ...series(
    {
      site: 'LVMC',
      zone: 'Clinical devices',
      prefix: 'MON-ICU',
      serialPrefix: 'VV12-',
      category: 'patient-monitor',
      vendor: 'Vantage Monitoring',
      model: 'VitalView 12',
      os: 'Embedded Linux',
      patientSafety: 'high',
      holdsEphi: true,
    },
    8,
    '10.20.2',
    10,
  ),
  one({
    site: 'LVMC',
    zone: 'Clinical devices',
    name: 'CENTRAL-ICU',
    category: 'patient-monitor',
    vendor: 'Vantage Monitoring',
    model: 'VitalView Central Station',
    serial: 'VVC-00912',
    os: 'Windows 10 IoT Enterprise',
    patientSafety: 'high',
    holdsEphi: true,
    ip: '10.20.2.5',
  }),
  one({
    site: 'LVMC',
    zone: 'Laboratory',
    name: 'LAB-CHEM-01',
    category: 'lab-analyzer',
    vendor: 'Quanta Diagnostics',
    model: 'ChemQ 800',
    serial: 'QC8-551207',
    os: 'Windows 7 Embedded',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.21.0.10',
  }),
  one({
    site: 'LVMC',
    zone: 'Laboratory',
    name: 'LAB-HEME-01',
    category: 'lab-analyzer',
    vendor: 'Quanta Diagnostics',
    model: 'HemaQ 5',
    serial: 'QH5-330481',
    os: 'Windows 10 IoT Enterprise',
    patientSafety: 'medium',
    holdsEphi: true,
    ip: '10.21.0.11',
  }),
  ...series(
    {
      site: 'LVMC',
      zone: 'Workstations',
      prefix: 'WS-NURSE',
      category: 'workstation',
      vendor: 'Generic',
      model: 'Desktop',
      os: 'Windows 11 Enterprise',
      patientSafety: 'low',
      holdsEphi: true,
    },
    10,
    '10.50.1',
    20,
  ),
  ...series(
    {
      site: 'LVMC',
      zone: 'Workstations',
      prefix: 'WS-ADMIN',
      category: 'workstation',
      vendor: 'Generic',
      model: 'Laptop',
      os: 'Windows 11 Enterprise',
      patientSafety: 'none',
      holdsEphi: true,
    },
    5,
    '10.50.2',
    20,
  ),
  one({
    site: 'LVMC',
    zone: 'DMZ',
    name: 'PORTAL-01',
    category: 'server',
    vendor: 'Cedar Clinical Systems',
    model: 'CedarEHR Patient Portal',
    os: 'Ubuntu 22.04',
    patientSafety: 'low',
    holdsEphi: true,
    ip: '192.0.2.10',
  }),
  one({
    site: 'LVMC',
    zone: 'DMZ',
    name: 'VPN-01',
    category: 'network-gear',
    vendor: 'Generic',
    model: 'SSL VPN appliance',
    os: null,
    patientSafety: 'low',
    holdsEphi: false,
    ip: '192.0.2.5',
  }),
  one({
    site: 'LVMC',
    zone: 'Network infrastructure',
    name: 'CORE-SW-01',
    category: 'network-gear',
    vendor: 'Generic',
    model: 'Core switch',
    os: null,
    patientSafety: 'medium',
    holdsEphi: false,
    ip: '10.0.0.2',
  }),
  one({
    site: 'LVMC',
    zone: 'Network infrastructure',
    name: 'FW-EDGE-01',
    category: 'network-gear',
    vendor: 'Generic',
    model: 'Next-generation firewall',
    os: null,
    patientSafety: 'medium',
    holdsEphi: false,
    ip: '10.0.0.1',
  }),
  one({
    site: 'LVMC',
    zone: 'Guest Wi-Fi',
    name: 'TV-LOBBY-01',
    category: 'iot',
    vendor: 'Generic',
    model: 'Smart TV',
    os: null,
    patientSafety: 'none',
    holdsEphi: false,
    ip: '172.16.0.40',
  }),
  ...series(
    {
      site: 'LVNC',
      zone: 'Clinic devices',
      prefix: 'VITALS-NC',
      serialPrefix: 'VVS-',
      category: 'patient-monitor',
      vendor: 'Vantage Monitoring',
      model: 'VitalView Spot',
      os: 'Embedded Linux',
      patientSafety: 'medium',
      holdsEphi: true,
    },
    4,
    '10.120.0',
    10,
  ),
  ...series(
    {
      site: 'LVNC',
      zone: 'Clinic workstations',
      prefix: 'WS-NC',
      category: 'workstation',
      vendor: 'Generic',
      model: 'Desktop',
      os: 'Windows 11 Enterprise',
      patientSafety: 'none',
      holdsEphi: true,
    },
    6,
    '10.150.0',
    20,
  ),
];
