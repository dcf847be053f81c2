/**
 * The demo hospital's day of logs (27 November 2026, UTC) and the attack told in them. The log
 * files in `demo/logs/` are written from these facts by `scripts/demo-logs.ts`; the demo loads
 * them through the detection service, and its tests check that the story raises the alerts listed
 * here, on these assets. Every account and patient is made up; outside addresses are in the
 * documentation ranges (RFC 5737), domains under `.example`.
 */

/** The day the logs cover. */
export const DEMO_LOG_DAY = '2026-11-27';

/** The Windows domain, the mail and sign-in domain, and the DNS suffix of the hospital's hosts. */
export const DEMO_DOMAIN = { netbios: 'LVMC', upn: 'larkspur.example', dns: 'larkspur.example' };

/** One log file of `demo/logs/`, in the order the demo ingests them. */
export interface DemoLogFile {
  readonly path: string;
  /** The event source the file is ingested under. */
  readonly source: string;
  readonly what: string;
}

export const DEMO_LOG_FILES: readonly DemoLogFile[] = [
  {
    path: 'logs/windows-events.jsonl',
    source: 'demo-windows',
    what: 'Sysmon, Security and System events forwarded from the Windows hosts (evtx JSON)',
  },
  { path: 'logs/conn.log', source: 'demo-zeek', what: 'Zeek conn.log from the core tap (TSV)' },
  {
    path: 'logs/ehr-fhir-audit.ndjson',
    source: 'demo-ehr-audit',
    what: 'the EHR’s FHIR AuditEvent trail (NDJSON)',
  },
  {
    path: 'logs/pacs-atna.log',
    source: 'demo-pacs-audit',
    what: 'the PACS’s DICOM audit messages sent over syslog (ATNA)',
  },
  { path: 'logs/okta-system-log.ndjson', source: 'demo-okta', what: 'Okta System Log' },
  { path: 'logs/entra-signins.ndjson', source: 'demo-entra', what: 'Entra ID sign-ins (Graph)' },
  {
    path: 'logs/syslog-servers.log',
    source: 'demo-syslog',
    what: 'Linux servers’ and the mail relay’s syslog (RFC 5424)',
  },
];

/** Placeholder values the demo's security lead would set (AE titles come from the inventory). */
export const DEMO_PLACEHOLDERS: Readonly<Record<string, string[]>> = {
  home_countries: ['US'],
  vpn_apps: ['Larkspur VPN'],
  known_hl7_senders: ['CEDAR_EHR', 'LAB_CHEMQ', 'LAB_HEMAQ'],
  ehr_service_accounts: ['svc_cedar_fhir', 'svc_hie_feed'],
};

/** Who and what the attack involves. */
export const DEMO_STORY = {
  /** The nurse who opens the attachment, and her workstation. */
  victim: { user: 'r.alder', name: 'Robin Alder', host: 'WS-NURSE-03', ip: '10.50.1.22' },
  /** The EHR support administrator whose credentials are taken from the workstation's LSASS. */
  admin: { user: 'adm.quill', name: 'Quill EHR Support' },
  /** The Windows server the attacker moves to, stops backups on and exfiltrates from. */
  server: { host: 'EHR-APP-01', ip: '10.40.0.10' },
  pacs: { host: 'PACS-01', ip: '10.30.0.20', aeTitle: 'LVMC_PACS' },
  /** The unknown system that pushes studies into the PACS. */
  rogueModality: { ip: '10.30.0.87', aeTitle: 'STORESCU' },
  attachment: 'Shift_Roster_December.docm',
  /** The attacker's servers and sign-in addresses. */
  c2: '203.0.113.45',
  exfil: '203.0.113.160',
  oktaAttacker: '198.51.100.77',
  sprayer: '198.51.100.23',
} as const;

/** An alert the story must raise: its rule's title, the asset it resolves to, a technique. */
export interface DemoStoryAlert {
  readonly title: string;
  /** The demo asset's name; null when the alert names no asset of the hospital (sign-ins). */
  readonly asset: string | null;
  readonly technique: string;
}

export const DEMO_STORY_ALERTS: readonly DemoStoryAlert[] = [
  {
    title: 'Okta MFA Push Fatigue',
    asset: null,
    technique: 'T1621',
  },
  {
    title: 'Office Application or Mail Client Starting a Script Host or Shell',
    asset: 'WS-NURSE-03',
    technique: 'T1566.001',
  },
  {
    title: 'LSASS Memory Opened With Credential-Dumping Access Rights',
    asset: 'WS-NURSE-03',
    technique: 'T1003.001',
  },
  {
    title: 'LSASS Dumped With ProcDump or comsvcs.dll MiniDump',
    asset: 'WS-NURSE-03',
    technique: 'T1003.001',
  },
  {
    title: 'Network Logon Followed by Admin Share Access',
    asset: 'EHR-APP-01',
    technique: 'T1021.002',
  },
  { title: 'PsExec-Style Remote Service Installed', asset: 'EHR-APP-01', technique: 'T1569.002' },
  { title: 'PsExec Service Named Pipe Created', asset: 'EHR-APP-01', technique: 'T1569.002' },
  {
    title: 'Shadow Copies Deleted or Shrunk With vssadmin',
    asset: 'EHR-APP-01',
    technique: 'T1490',
  },
  { title: 'Shadow Copies Deleted With WMIC', asset: 'EHR-APP-01', technique: 'T1490' },
  {
    title: 'Backup or Database Service Stopped From the Command Line',
    asset: 'EHR-APP-01',
    technique: 'T1489',
  },
  {
    title: "One User Opening Many Patients' Records",
    asset: 'WS-NURSE-03',
    technique: 'T1213',
  },
  {
    title: 'Large Outbound Transfer From the EHR Zone to the Internet',
    asset: 'EHR-APP-01',
    technique: 'T1048',
  },
  {
    title: 'DICOM Transfer From an Unknown AE Title in the PACS Audit Trail',
    asset: 'PACS-01',
    technique: 'T1005',
  },
  { title: 'Entra ID Password Spray From One Address', asset: null, technique: 'T1110.003' },
];
