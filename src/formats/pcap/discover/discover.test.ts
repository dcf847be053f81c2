/**
 * Discovery over hand-built captures: each protocol's facts land on the right device, with the
 * exact observation and conversation fields; MAC trust, conversation folding, caps, cancellation
 * and failure handling.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../../domain/observation.js';
import { WardlineError } from '../../../domain/errors.js';
import { dicomDissectorFactory } from '../dissectors/dicom/index.js';
import type { StreamDissectorFactory } from '../dissectors/dissector.js';
import { chunked, CaptureBuilder, START_MICROS, type Host } from './test-captures.js';
import {
  associateAc,
  associateRq,
  ascii,
  dhcpMessage,
  DICOM_UID,
  hl7Message,
  httpRequest,
  httpResponse,
  mllp,
  releaseRp,
  releaseRq,
  tlsClientHello,
  tlsServerHello,
} from './test-messages.js';
import {
  discoverCapture,
  DiscoverySession,
  readFileChunks,
  type DiscoveryResult,
} from './index.js';

const SOURCE = 'ward-4.pcap';
const iso = (micros: bigint) => new Date(Number(micros / 1000n)).toISOString();

const pump: Host = { ip: '10.1.10.30', mac: '00:1b:63:00:10:30' };
const dhcpServer: Host = { ip: '10.1.0.2', mac: '00:1b:63:00:00:02' };
const lab: Host = { ip: '10.1.7.10', mac: '00:1b:63:00:07:10' };
const engine: Host = { ip: '10.1.8.5', mac: '00:1b:63:00:08:05' };
const workstation: Host = { ip: '10.1.3.20', mac: '00:1b:63:00:03:20' };
const viewer: Host = { ip: '10.1.9.50', mac: '00:1b:63:00:09:50' };
const pumpServer: Host = { ip: '10.1.9.60', mac: '00:1b:63:00:09:60' };
const ct: Host = { ip: '10.1.4.11', mac: '00:1b:63:00:04:11' };
const pacs: Host = { ip: '10.1.9.5', mac: '00:1b:63:00:09:05' };
const router: Host = { ip: '10.1.0.1', mac: '00:00:0c:9f:f0:78' };
const broadcast: Host = { ip: '255.255.255.255', mac: 'ff:ff:ff:ff:ff:ff' };

async function discover(capture: CaptureBuilder, chunks?: number[]): Promise<DiscoveryResult> {
  return discoverCapture(chunked(capture.pcap(), chunks), { source: SOURCE });
}

function device(result: DiscoveryResult, ip: string): DeviceObservation {
  const found = result.observations.find((o) => o.identifiers.ips.includes(ip));
  if (found === undefined) throw new Error(`no device with ${ip}`);
  return found;
}

const service = (port: number, name: string | null, tls = false, transport = 'tcp') => ({
  transport,
  port,
  name,
  product: null,
  version: null,
  cpes: [],
  tls,
});

function dhcpExchange(capture: CaptureBuilder): void {
  const request = dhcpMessage({
    op: 1,
    type: 3,
    mac: pump.mac,
    xid: 0x1234,
    requestedIp: pump.ip,
    hostname: 'PUMP-0417',
    vendorClass: 'BD-Alaris-PC',
    parameters: [1, 3, 6, 12, 15, 28, 42],
    clientId: true,
  });
  capture.udp({ ip: '0.0.0.0', mac: pump.mac }, broadcast, 68, 67, request);
  const ack = dhcpMessage({ op: 2, type: 5, mac: pump.mac, xid: 0x1234, yiaddr: pump.ip });
  capture.udp(dhcpServer, pump, 67, 68, ack);
}

const oru = hl7Message({
  sendingApplication: 'COBAS_8000',
  sendingFacility: 'CORE_LAB',
  receivingApplication: 'RHAPSODY',
  receivingFacility: 'HOSP',
  messageType: 'ORU^R01',
  controlId: 'MSG00000001',
  version: '2.5.1',
  segments: ['PID|1||123456^^^HOSP^MR||DOE^JANE', 'OBX|1|NM|718-7^Hemoglobin^LN||13.2|g/dL'],
});
const ack = hl7Message({
  sendingApplication: 'RHAPSODY',
  sendingFacility: 'HOSP',
  receivingApplication: 'COBAS_8000',
  receivingFacility: 'CORE_LAB',
  messageType: 'ACK',
  controlId: 'AMSG00000001',
  version: '2.5.1',
  segments: ['MSA|AA|MSG00000001'],
});

const SIEMENS = {
  implementationClassUid: '1.3.12.2.1107.5.1.4',
  implementationVersionName: 'SIEMENS_SOMATOM',
};
const DCM4CHE = {
  implementationClassUid: '1.2.40.0.13.1.3',
  implementationVersionName: 'dcm4che-5.31.0',
};
const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';

function association(capture: CaptureBuilder, clientPort: number): void {
  const syntaxes = [DICOM_UID.explicitLittleEndian, DICOM_UID.implicitLittleEndian];
  const contexts = [DICOM_UID.ctImageStorage, ENHANCED_CT, DICOM_UID.verification].map(
    (abstractSyntax, i) => ({ id: 2 * i + 1, abstractSyntax, transferSyntaxes: syntaxes }),
  );
  capture
    .tcp({ ...ct, port: clientPort }, { ...pacs, port: 104 })
    .open()
    .send(
      true,
      associateRq({
        calling: 'CT_WARD01',
        called: 'PACS_MAIN',
        contexts,
        maxLength: 16_384,
        ...SIEMENS,
      }),
    )
    .send(
      false,
      associateAc({
        calling: 'CT_WARD01',
        called: 'PACS_MAIN',
        results: [
          { id: 1, result: 0, transferSyntax: DICOM_UID.explicitLittleEndian },
          { id: 3, result: 3, transferSyntax: DICOM_UID.implicitLittleEndian },
          { id: 5, result: 0, transferSyntax: DICOM_UID.implicitLittleEndian },
        ],
        maxLength: 32_768,
        ...DCM4CHE,
      }),
    )
    .send(true, releaseRq())
    .send(false, releaseRp())
    .close();
}

describe('discoverCapture: one protocol at a time', () => {
  it('DHCP: the client by its MAC with host name, vendor class, fingerprint and client id', async () => {
    const capture = new CaptureBuilder();
    dhcpExchange(capture);
    const result = await discover(capture);
    const ackTime = iso(START_MICROS + 2_000n);
    expect(device(result, pump.ip)).toEqual({
      source: { kind: 'capture', name: SOURCE, importId: null },
      observedAt: ackTime,
      identifiers: {
        mac: pump.mac,
        ips: [pump.ip],
        hostnames: [{ name: 'PUMP-0417', origin: 'dhcp' }],
        serial: null,
        aeTitles: [],
        assetTag: null,
      },
      vendor: null,
      model: null,
      os: null,
      firmware: null,
      vlan: null,
      services: [],
      software: [],
      scanFindings: [],
      protocols: {
        dhcp: {
          hostname: 'PUMP-0417',
          vendorClass: 'BD-Alaris-PC',
          fingerprint: '1,3,6,12,15,28,42',
          clientId: '01:00:1b:63:00:10:30',
        },
      },
      declared: {
        name: null,
        category: null,
        patientSafety: null,
        holdsEphi: null,
        location: null,
        owner: null,
        zoneName: null,
        siteCode: null,
      },
    });
    expect(device(result, dhcpServer.ip)).toMatchObject({
      identifiers: { mac: dhcpServer.mac, ips: [dhcpServer.ip], hostnames: [] },
      services: [service(67, 'dhcp', false, 'udp')],
      protocols: {},
    });
    // The broadcast REQUEST from 0.0.0.0 is no conversation; the ACK is one, client on port 68.
    expect(result.flows).toEqual([
      {
        client: { ip: pump.ip, mac: pump.mac, port: 68 },
        server: { ip: dhcpServer.ip, mac: dhcpServer.mac, port: 67 },
        transport: 'udp',
        protocol: 'dhcp',
        vlan: null,
        packets: 1,
        bytes: capture.packets[1]?.data.length,
        firstSeen: ackTime,
        lastSeen: ackTime,
        encrypted: false,
        carriesEphi: false,
      },
    ]);
    expect(result.observations).toHaveLength(2);
    expect(result.diagnostics).toEqual([]);
    expect(result.stats.counters).toEqual({ 'dhcp.request': 1, 'dhcp.ack': 1 });
  });

  it('HL7 over MLLP on port 7777: sender and receiver facts, an hl7 service, an ePHI flow', async () => {
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...lab, port: 50_000 }, { ...engine, port: 7777 })
      .open()
      .send(true, mllp(oru))
      .send(false, mllp(ack))
      .close();
    const result = await discover(capture);
    expect(device(result, lab.ip)).toMatchObject({
      identifiers: { mac: lab.mac, ips: [lab.ip] },
      services: [],
      protocols: {
        hl7: {
          applications: ['COBAS_8000'],
          facilities: ['CORE_LAB'],
          messageTypes: ['ORU^R01'],
          versions: ['2.5.1'],
        },
      },
    });
    expect(device(result, engine.ip)).toMatchObject({
      identifiers: { mac: engine.mac, ips: [engine.ip] },
      services: [service(7777, 'hl7')],
      protocols: {
        hl7: {
          applications: ['RHAPSODY'],
          facilities: ['HOSP'],
          messageTypes: ['ACK'],
          versions: ['2.5.1'],
        },
      },
    });
    const bytes = capture.packets.reduce((sum, p) => sum + p.data.length, 0);
    expect(result.flows).toEqual([
      {
        client: { ip: lab.ip, mac: lab.mac, port: 50_000 },
        server: { ip: engine.ip, mac: engine.mac, port: 7777 },
        transport: 'tcp',
        protocol: 'hl7',
        vlan: null,
        packets: capture.packets.length,
        bytes,
        firstSeen: iso(START_MICROS + 1_000n),
        lastSeen: iso(capture.micros),
        encrypted: false,
        carriesEphi: true,
      },
    ]);
    expect(result.stats.counters['hl7.messages']).toBe(2);
    expect(result.diagnostics).toEqual([]);
  });

  it('TLS on port 8443: SNI, JA3 and JA4 on the client, a TLS service, an encrypted flow', async () => {
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...workstation, port: 50_001 }, { ...viewer, port: 8443 })
      .open()
      .send(true, tlsClientHello('viewer.hospital.local'))
      .send(false, tlsServerHello())
      .close();
    const result = await discover(capture);
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const sha12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);
    expect(device(result, workstation.ip).protocols).toEqual({
      tls: {
        sni: ['viewer.hospital.local'],
        ja3: [md5('771,49199-49200-158-47,0-10-11,29-23,0')],
        ja4: [`t12d040300_${sha12('002f,009e,c02f,c030')}_${sha12('000a,000b')}`],
        certificates: [],
      },
    });
    expect(device(result, viewer.ip)).toMatchObject({
      services: [service(8443, 'tls', true)],
      protocols: {},
    });
    expect(result.flows).toMatchObject([{ protocol: 'tls', encrypted: true, carriesEphi: false }]);
  });

  it('TLS on 2762 (dicom-tls) is DICOM, encrypted, carrying ePHI', async () => {
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...ct, port: 50_003 }, { ...pacs, port: 2762 })
      .open()
      .send(true, tlsClientHello('pacs.hospital.local'))
      .send(false, tlsServerHello())
      .close();
    const result = await discover(capture);
    expect(result.flows).toMatchObject([{ protocol: 'dicom', encrypted: true, carriesEphi: true }]);
    expect(device(result, pacs.ip).services).toEqual([service(2762, 'dicom', true)]);
  });

  it('HTTP on port 8080: User-Agent and Host from the client, Server from the server', async () => {
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...pump, port: 50_002 }, { ...pumpServer, port: 8080 })
      .open()
      .send(true, httpRequest('10.1.9.60:8080', 'Alaris-PC/9.33 (BD)', '/api/v1/status'))
      .send(false, httpResponse('nginx/1.24.0', '{"ok":true}'))
      .close();
    const result = await discover(capture);
    expect(device(result, pump.ip).protocols).toEqual({
      http: { userAgents: ['Alaris-PC/9.33 (BD)'], hosts: ['10.1.9.60:8080'], servers: [] },
    });
    expect(device(result, pumpServer.ip)).toMatchObject({
      services: [service(8080, 'http')],
      protocols: { http: { userAgents: [], hosts: [], servers: ['nginx/1.24.0'] } },
    });
    expect(result.flows).toMatchObject([
      { protocol: 'http', encrypted: false, carriesEphi: false },
    ]);
  });

  it('DICOM: the modality as SCU with what it proposed, the PACS as SCP with what it accepted', async () => {
    const capture = new CaptureBuilder();
    association(capture, 50_010);
    const result = await discover(capture);
    expect(device(result, ct.ip)).toMatchObject({
      identifiers: { mac: ct.mac, ips: [ct.ip], aeTitles: ['CT_WARD01'] },
      services: [],
      protocols: {
        dicom: {
          aeTitles: ['CT_WARD01'],
          ...SIEMENS,
          sopClasses: [DICOM_UID.ctImageStorage, ENHANCED_CT, DICOM_UID.verification],
          roles: ['scu'],
        },
      },
    });
    expect(device(result, pacs.ip)).toMatchObject({
      identifiers: { mac: pacs.mac, ips: [pacs.ip], aeTitles: ['PACS_MAIN'] },
      services: [service(104, 'dicom')],
      protocols: {
        dicom: {
          aeTitles: ['PACS_MAIN'],
          ...DCM4CHE,
          sopClasses: [DICOM_UID.ctImageStorage, DICOM_UID.verification],
          roles: ['scp'],
        },
      },
    });
    expect(result.flows).toMatchObject([
      {
        client: { ip: ct.ip, port: 50_010 },
        server: { ip: pacs.ip, port: 104 },
        protocol: 'dicom',
        carriesEphi: true,
      },
    ]);
    expect(result.stats.counters).toMatchObject({
      'dicom.associate-rq': 1,
      'dicom.associate-ac': 1,
      'dicom.release': 1,
      'dicom.release-rp': 1,
    });
    expect(result.stats.recognized).toEqual({ dicom: 1 });
  });
});

describe('discoverCapture: devices and conversations', () => {
  it('folds connections to one server port into one conversation, packets and bytes summed', async () => {
    const capture = new CaptureBuilder();
    association(capture, 50_010);
    association(capture, 50_011);
    const result = await discover(capture);
    expect(result.flows).toHaveLength(1);
    expect(result.flows[0]).toMatchObject({
      client: { ip: ct.ip, port: 50_010 },
      packets: capture.packets.length,
      bytes: capture.packets.reduce((sum, p) => sum + p.data.length, 0),
      firstSeen: iso(START_MICROS + 1_000n),
      lastSeen: iso(capture.micros),
    });
    expect(result.stats.reassembly.connections).toBe(2);
  });

  it('a router MAC fronting several addresses names none of them; ARP binds its own', async () => {
    const vna: Host = { ip: '10.20.4.10', mac: '02:00:00:00:00:01' };
    const his: Host = { ip: '10.20.1.5', mac: '02:00:00:00:00:02' };
    const capture = new CaptureBuilder();
    capture.arp(2, router, ct, ct.mac);
    capture
      .tcp({ ...ct, port: 50_020 }, { ...vna, port: 104 })
      .serverBehind(router.mac)
      .open()
      .send(true, ascii('hello'))
      .send(false, ascii('world'))
      .close();
    capture
      .tcp({ ...his, port: 50_021 }, { ...engine, port: 2575 })
      .clientBehind(router.mac)
      .open()
      .send(true, mllp(oru))
      .close();
    const result = await discover(capture);
    expect(device(result, vna.ip).identifiers.mac).toBeNull();
    expect(device(result, his.ip).identifiers.mac).toBeNull();
    expect(device(result, router.ip).identifiers).toMatchObject({
      mac: router.mac,
      ips: [router.ip],
    });
    expect(device(result, ct.ip).identifiers).toMatchObject({ mac: ct.mac, ips: [ct.ip] });
    expect(device(result, engine.ip).identifiers.mac).toBe(engine.mac);
    const toVna = result.flows.find((f) => f.server.ip === vna.ip);
    expect(toVna).toMatchObject({ server: { mac: null, port: 104 }, protocol: 'other' });
    // The server spoke, so its port is a service even though no dissector took the stream.
    expect(device(result, vna.ip).services).toEqual([service(104, null)]);
    expect(result.stats.arpPackets).toBe(1);
  });

  it('one remote address behind the router, its TTL decremented, keeps no MAC', async () => {
    const server: Host = { ip: '68.233.76.12', mac: '02:00:00:00:00:03' };
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...workstation, port: 50_022 }, { ...server, port: 443 })
      .serverBehind(router.mac)
      .open()
      .send(true, tlsClientHello('portal.example.com'))
      .close();
    const result = await discover(capture);
    expect(device(result, server.ip).identifiers.mac).toBeNull();
    expect(device(result, workstation.ip).identifiers.mac).toBe(workstation.mac);
    expect(result.observations).toHaveLength(2);
  });

  it('an address sent from two MACs keeps no MAC; one that only received is no device', async () => {
    const capture = new CaptureBuilder();
    capture.udp(ct, pacs, 40_000, 9, ascii('a'));
    capture.udp({ ip: ct.ip, mac: '00:1b:63:99:99:99' }, pacs, 40_000, 9, ascii('b'));
    capture.udp(workstation, viewer, 40_001, 9, ascii('c'));
    const result = await discover(capture);
    expect(device(result, ct.ip).identifiers.mac).toBeNull();
    expect(device(result, workstation.ip).identifiers.mac).toBe(workstation.mac);
    // It may be a scanner's target that never answered; the conversation still names it.
    expect(result.observations.map((o) => o.identifiers.ips)).toEqual([[ct.ip], [workstation.ip]]);
    expect(result.flows.map((f) => f.server)).toEqual([
      { ip: pacs.ip, mac: null, port: 9 },
      { ip: viewer.ip, mac: null, port: 9 },
    ]);
  });

  it('counts unrecognized UDP as a conversation on the lower port, without a service', async () => {
    const capture = new CaptureBuilder();
    capture.udp(workstation, viewer, 6000, 5000, ascii('ping'));
    capture.udp(viewer, workstation, 5000, 6000, ascii('pong'));
    const result = await discover(capture);
    expect(result.flows).toMatchObject([
      {
        client: { ip: workstation.ip, port: 6000 },
        server: { ip: viewer.ip, port: 5000 },
        transport: 'udp',
        protocol: 'other',
        packets: 2,
      },
    ]);
    expect(device(result, viewer.ip).services).toEqual([]);
  });

  it('recognizes HL7 whose first segment holds two bytes, and reads the VLAN', async () => {
    const capture = new CaptureBuilder();
    capture.vlanIds = [120];
    capture
      .tcp({ ...lab, port: 50_030 }, { ...engine, port: 6661 })
      .open()
      .send(true, mllp(oru), 2)
      .close();
    const result = await discover(capture);
    expect(result.flows).toMatchObject([{ protocol: 'hl7', vlan: 120 }]);
    expect(device(result, lab.ip)).toMatchObject({
      vlan: 120,
      protocols: { hl7: { messageTypes: ['ORU^R01'] } },
    });
  });

  it('gives up on a stream no dissector takes within the probe bound', async () => {
    const capture = new CaptureBuilder();
    const garbage = new Uint8Array(10_000).fill(0x41);
    capture
      .tcp({ ...lab, port: 50_040 }, { ...engine, port: 9999 })
      .open()
      .send(true, garbage)
      .close();
    const result = await discover(capture);
    expect(result.flows).toMatchObject([{ protocol: 'other', packets: capture.packets.length }]);
    expect(result.stats.recognized).toEqual({});
  });
});

describe('discoverCapture: input, limits and failures', () => {
  it('reads pcapng like pcap, in any chunking, and reports progress', async () => {
    const capture = new CaptureBuilder();
    dhcpExchange(capture);
    association(capture, 50_010);
    const progress: number[] = [];
    const bytes = capture.pcapng();
    const fromPcapng = await discoverCapture(chunked(bytes, [7, 100, 3]), {
      source: SOURCE,
      onProgress: (n) => progress.push(n),
    });
    const fromPcap = await discover(capture);
    expect(fromPcapng.observations).toEqual(fromPcap.observations);
    expect(fromPcapng.flows).toEqual(fromPcap.flows);
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('reads a file through one reused buffer with the same result', async () => {
    const capture = new CaptureBuilder();
    dhcpExchange(capture);
    association(capture, 50_010);
    const dir = mkdtempSync(join(tmpdir(), 'wardline-discover-'));
    try {
      const path = join(dir, 'ward.pcap');
      writeFileSync(path, capture.pcap());
      const fromFile = await discoverCapture(readFileChunks(path, 333), {
        source: SOURCE,
        reusedChunks: true,
      });
      expect(fromFile).toEqual(await discover(capture));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects what is not a capture with WL_PCAP_UNREADABLE', async () => {
    await expect(
      discoverCapture(chunked(ascii('not a capture at all')), { source: SOURCE }),
    ).rejects.toMatchObject({
      code: 'WL_PCAP_UNREADABLE',
    });
    await expect(
      discoverCapture(chunked(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 2, 0])), { source: SOURCE }),
    ).rejects.toThrow(WardlineError);
  });

  it('stops with WL_JOB_CANCELLED when the signal aborts', async () => {
    const capture = new CaptureBuilder();
    association(capture, 50_010);
    const controller = new AbortController();
    const run = discoverCapture(chunked(capture.pcap(), [64]), {
      source: SOURCE,
      signal: controller.signal,
      onProgress: () => {
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'WL_JOB_CANCELLED' });
  });

  it('reports each cap once, with the count, and keeps what fits', async () => {
    const capture = new CaptureBuilder();
    association(capture, 50_010);
    dhcpExchange(capture);
    const result = await discoverCapture(chunked(capture.pcap()), {
      source: SOURCE,
      limits: { maxConversations: 1, maxAddresses: 3, maxListValues: 2 },
    });
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toEqual([
      'WL_PCAP_ADDRESSES_LIMIT',
      'WL_PCAP_CONVERSATIONS_LIMIT',
      'WL_PCAP_FACTS_LIMIT',
    ]);
    expect(result.diagnostics.every((d) => d.source === SOURCE && d.severity === 'warning')).toBe(
      true,
    );
    expect(result.flows).toHaveLength(1);
    expect(device(result, ct.ip).protocols.dicom?.sopClasses).toHaveLength(2);
  });

  it('with no room to hold probe bytes, decides each conversation on its first chunk', async () => {
    const capture = new CaptureBuilder();
    association(capture, 50_010);
    const result = await discoverCapture(chunked(capture.pcap()), {
      source: SOURCE,
      limits: { maxProbeBytesTotal: 0 },
    });
    expect(result.flows).toMatchObject([{ protocol: 'dicom' }]);
    expect(device(result, ct.ip).identifiers.aeTitles).toEqual(['CT_WARD01']);
    expect(result.diagnostics).toMatchObject([
      { code: 'WL_PCAP_PROBE_LIMIT', severity: 'warning', source: SOURCE },
    ]);
  });

  it('keeps the first diagnostics and summarizes the rest', async () => {
    const capture = new CaptureBuilder();
    for (let i = 0; i < 5; i++) capture.frame(new Uint8Array(10));
    const result = await discoverCapture(chunked(capture.pcap()), {
      source: SOURCE,
      limits: { maxDiagnostics: 2 },
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'WL_PCAP_MALFORMED_PACKET',
      'WL_PCAP_MALFORMED_PACKET',
      'WL_PCAP_DIAGNOSTICS_SUPPRESSED',
    ]);
    expect(result.stats.diagnosticCounts).toEqual({ WL_PCAP_MALFORMED_PACKET: 5 });
  });

  it('a dissector that throws costs its conversation only', async () => {
    const broken: StreamDissectorFactory = {
      protocol: 'http',
      probe: (first) => (first[0] === 0x41 ? 'yes' : 'no'),
      create: () => ({
        protocol: 'http',
        data: () => {
          throw new Error('boom');
        },
        gap: () => undefined,
        end: () => undefined,
      }),
    };
    const capture = new CaptureBuilder();
    capture
      .tcp({ ...lab, port: 50_050 }, { ...engine, port: 9000 })
      .open()
      .send(true, ascii('AAAA'))
      .close();
    association(capture, 50_010);
    const session = new DiscoverySession({
      source: SOURCE,
      streamDissectors: [broken, dicomDissectorFactory],
    });
    const { records } = await import('../pcap-reader.js').then((m) =>
      m.readCaptureAll(capture.pcap()),
    );
    for (const packet of records) session.add(packet);
    const result = session.finish();
    expect(result.diagnostics).toMatchObject([
      {
        code: 'WL_PCAP_DISSECTOR_FAILED',
        severity: 'error',
        source: SOURCE,
        message: expect.stringContaining('boom') as string,
      },
    ]);
    expect(result.stats.dissectorFailures).toBe(1);
    expect(device(result, pacs.ip).services).toEqual([service(104, 'dicom')]);
  });
});
