/**
 * A synthetic capture from the SPAN port in front of a hospital imaging VLAN, for bench/discover:
 * CT, MR and US modalities storing images on several PACS (A-ASSOCIATE-RQ/AC with calling and
 * called AE titles, presentation contexts, implementation class UID and version name, then
 * C-STORE commands and image data in P-DATA-TF PDUs of the negotiated size, segmented into
 * 1460-byte TCP segments, release and FIN), C-ECHO associations, HL7 ORU/ADT over MLLP with ACKs,
 * DHCP, DNS, TLS and HTTP from workstations and infusion pumps. A few segments in a thousand are
 * sent out of order and retransmitted. Deterministic: the same seed gives the same bytes.
 *
 * Alongside the capture it returns the ground truth of every association, so the benchmark can
 * check what Wardline and tshark extract against what was sent.
 */
import { statSync, writeFileSync, readFileSync, existsSync, renameSync } from 'node:fs';
import {
  associateAc,
  associateRq,
  cEcho,
  cStoreRq,
  cStoreRsp,
  dhcpMessage,
  DICOM_UID,
  dnsQuery,
  dnsResponse,
  DNS_TYPE_A,
  DNS_TYPE_PTR,
  hl7Message,
  httpRequest,
  httpResponse,
  imageHeader,
  mllp,
  pdata,
  pdataHeader,
  releaseRp,
  releaseRq,
  tlsApplicationData,
  tlsClientHello,
  tlsServerHello,
  concat,
  type TestAssociation,
} from '../src/formats/pcap/discover/test-messages.js';
import { host, PcapFileWriter, TcpConversation, type Host } from './capture-writer.js';

/** Bump when the traffic changes, so a cached capture is made again. */
export const SYNTHETIC_CAPTURE_VERSION = 5;
const VLAN = 120;
const START_MICROS = Date.UTC(2026, 10, 2, 8, 0, 0) * 1000;
const ONE_HOUR_MICROS = 3_600_000_000;
const ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1';
const ENHANCED_MR = '1.2.840.10008.5.1.4.1.1.4.1';
const US_MULTIFRAME = '1.2.840.10008.5.1.4.1.1.3.1';

/** One association as sent: what a perfect extractor reports for it. */
export interface AssociationTruth {
  readonly clientIp: string;
  readonly serverIp: string;
  readonly serverPort: number;
  readonly calling: string;
  readonly called: string;
  readonly proposed: readonly string[];
  readonly accepted: readonly string[];
  readonly scuImplementation: { readonly uid: string; readonly version: string };
  readonly scpImplementation: { readonly uid: string; readonly version: string };
}

export interface SyntheticCapture {
  readonly path: string;
  readonly bytes: number;
  readonly associations: readonly AssociationTruth[];
  readonly hl7Messages: number;
}

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mac = (a: number, b: number, c: number) =>
  `00:1b:${[0x10 + a, b, c, 0x42].map((n) => (n & 0xff).toString(16).padStart(2, '0')).join(':')}`;

interface Implementation {
  readonly uid: string;
  readonly version: string;
}

const MODALITY_VENDORS: readonly Implementation[] = [
  { uid: '1.2.840.113619.6.374', version: 'GE_REVOLUTION_4' },
  { uid: '1.3.12.2.1107.5.1.4', version: 'SIEMENS_SOMATOM' },
  { uid: '1.3.46.670589.11.0.0.51.4.56.1', version: 'PHILIPS_MR_56' },
  { uid: '1.2.392.200036.9116.2.6.1.48', version: 'CANON_AQ_ONE' },
  { uid: '1.2.276.0.7230010.3.0.3.6.7', version: 'OFFIS_DCMTK_367' },
];

interface Scp {
  readonly aeTitle: string;
  readonly host: Host;
  readonly remote: boolean;
  readonly port: number;
  readonly implementation: Implementation;
  readonly maxPdu: number;
  /** Rejects the enhanced and multi-frame classes (result 3). */
  readonly basicOnly: boolean;
}

interface Modality {
  readonly kind: 'CT' | 'MR' | 'US';
  readonly aeTitle: string;
  readonly host: Host;
  readonly implementation: Implementation;
  readonly targets: readonly Scp[];
}

