/**
 * The demo hospital's network scans: last night's Nmap runs of the main campus and the north
 * clinic, which leave out the fragile devices (infusion pumps and patient monitors: a scan can
 * hang or reset them, so hospitals exclude their networks), and a Greenbone (OpenVAS) run over
 * the EHR server zone with the weaknesses it found.
 */
import type { AssetCategory } from '../../src/domain/inventory.js';
import { formatNmapXml, type NmapHost } from '../../src/formats/nmap/index.js';
import {
  formatOpenvasXml,
  type OpenvasFinding,
  type OpenvasHost,
} from '../../src/formats/openvas/index.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { osMatchesOf, portsOf } from './host-profiles.js';
import { greenboneOs, serverFindings } from './server-findings.js';
import { DEMO_TIMES, later } from './times.js';

/** Never scanned actively: they live on the clinical devices networks, which scans skip. */
const FRAGILE: ReadonlySet<AssetCategory> = new Set(['infusion-pump', 'patient-monitor']);

/** Seconds Nmap spends on each live host. */
const SECONDS_PER_HOST = 17;

const ipOrder = (a: DemoAsset, b: DemoAsset): number => ipNumber(a.ip) - ipNumber(b.ip);

function ipNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** The DNS name each device answers to, as the scan's reverse lookup finds it. */
function fqdnOf(asset: DemoAsset): string {
  return `${asset.name.toLowerCase()}.larkspur.example`;
}

function nmapHost(asset: DemoAsset, start: string): NmapHost {
  return {
    status: 'up',
    statusReason: 'arp-response',
    addresses: [
      { kind: 'ipv4', value: asset.ip, vendor: null },
      { kind: 'mac', value: asset.mac.toUpperCase(), vendor: null },
    ],
    hostnames: [{ name: fqdnOf(asset), kind: 'PTR' }],
    ports: portsOf(asset),
    osMatches: osMatchesOf(asset),
    osClasses: [],
    scripts: [],
    startTime: start,
    endTime: later(start, SECONDS_PER_HOST),
  };
}

/** The number of addresses in the CIDRs, for Nmap's "hosts total". */
function addressCount(cidrs: readonly string[]): number {
  return cidrs.reduce((n, cidr) => n + 2 ** (32 - Number(cidr.split('/')[1])), 0);
}

function nmapRun(site: string, cidrs: readonly string[], start: string): string {
  const assets = DEMO_ASSETS.filter((a) => a.site === site && !FRAGILE.has(a.category)).sort(
    ipOrder,
  );
  const hosts = assets.map((asset, i) => nmapHost(asset, later(start, 5 + i * SECONDS_PER_HOST)));
  const total = addressCount(cidrs);
  const finished = later(start, 60 + assets.length * SECONDS_PER_HOST);
  const elapsed = (Date.parse(finished) - Date.parse(start)) / 1000;
  return formatNmapXml(
    {
      scanner: 'nmap',
      args: `nmap -sS -sV -O -T3 -oX scan.xml ${cidrs.join(' ')}`,
      version: '7.94',
      xmlOutputVersion: '1.05',
      startTime: start,
      finishedTime: finished,
      summary: `Nmap done at ${finished}; ${total} IP addresses (${hosts.length} hosts up) scanned in ${elapsed.toFixed(2)} seconds`,
      exit: 'success',
      hostsUp: hosts.length,
      hostsDown: total - hosts.length,
      hostsTotal: total,
    },
    hosts,
  );
}

/**
 * `demo/scans/nmap-main-campus.xml`: every main-campus network but the clinical devices VLAN
 * (10.20.0.0/22: pumps, monitors), which the hospital never scans.
 */
export function mainCampusNmapXml(): string {
  return nmapRun(
    'LVMC',
    [
      '10.0.0.0/24',
      '10.21.0.0/24',
      '10.30.0.0/24',
      '10.40.0.0/24',
      '10.50.0.0/21',
      '172.16.0.0/20',
      '192.0.2.0/27',
    ],
    DEMO_TIMES.mainCampusScan,
  );
}

/** `demo/scans/nmap-north-clinic.xml`: the clinic's workstations; its vitals monitors are skipped. */
export function northClinicNmapXml(): string {
  return nmapRun('LVNC', ['10.150.0.0/24'], DEMO_TIMES.northClinicScan);
}

/** The Greenbone view of one server: details, services, CPEs and findings. */
function openvasHost(asset: DemoAsset, start: string): OpenvasHost {
  const ports = portsOf(asset);
  const os = greenboneOs(asset);
  const applications = ports.flatMap((p) =>
    (p.service?.cpes ?? [])
      .filter((cpe) => cpe.startsWith('cpe:/a:'))
      .map((cpe) => ({ cpe, locations: [`${String(p.port)}/tcp`] })),
  );
  const findings: OpenvasFinding[] = serverFindings(asset);
  return {
    ip: asset.ip,
    hostnames: [fqdnOf(asset)],
    mac: asset.mac,
    osName: os?.name ?? null,
    osCpe: os?.cpe ?? null,
    startTime: start,
    endTime: later(start, 540),
    services: ports.map((p) => ({
      transport: 'tcp' as const,
      port: p.port,
      name: greenboneServiceName(p.service?.name ?? null),
    })),
    applications,
    findings,
  };
}

/** Greenbone's own service words where they differ from Nmap's. */
function greenboneServiceName(name: string | null): string | null {
  if (name === 'https') return 'www';
  if (name === 'microsoft-ds' || name === 'netbios-ssn') return 'cifs';
  return name;
}

/** `demo/scans/openvas-servers.xml`: the EHR server zone, with findings carrying CVE ids. */
export function serverOpenvasXml(): string {
  const servers = DEMO_ASSETS.filter((a) => a.zone === 'EHR servers').sort(ipOrder);
  const start = DEMO_TIMES.serverScan;
  const hosts = servers.map((asset, i) => openvasHost(asset, later(start, 30 + i * 600)));
  return formatOpenvasXml(
    {
      reportId: '6b1f3a52-8c0e-4d7a-9f43-2a51c7e0b9d4',
      gmpVersion: '22.4',
      taskName: 'LVMC EHR servers - weekly full and fast',
      scanRunStatus: 'Done',
      startTime: start,
      endTime: later(start, 30 + servers.length * 600),
    },
    hosts,
  );
}
