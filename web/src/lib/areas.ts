import type { Access } from '../session/route-guard';

/** An area of Wardline that has no screens yet, and what it will do for the hospital. */
export interface PlannedArea {
  readonly key: PlannedAreaKey;
  readonly title: string;
  readonly purpose: string;
  readonly capabilities: readonly string[];
}

export const PLANNED_AREA_KEYS = [
  'network',
  'controls',
  'incidents',
  'awareness',
  'compliance',
] as const;
export type PlannedAreaKey = (typeof PLANNED_AREA_KEYS)[number];

export const PLANNED_AREAS: Record<PlannedAreaKey, PlannedArea> = {
  network: {
    key: 'network',
    title: 'Network',
    purpose:
      'See which systems talk to which, and which clinical devices can be reached from where they should not be.',
    capabilities: [
      'Map flows between zones from packet captures, with DICOM, HL7, DHCP, TLS and HTTP recognized.',
      'Show where patient data crosses the network unencrypted.',
      'Compute reachability and attack paths from guest and internet zones to clinical devices.',
    ],
  },
  controls: {
    key: 'controls',
    title: 'Controls',
    purpose: 'Know which safeguards are in place, backed by evidence rather than questionnaires.',
    capabilities: [
      'Track controls from the HIPAA Security Rule, HICP, the HPH Cybersecurity Performance Goals and NIST CSF 2.0.',
      'Collect evidence automatically from inventory, vulnerability, detection and awareness data.',
      'Show the gaps that raise risk the most.',
    ],
  },
  incidents: {
    key: 'incidents',
    title: 'Incidents',
    purpose:
      'Run an incident from first alert to closure, with a record that stands up afterwards.',
    capabilities: [
      'Open incidents from alerts, assign a lead and work through playbook tasks.',
      'Keep a timeline and evidence for every incident.',
      'Count down breach-notification deadlines when patient data may be involved.',
    ],
  },
  awareness: {
    key: 'awareness',
    title: 'Awareness',
    purpose: 'Measure how ready staff are for phishing and account attacks.',
    capabilities: [
      'Import staff directories and identity-provider exports to measure MFA coverage.',
      'Run phishing simulation campaigns and record the results.',
      'Track security training completion by department.',
    ],
  },
  compliance: {
    key: 'compliance',
    title: 'Compliance',
    purpose: 'Prove to auditors and leadership what the security program does and how well.',
    capabilities: [
      'Produce the HIPAA risk analysis from assets, findings and control gaps.',
      'Export control status and evidence packages for audits.',
      'Report trends in risk, patching and incidents over time.',
    ],
  },
};

/** One entry of the left navigation; an area with sections lists them as sub-links. */
export interface NavItem {
  readonly label: string;
  readonly path: string;
  readonly access: Access;
  readonly children?: readonly NavItem[];
}

/** Detection: the alert queue and what feeds it. */
export const DETECT_NAV: NavItem = {
  label: 'Detect',
  path: '/alerts',
  access: 'any',
  children: [
    { label: 'Alerts', path: '/alerts', access: 'any' },
    { label: 'Rules', path: '/detection/rules', access: 'any' },
    { label: 'Sources', path: '/detection/sources', access: 'any' },
    { label: 'Hunt', path: '/detection/hunt', access: 'any' },
  ],
};

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Overview', path: '/', access: 'any' },
  { label: 'Assets', path: '/assets', access: 'any' },
  { label: 'Imports', path: '/imports', access: 'any' },
  { label: 'Communication map', path: '/map', access: 'any' },
  { label: 'Zones', path: '/zones', access: 'any' },
  { label: 'Vulnerabilities', path: '/vulnerabilities', access: 'any' },
  DETECT_NAV,
  ...PLANNED_AREA_KEYS.map((key) => ({
    label: PLANNED_AREAS[key].title,
    path: `/${key}`,
    access: 'any' as const,
  })),
  { label: 'Admin', path: '/admin', access: 'admin' },
  { label: 'Audit log', path: '/audit', access: 'audit' },
];

/** Whether a navigation entry is the one for the current path (Overview only on `/`). */
export function isActivePath(itemPath: string, pathname: string): boolean {
  if (itemPath === '/') return pathname === '/';
  return pathname === itemPath || pathname.startsWith(`${itemPath}/`);
}

/** Whether an entry, or one of its sub-links, is the one for the current path. */
export function isActiveItem(item: NavItem, pathname: string): boolean {
  return item.children === undefined
    ? isActivePath(item.path, pathname)
    : item.children.some((child) => isActivePath(child.path, pathname));
}