interface Network {
  readonly router: Host;
  readonly scps: readonly Scp[];
  readonly modalities: readonly Modality[];
  readonly labs: readonly { host: Host; application: string }[];
  readonly his: Host;
  readonly engine: Host;
  readonly workstations: readonly { host: Host; name: string }[];
  readonly pumps: readonly { host: Host; name: string }[];
  readonly dhcpServer: Host;
  readonly dnsServer: Host;
  readonly viewer: Host;
  readonly pumpServer: Host;
}

function buildNetwork(): Network {
  const router = host('10.1.0.1', '00:00:0c:9f:f0:78');
  const dcm4chee = { uid: '1.2.40.0.13.1.3', version: 'dcm4che-5.31.0' };
  const scps: Scp[] = [
    { aeTitle: 'PACS_MAIN', ip: '10.1.9.5', port: 104, maxPdu: 16_384, basicOnly: false },
    { aeTitle: 'PACS_ARCH', ip: '10.1.9.6', port: 11_112, maxPdu: 65_536, basicOnly: true },
    { aeTitle: 'VNA_CENTRAL', ip: '10.20.4.10', port: 104, maxPdu: 32_768, basicOnly: false },
    { aeTitle: 'AI_TRIAGE', ip: '10.1.9.20', port: 4242, maxPdu: 16_384, basicOnly: true },
    { aeTitle: 'CARDIO_PACS', ip: '10.1.9.30', port: 3000, maxPdu: 16_384, basicOnly: false },
  ].map((s, i) => {
    const remote = s.ip.startsWith('10.20.');
    return {
      aeTitle: s.aeTitle,
      host: host(s.ip, mac(9, i, 5)),
      remote,
      port: s.port,
      maxPdu: s.maxPdu,
      basicOnly: s.basicOnly,
      implementation: i === 2 ? { uid: '1.2.826.0.1.3680043.2.135', version: 'VNA_7_3' } : dcm4chee,
    };
  });
  const kinds = ['CT', 'MR', 'US'] as const;
  const modalities: Modality[] = [];
  for (let i = 0; i < 48; i++) {
    const kind = kinds[i % 3]!;
    const n = Math.floor(i / 3) + 1;
    const first = scps[i % 5]!;
    const second = scps[(i * 7 + 2) % 5]!;
    modalities.push({
      kind,
      aeTitle: `${kind}_WARD${String(n).padStart(2, '0')}`,
      host: host(`10.1.${4 + (i % 3)}.${10 + n}`, mac(4 + (i % 3), n, 0x10)),
      implementation: MODALITY_VENDORS[i % MODALITY_VENDORS.length]!,
      targets: first === second ? [first] : [first, second],
    });
  }
  const labApps = ['COBAS_8000', 'SYSMEX_XN', 'ABBOTT_ALINITY'];
  return {
    router,
    scps,
    modalities,
    labs: Array.from({ length: 12 }, (_, i) => ({
      host: host(`10.1.7.${10 + i}`, mac(7, i, 0x20)),
      application: labApps[i % 3]!,
    })),
    his: host('10.20.1.5', '00:00:00:00:00:00'),
    engine: host('10.1.8.5', mac(8, 5, 0x30)),
    workstations: Array.from({ length: 20 }, (_, i) => ({
      host: host(`10.1.3.${20 + i}`, mac(3, i, 0x40)),
      name: `RAD-WS-${String(i + 1).padStart(2, '0')}`,
    })),
    pumps: Array.from({ length: 24 }, (_, i) => ({
      host: host(`10.1.10.${30 + i}`, mac(10, i, 0x50)),
      name: `PUMP-${String(417 + i).padStart(4, '0')}`,
    })),
    dhcpServer: host('10.1.0.2', mac(0, 2, 0x60)),
    dnsServer: host('10.1.0.3', mac(0, 3, 0x60)),
    viewer: host('10.1.9.50', mac(9, 50, 0x70)),
    pumpServer: host('10.1.9.60', mac(9, 60, 0x70)),
  };
}

type Conversation = Generator<void>;

class Generator_ {
  readonly net = buildNetwork();
  readonly rand: () => number;
  readonly associations: AssociationTruth[] = [];
  hl7Messages = 0;
  #nextPort = 49_152;
  #instance = 1;
  /** Pixel bytes: noise, so nothing in them looks like a PDU header by accident too often. */
  readonly #pixels: Uint8Array;

