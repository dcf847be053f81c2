/**
 * What Greenbone reports on the demo's EHR servers: the operating system it settles on and the
 * weaknesses it found, each with the CVEs the test names. The weaknesses are real ones of the
 * software versions the demo servers run (OpenSSH's regreSSHion and Terrapin, the HTTP.sys flaw
 * of January 2022, TLS 1.0/1.1 still offered); the hosts and result ids are the demo's own.
 */
import { createHash } from 'node:crypto';
import type { OpenvasFinding, OpenvasThreat } from '../../src/formats/openvas/index.js';
import type { DemoAsset } from '../../src/services/demo/demo-hospital.js';

/** A weakness as the NVT describes it, before it is placed on a host and port. */
interface Weakness {
  readonly oid: string;
  readonly name: string;
  readonly family: string;
  readonly severity: number;
  readonly cvssVector: string | null;
  readonly cves: readonly string[];
  /** `443/tcp`, or `general/tcp` for a finding about the whole host. */
  readonly port: string;
  readonly qod: number;
  readonly qodType: string;
  readonly summary: string;
  readonly solution: string;
  readonly solutionType: string;
  readonly description: string;
}

const REGRESSHION: Weakness = {
  oid: '1.3.6.1.4.1.25623.1.0.114653',
  name: 'OpenSSH RCE Vulnerability (regreSSHion, CVE-2024-6387) - Linux',
  family: 'General',
  severity: 8.1,
  cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  cves: ['CVE-2024-6387'],
  port: '22/tcp',
  qod: 80,
  qodType: 'remote_banner',
  summary: 'A signal handler race condition in sshd allows unauthenticated remote code execution.',
  solution: 'Update to version 9.8p1 or later.',
  solutionType: 'VendorFix',
  description:
    'The SSH banner reports an OpenSSH release from 8.5p1 up to 9.7p1.\nFixed version: 9.8p1',
};

const TERRAPIN: Weakness = {
  oid: '1.3.6.1.4.1.25623.1.0.151391',
  name: 'SSH Prefix Truncation Vulnerability (Terrapin Attack, CVE-2023-48795)',
  family: 'General',
  severity: 5.9,
  cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N',
  cves: ['CVE-2023-48795'],
  port: '22/tcp',
  qod: 70,
  qodType: 'remote_active',
  summary: 'The SSH transport protocol with ChaCha20-Poly1305 or CBC-EtM allows prefix truncation.',
  solution: 'Disable the affected ciphers or update to a release with strict key exchange.',
  solutionType: 'Mitigation',
  description: 'The remote SSH server supports chacha20-poly1305@openssh.com without strict kex.',
};

const HTTP_SYS: Weakness = {
  oid: '1.3.6.1.4.1.25623.1.0.818936',
  name: 'Microsoft Windows Multiple Vulnerabilities (KB5009557)',
  family: 'Windows : Microsoft Bulletins',
  severity: 9.8,
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  cves: ['CVE-2022-21907', 'CVE-2022-21849', 'CVE-2022-21893'],
  port: 'general/tcp',
  qod: 97,
  qodType: 'registry',
  summary: 'The host is missing the January 2022 cumulative update for Windows Server 2019.',
  solution: 'Install the update KB5009557 or a later cumulative update.',
  solutionType: 'VendorFix',
  description:
    'File checked:     C:\\Windows\\system32\\Http.sys\nFile version:     10.0.17763.2300',
};

const OLD_TLS: Weakness = {
  oid: '1.3.6.1.4.1.25623.1.0.117274',
  name: 'SSL/TLS: Deprecated TLSv1.0 and TLSv1.1 Protocol Detection',
  family: 'SSL and TLS',
  severity: 4.3,
  cvssVector: null,
  cves: ['CVE-2011-3389', 'CVE-2015-0204'],
  port: '443/tcp',
  qod: 98,
  qodType: 'remote_app',
  summary: 'The service accepts the deprecated TLSv1.0 and TLSv1.1 protocols.',
  solution: 'Disable TLSv1.0 and TLSv1.1; offer TLSv1.2 and later only.',
  solutionType: 'Mitigation',
  description: 'In addition to TLSv1.2+ the service is also providing TLSv1.0 and TLSv1.1.',
};

const USER_ENUMERATION: Weakness = {
  oid: '1.3.6.1.4.1.25623.1.0.813863',
  name: 'OpenSSH Username Enumeration Vulnerability (CVE-2018-15473)',
  family: 'General',
  severity: 5.3,
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
  cves: ['CVE-2018-15473'],
  port: '22/tcp',
  qod: 80,
  qodType: 'remote_banner',
  summary: 'OpenSSH through 7.7 answers differently for valid and invalid user names.',
  solution: 'Update to version 7.8 or later.',
  solutionType: 'VendorFix',
  description: 'Installed version: 7.4\nFixed version:     7.8',
};

/** The findings of each server, by name. */
const FINDINGS: readonly [RegExp, readonly Weakness[]][] = [
  [/^EHR-APP/, [HTTP_SYS, OLD_TLS]],
  [/^EHR-DB/, [REGRESSHION, TERRAPIN]],
  [/^HL7-ENGINE/, [REGRESSHION, TERRAPIN, { ...OLD_TLS, port: '8443/tcp' }]],
  [/^BACKUP/, [USER_ENUMERATION, TERRAPIN]],
];

const threatOf = (severity: number): OpenvasThreat =>
  severity >= 9 ? 'Critical' : severity >= 7 ? 'High' : severity >= 4 ? 'Medium' : 'Low';

/** A result id, stable from run to run: a UUID shape made from the host and the test. */
function resultId(ip: string, oid: string, port: string): string {
  const hex = createHash('sha256').update(`${ip}|${oid}|${port}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Greenbone findings for one demo server. */
export function serverFindings(asset: DemoAsset): OpenvasFinding[] {
  const weaknesses = FINDINGS.find(([pattern]) => pattern.test(asset.name))?.[1] ?? [];
  return weaknesses.map((w) => {
    const [number, transport] = w.port.split('/');
    const numeric = /^\d+$/.test(number ?? '') ? Number(number) : null;
    return {
      resultId: resultId(asset.ip, w.oid, w.port),
      oid: w.oid,
      name: w.name,
      family: w.family,
      severity: w.severity,
      cvssBase: w.severity,
      cvssVector: w.cvssVector,
      threat: threatOf(w.severity),
      qod: w.qod,
      qodType: w.qodType,
      cves: w.cves,
      port: numeric,
      transport: transport === 'udp' ? 'udp' : 'tcp',
      portText: w.port,
      description: w.description,
      summary: w.summary,
      solution: w.solution,
      solutionType: w.solutionType,
    };
  });
}

/** Greenbone's OS name and CPE for the server: it reads the exact release from the SSH banner. */
export function greenboneOs(asset: DemoAsset): { name: string; cpe: string } | null {
  const os = asset.os ?? '';
  const table: readonly [RegExp, string, string][] = [
    [
      /^Windows Server 2019/,
      'Microsoft Windows Server 2019',
      'cpe:/o:microsoft:windows_server_2019',
    ],
    [
      /^Red Hat Enterprise Linux 9/,
      'Red Hat Enterprise Linux 9',
      'cpe:/o:redhat:enterprise_linux:9',
    ],
    [/^Ubuntu 22.04/, 'Ubuntu 22.04', 'cpe:/o:canonical:ubuntu_linux:22.04'],
    [/^Linux/, 'Linux Kernel', 'cpe:/o:linux:kernel'],
  ];
  const found = table.find(([pattern]) => pattern.test(os));
  return found === undefined ? null : { name: found[1], cpe: found[2] };
}
