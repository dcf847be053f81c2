/**
 * What a network scan finds on each kind of demo device: its open services as Nmap's `-sV`
 * names them (product, version, CPE) and the operating system `-O` guesses. Chosen to look like
 * the real thing: Windows file sharing and RDP, DICOM on 104, an old OpenSSH, IIS on the EHR.
 */
import type { NmapOsMatch, NmapPort, NmapService } from '../../src/formats/nmap/index.js';
import type { DemoAsset } from '../../src/services/demo/demo-hospital.js';

/** One open service: port, Nmap's name, then product, version, extra info, CPE, TLS. */
type ServiceSpec = readonly [
  port: number,
  name: string,
  product?: string | null,
  version?: string | null,
  extraInfo?: string | null,
  cpe?: string | null,
  tls?: boolean,
];

function port([number, name, product, version, extraInfo, cpe, tls]: ServiceSpec): NmapPort {
  const service: NmapService = {
    name,
    product: product ?? null,
    version: version ?? null,
    extraInfo: extraInfo ?? null,
    osType: null,
    tunnel: tls === true ? 'ssl' : null,
    cpes: cpe === undefined || cpe === null ? [] : [cpe],
  };
  return {
    protocol: 'tcp',
    port: number,
    state: 'open',
    reason: 'syn-ack',
    service,
    scripts: [],
  };
}

const WINDOWS_RPC: ServiceSpec = [
  135,
  'msrpc',
  'Microsoft Windows RPC',
  null,
  null,
  'cpe:/o:microsoft:windows',
];
const NETBIOS: ServiceSpec = [
  139,
  'netbios-ssn',
  'Microsoft Windows netbios-ssn',
  null,
  null,
  'cpe:/o:microsoft:windows',
];
const SMB: ServiceSpec = [445, 'microsoft-ds'];
const RDP: ServiceSpec = [3389, 'ms-wbt-server', 'Microsoft Terminal Services', null, null, null];
const DICOM: ServiceSpec = [104, 'dicom'];
const IIS: ServiceSpec = [
  443,
  'https',
  'Microsoft IIS httpd',
  '10.0',
  null,
  'cpe:/a:microsoft:internet_information_services:10.0',
  true,
];
const WINDOWS = [WINDOWS_RPC, NETBIOS, SMB];

const openssh = (version: string, extra = 'protocol 2.0'): ServiceSpec => [
  22,
  'ssh',
  'OpenSSH',
  version,
  extra,
  `cpe:/a:openbsd:openssh:${version}`,
];

/** The services of each device, by name. */
const SERVICES: readonly [RegExp, readonly ServiceSpec[]][] = [
  [/^EHR-APP/, [...WINDOWS, IIS, RDP]],
  [
    /^EHR-DB/,
    [
      openssh('8.7'),
      [
        1521,
        'oracle-tns',
        'Oracle TNS listener',
        '19.0.0.0.0',
        'unauthorized',
        'cpe:/a:oracle:database_server:19.0.0.0.0',
      ],
    ],
  ],
  [
    /^HL7-ENGINE/,
    [
      openssh('8.9p1', 'Ubuntu Linux; protocol 2.0'),
      [2575, 'hl7'],
      [8443, 'https', 'Jetty', '9.4.53.v20231009', null, 'cpe:/a:eclipse:jetty:9.4.53', true],
    ],
  ],
  [
    /^BACKUP/,
    [
      openssh('7.4'),
      [443, 'https', 'nginx', '1.20.1', null, 'cpe:/a:igor_sysoev:nginx:1.20.1', true],
    ],
  ],
  [/^PACS/, [DICOM, ...WINDOWS, IIS, RDP]],
  [
    /^VNA/,
    [
      openssh('8.0'),
      DICOM,
      [
        443,
        'https',
        'Apache httpd',
        '2.4.37',
        '(Red Hat Enterprise Linux)',
        'cpe:/a:apache:http_server:2.4.37',
        true,
      ],
    ],
  ],
  [/^CT-/, [DICOM, ...WINDOWS, [5900, 'vnc', 'VNC', null, 'protocol 3.8', null]]],
  [/^MR-/, [DICOM, ...WINDOWS, RDP]],
  [/^DX-/, [DICOM, WINDOWS_RPC, SMB]],
  [/^US-/, [[80, 'http', 'lighttpd', '1.4.45', null, 'cpe:/a:lighttpd:lighttpd:1.4.45'], DICOM]],
  [/^LAB-CHEM/, [...WINDOWS, RDP]],
  [/^LAB-HEME/, [WINDOWS_RPC, SMB]],
  [/^WS-/, WINDOWS],
  [
    /^PORTAL/,
    [
      openssh('8.9p1', 'Ubuntu Linux; protocol 2.0'),
      [443, 'https', 'nginx', '1.18.0', '(Ubuntu)', 'cpe:/a:igor_sysoev:nginx:1.18.0', true],
    ],
  ],
  [/^VPN/, [[443, 'https', null, null, null, null, true]]],
  [
    /^(CORE-SW|FW-)/,
    [
      [22, 'ssh'],
      [443, 'https', null, null, null, null, true],
    ],
  ],
  [
    /^TV-/,
    [
      [8008, 'http'],
      [8009, 'ajp13'],
    ],
  ],
];

/** The open ports Nmap reports for the device. */
export function portsOf(asset: DemoAsset): NmapPort[] {
  const found = SERVICES.find(([pattern]) => pattern.test(asset.name));
  if (found === undefined) throw new Error(`No scan profile for ${asset.name}.`);
  return found[1].map(port);
}

/** Nmap's OS guess for each operating system the demo names: match name, CPE, accuracy. */
const OS_GUESSES: readonly [RegExp, string, string, string, number][] = [
  [
    /^Windows Server 2019/,
    'Microsoft Windows Server 2019',
    'cpe:/o:microsoft:windows_server_2019',
    '2019',
    96,
  ],
  [
    /^Windows Server 2016/,
    'Microsoft Windows Server 2016',
    'cpe:/o:microsoft:windows_server_2016',
    '2016',
    95,
  ],
  [/^Windows 11/, 'Microsoft Windows 11 21H2', 'cpe:/o:microsoft:windows_11', '11', 93],
  [/^Windows 10/, 'Microsoft Windows 10 1809 - 21H2', 'cpe:/o:microsoft:windows_10', '10', 94],
  [
    /^Windows 7/,
    'Microsoft Windows Embedded Standard 7',
    'cpe:/o:microsoft:windows_embedded_standard_7',
    '7',
    95,
  ],
  [/Linux|Ubuntu/, 'Linux 4.15 - 5.19', 'cpe:/o:linux:linux_kernel:5', '5.X', 95],
];

/** The OS matches Nmap writes for the device; none for appliances it cannot place. */
export function osMatchesOf(asset: DemoAsset): NmapOsMatch[] {
  const os = asset.os;
  const found = os === null ? undefined : OS_GUESSES.find(([pattern]) => pattern.test(os));
  if (found === undefined) return [];
  const [, name, cpe, generation, accuracy] = found;
  const windows = cpe.includes(':microsoft:');
  return [
    {
      name,
      accuracy,
      classes: [
        {
          vendor: windows ? 'Microsoft' : 'Linux',
          family: windows ? 'Windows' : 'Linux',
          generation,
          type: 'general purpose',
          accuracy,
          cpes: [cpe],
        },
      ],
    },
  ];
}