  constructor(
    readonly writer: PcapFileWriter,
    seed: number,
  ) {
    this.rand = random(seed);
    this.#pixels = new Uint8Array(4 * 1024 * 1024);
    for (let i = 0; i < this.#pixels.length; i++) this.#pixels[i] = Math.floor(this.rand() * 256);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  port(): number {
    const port = this.#nextPort;
    this.#nextPort = port >= 65_000 ? 49_152 : port + 1;
    return port;
  }

  isn(): number {
    // Some connections start near 2^32, so sequence numbers wrap inside them.
    return this.rand() < 0.05
      ? 0xffff_0000 + Math.floor(this.rand() * 0xffff)
      : Math.floor(this.rand() * 2 ** 32);
  }

  wireMac(h: Host, remote: boolean): Uint8Array {
    return remote ? this.net.router.macBytes : h.macBytes;
  }

  tcp(
    client: Host,
    server: Host,
    serverPort: number,
    remote: { client?: boolean; server?: boolean } = {},
  ) {
    const side = (h: Host, far: boolean) => ({
      host: h,
      wireMac: this.wireMac(h, far),
      // A router decrements the TTL of what it forwards.
      ttl: far ? 61 : 64,
      isn: this.isn(),
    });
    return new TcpConversation(
      this.writer,
      { ...side(client, remote.client === true), port: this.port() },
      { ...side(server, remote.server === true), port: serverPort },
    );
  }

  disorder = () => this.rand() < 0.002;

  *dicomStore(m: Modality, echoOnly: boolean): Conversation {
    const scp = this.pick(m.targets);
    const conversation = this.tcp(m.host, scp.host, scp.port, { server: scp.remote });
    const storage = {
      CT: [DICOM_UID.ctImageStorage, ENHANCED_CT],
      MR: [DICOM_UID.mrImageStorage, ENHANCED_MR],
      US: [DICOM_UID.usImageStorage, US_MULTIFRAME],
    }[m.kind];
    const syntaxes = [
      DICOM_UID.jpegLossless,
      DICOM_UID.explicitLittleEndian,
      DICOM_UID.implicitLittleEndian,
    ];
    const classes = echoOnly ? [DICOM_UID.verification] : [...storage, DICOM_UID.secondaryCapture];
    const contexts = classes.map((uid, i) => ({
      id: 2 * i + 1,
      abstractSyntax: uid,
      transferSyntaxes:
        uid === DICOM_UID.verification ? [DICOM_UID.implicitLittleEndian] : syntaxes,
    }));
    const request: TestAssociation = {
      calling: m.aeTitle,
      called: scp.aeTitle,
      contexts,
      implementationClassUid: m.implementation.uid,
      implementationVersionName: m.implementation.version,
      maxLength: 16_384,
    };
    const rejected = (uid: string) =>
      scp.basicOnly && (uid === ENHANCED_CT || uid === ENHANCED_MR || uid === US_MULTIFRAME);
    const results = contexts.map((c) => ({
      id: c.id,
      result: rejected(c.abstractSyntax) ? 3 : 0,
      transferSyntax: DICOM_UID.implicitLittleEndian,
    }));
    this.associations.push({
      clientIp: m.host.ip,
      serverIp: scp.host.ip,
      serverPort: scp.port,
      calling: m.aeTitle,
      called: scp.aeTitle,
      proposed: classes,
      accepted: classes.filter((uid) => !rejected(uid)),
      scuImplementation: m.implementation,
      scpImplementation: scp.implementation,
    });
    yield* conversation.open();
    yield* conversation.send(true, associateRq(request));
    yield* conversation.send(
      false,
      associateAc({
        calling: m.aeTitle,
        called: scp.aeTitle,
        results,
        implementationClassUid: scp.implementation.uid,
        implementationVersionName: scp.implementation.version,
        maxLength: scp.maxPdu,
      }),
    );
    const images = echoOnly ? 0 : 1 + Math.floor(this.rand() * 4);
    for (let i = 0; i < images; i++) yield* this.#image(conversation, m, scp);
    if (echoOnly) {
      yield* conversation.send(true, pdata(cEcho(1, false), 1, 3));
      yield* conversation.send(false, pdata(cEcho(1, true), 1, 3));
    }
    yield* conversation.send(true, releaseRq());
    yield* conversation.send(false, releaseRp());
    yield* conversation.close();
  }

  *#image(conversation: TcpConversation, m: Modality, scp: Scp): Conversation {
    const sopClass = {
      CT: DICOM_UID.ctImageStorage,
      MR: DICOM_UID.mrImageStorage,
      US: DICOM_UID.usImageStorage,
    }[m.kind];
    const side = { CT: 512, MR: 256, US: 640 }[m.kind];
    const instance = `2.25.${1_000_000 + this.#instance++}`;
    const messageId = this.#instance & 0xffff;
    yield* conversation.send(true, pdata(cStoreRq(sopClass, instance, messageId), 1, 3));
    const header = imageHeader({ sopClass, instance, modality: m.kind, rows: side, columns: side });
    const dataset = header.length + side * side * 2;
    // PDUs no larger than the acceptor's maximum length (PS3.8 §D.1): PDV header 6 bytes.
    const perPdu = scp.maxPdu - 6;
    const pixelStart = Math.floor(this.rand() * (this.#pixels.length - dataset));
    const bytes = new Uint8Array(dataset);
    bytes.set(header, 0);
    bytes.set(
      this.#pixels.subarray(pixelStart, pixelStart + dataset - header.length),
      header.length,
    );
    const pdus: Uint8Array[] = [];
    for (let at = 0; at < dataset; at += perPdu) {
      const end = Math.min(dataset, at + perPdu);
      pdus.push(pdataHeader(end - at, 1, end === dataset ? 2 : 0), bytes.subarray(at, end));
    }
    yield* conversation.send(true, concat(pdus), this.disorder);
    yield* conversation.send(false, pdata(cStoreRsp(sopClass, instance, messageId), 1, 3));
  }

  *hl7(): Conversation {
    const net = this.net;
    const adt = this.rand() < 0.3;
    const lab = this.pick(net.labs);
    const client = adt ? net.his : lab.host;
    const conversation = this.tcp(client, net.engine, adt ? 2575 : 6661, { client: adt });
    yield* conversation.open();
    const count = 1 + Math.floor(this.rand() * 6);
    for (let i = 0; i < count; i++) {
      const id = `MSG${String(this.hl7Messages++).padStart(8, '0')}`;
      const header = adt
        ? {
            sendingApplication: 'EPIC_ADT',
            sendingFacility: 'MAIN_CAMPUS',
            messageType: this.pick(['ADT^A01', 'ADT^A08', 'ADT^A03']),
          }
        : {
            sendingApplication: lab.application,
            sendingFacility: 'CORE_LAB',
            messageType: 'ORU^R01',
          };
      const obx = Array.from(
        { length: 4 + Math.floor(this.rand() * 30) },
        (_, n) =>
          `OBX|${n + 1}|NM|${718 + n}-7^Analyte ${n}^LN||${(this.rand() * 200).toFixed(1)}|mg/dL|10-200|N|||F`,
      );
      const message = hl7Message({
        ...header,
        receivingApplication: 'RHAPSODY',
        receivingFacility: 'HOSP',
        controlId: id,
        version: '2.5.1',
        segments: [
          'PID|1||123456^^^HOSP^MR||DOE^JANE||19700101|F',
          'OBR|1|||CBC^Complete blood count',
          ...obx,
        ],
      });
      yield* conversation.send(true, mllp(message));
      const ack = hl7Message({
        sendingApplication: 'RHAPSODY',
        sendingFacility: 'HOSP',
        receivingApplication: header.sendingApplication,
        receivingFacility: header.sendingFacility,
        messageType: 'ACK',
        controlId: `A${id}`,
        version: '2.5.1',
        segments: [`MSA|AA|${id}`],
      });
      yield* conversation.send(false, mllp(ack));
    }
    yield* conversation.close();
  }

  *dhcp(): Conversation {
    const net = this.net;
    const pump = this.rand() < 0.5;
    const device = pump ? this.pick(net.pumps) : this.pick(net.workstations);
    const client = device.host;
    const broadcast = {
      ipBytes: Uint8Array.of(255, 255, 255, 255),
      macBytes: Uint8Array.of(255, 255, 255, 255, 255, 255),
    };
    const xid = Math.floor(this.rand() * 2 ** 32);
    const identity = pump
      ? {
          hostname: device.name,
          vendorClass: 'BD-Alaris-PC',
          parameters: [1, 3, 6, 12, 15, 28, 42],
        }
      : {
          hostname: device.name,
          vendorClass: 'MSFT 5.0',
          parameters: [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252],
        };
    const zero = Uint8Array.of(0, 0, 0, 0);
    this.writer.udp(
      client,
      broadcast,
      68,
      67,
      dhcpMessage({
        op: 1,
        type: 3,
        mac: client.mac,
        xid,
        requestedIp: client.ip,
        clientId: true,
        ...identity,
      }),
      { srcIp: zero },
    );
    yield;
    this.writer.udp(
      net.dhcpServer,
      client,
      67,
      68,
      dhcpMessage({ op: 2, type: 5, mac: client.mac, xid, yiaddr: client.ip }),
    );
    yield;
  }

  *dns(): Conversation {
    const net = this.net;
    const client = this.pick(net.workstations).host;
    const id = Math.floor(this.rand() * 65_536);
    const port = this.port();
    if (this.rand() < 0.5) {
      this.writer.udp(
        client,
        net.dnsServer,
        port,
        53,
        dnsQuery(id, 'pacs.hospital.local', DNS_TYPE_A),
      );
      yield;
      this.writer.udp(
        net.dnsServer,
        client,
        53,
        port,
        dnsResponse(id, 'pacs.hospital.local', DNS_TYPE_A, '10.1.9.5'),
      );
    } else {
      const name = '5.9.1.10.in-addr.arpa';
      this.writer.udp(client, net.dnsServer, port, 53, dnsQuery(id, name, DNS_TYPE_PTR));
      yield;
      this.writer.udp(
        net.dnsServer,
        client,
        53,
        port,
        dnsResponse(id, name, DNS_TYPE_PTR, 'pacs01.hospital.local'),
      );
    }
    yield;
  }

  *tls(): Conversation {
    const conversation = this.tcp(this.pick(this.net.workstations).host, this.net.viewer, 443);
    yield* conversation.open();
    yield* conversation.send(true, tlsClientHello('viewer.hospital.local'));
    yield* conversation.send(false, tlsServerHello());
    const start = Math.floor(this.rand() * 1_000_000);
    yield* conversation.send(true, tlsApplicationData(this.#pixels.subarray(start, start + 600)));
    yield* conversation.send(
      false,
      tlsApplicationData(this.#pixels.subarray(start, start + 12_000)),
    );
    yield* conversation.close();
  }

  *http(): Conversation {
    const conversation = this.tcp(this.pick(this.net.pumps).host, this.net.pumpServer, 80);
    yield* conversation.open();
    yield* conversation.send(
      true,
      httpRequest('10.1.9.60', 'Alaris-PC/9.33 (BD)', '/api/v1/status'),
    );
    yield* conversation.send(false, httpResponse('nginx/1.24.0', '{"ok":true}'));
    yield* conversation.close();
  }

  next(): Conversation {
    const r = this.rand();
    const modality = this.pick(this.net.modalities);
    if (r < 0.3) return this.dicomStore(modality, false);
    if (r < 0.4) return this.dicomStore(modality, true);
    if (r < 0.65) return this.hl7();
    if (r < 0.75) return this.dhcp();
    if (r < 0.85) return this.dns();
    if (r < 0.95) return this.tls();
    return this.http();
  }
}

/**
 * Writes the capture to `path` (at least `targetBytes`) unless a complete one is already there,
 * and returns it with the ground truth. Conversations are interleaved, eight at a time.
 */
export function ensureSyntheticCapture(
  path: string,
  targetBytes: number,
  seed = 20_261_128,
): SyntheticCapture {
  const truthPath = `${path}.truth.json`;
  if (existsSync(path) && existsSync(truthPath)) {
    const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Omit<
      SyntheticCapture,
      'path' | 'bytes'
    >;
    return { path, bytes: statSync(path).size, ...truth };
  }
  const partial = `${path}.partial`;
  const writer = new PcapFileWriter(partial, START_MICROS, VLAN);
  const generator = new Generator_(writer, seed);
  const active: Conversation[] = [];
  // About one frame per 1,000 bytes; increments average half a step, so the capture spans an hour.
  const step = Math.max(1, Math.floor((2 * ONE_HOUR_MICROS * 1_000) / targetBytes));
  while (writer.bytesWritten < targetBytes || active.length > 0) {
    while (active.length < 8 && writer.bytesWritten < targetBytes) active.push(generator.next());
    const index = Math.floor(generator.rand() * active.length);
    const conversation = active[index]!;
    if (conversation.next().done === true) active.splice(index, 1);
    writer.nowMicros += 1 + Math.floor(generator.rand() * step);
  }
  writer.close();
  const truth = { associations: generator.associations, hl7Messages: generator.hl7Messages };
  writeFileSync(truthPath, JSON.stringify(truth));
  renameSync(partial, path);
  return { path, bytes: statSync(path).size, ...truth };
}
