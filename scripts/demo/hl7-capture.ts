/**
 * `demo/captures/lab-hl7.pcap`: HL7 v2 over MLLP to the interface engine, sent over real TCP. A
 * small Node listener plays the engine (it answers every message with an `ACK`), and the EHR and
 * the two lab analyzers connect in turn and send what they send all day: an admission and a lab
 * order from the EHR, chemistry and hematology results from the analyzers. Captured on loopback
 * under tcpdump, then given the demo's addresses.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { readCaptureAll, writePcap } from '../../src/formats/pcap/index.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { freePort } from '../../test/support/dcmtk-capture.js';
import { captureLoopback } from './loopback-capture.js';
import { rewriteLoopback } from './rewrite-capture.js';
import { DEMO_TIMES, later } from './times.js';

const START_BLOCK = 0x0b;
const END_BLOCK = Uint8Array.of(0x1c, 0x0d);

/** HL7's `YYYYMMDDHHMMSS`, `seconds` after the capture starts. */
const hl7Time = (seconds: number): string =>
  later(DEMO_TIMES.hl7Capture, seconds).slice(0, 19).replace(/[-T:]/g, '');

const PATIENT = 'PID|1||LV00012345^^^LVMC^MR||SAMPLE^AVERY^J||19680412|F';
const PATIENT_2 = 'PID|1||LV00056789^^^LVMC^MR||EXAMPLE^CASEY||19811123|M';

function msh(app: string, facility: string, type: string, id: string, at: number): string {
  return `MSH|^~\\&|${app}|${facility}|RELAY_IE|LVMC|${hl7Time(at)}||${type}|${id}|P|2.5.1`;
}

/** Seconds after the capture starts that each sender connects, in `SENDERS` order. */
const SEND_TIMES = [2, 31, 52];

/** The messages each device sends, in order: device name and segments. */
const SENDERS: readonly (readonly [device: string, messages: readonly string[][]])[] = [
  [
    'EHR-APP-01',
    [
      [
        msh('CEDAR_EHR', 'LVMC', 'ADT^A01^ADT_A01', 'CE0000418810', 2),
        `EVN|A01|${hl7Time(2)}`,
        `${PATIENT}|||1200 ORCHARD RD^^LARKSPUR VALLEY^CA^95000`,
        'PV1|1|I|ICU^04^A^LVMC||||1234567890^RIVERA^MORGAN^^^DR|||MED||||||||I2026110200017',
      ],
      [
        msh('CEDAR_EHR', 'LVMC', 'ORM^O01^ORM_O01', 'CE0000418811', 2),
        PATIENT,
        'ORC|NW|ORD448812||||||||||1234567890^RIVERA^MORGAN^^^DR',
        `OBR|1|ORD448812||80053^Comprehensive metabolic panel^CPT4|||${hl7Time(2)}`,
        `OBR|2|ORD448813||85025^Complete blood count with differential^CPT4|||${hl7Time(2)}`,
      ],
    ],
  ],
  [
    'LAB-CHEM-01',
    [
      [
        msh('LAB_CHEMQ', 'LVMC_LAB', 'ORU^R01^ORU_R01', 'CQ8202611020441', 31),
        PATIENT,
        `OBR|1|ORD448812|CQ77812|80053^Comprehensive metabolic panel^CPT4|||${hl7Time(2)}|||||||||||||||F`,
        'OBX|1|NM|2345-7^Glucose^LN||112|mg/dL|70-99|H|||F',
        'OBX|2|NM|2951-2^Sodium^LN||139|mmol/L|136-145|N|||F',
        'OBX|3|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F',
        'OBX|4|NM|2160-0^Creatinine^LN||0.9|mg/dL|0.6-1.1|N|||F',
      ],
      [
        msh('LAB_CHEMQ', 'LVMC_LAB', 'ORU^R01^ORU_R01', 'CQ8202611020442', 31),
        PATIENT_2,
        `OBR|1|ORD448790|CQ77813|80048^Basic metabolic panel^CPT4|||${hl7Time(-600)}|||||||||||||||F`,
        'OBX|1|NM|2345-7^Glucose^LN||95|mg/dL|70-99|N|||F',
        'OBX|2|NM|2823-3^Potassium^LN||5.6|mmol/L|3.5-5.1|H|||F',
      ],
    ],
  ],
  [
    'LAB-HEME-01',
    [
      [
        msh('LAB_HEMAQ', 'LVMC_LAB', 'ORU^R01^ORU_R01', 'HQ5202611020097', 52),
        PATIENT,
        `OBR|1|ORD448813|HQ30991|85025^Complete blood count with differential^CPT4|||${hl7Time(2)}|||||||||||||||F`,
        'OBX|1|NM|6690-2^Leukocytes^LN||7.2|10*3/uL|4.0-11.0|N|||F',
        'OBX|2|NM|718-7^Hemoglobin^LN||13.1|g/dL|12.0-16.0|N|||F',
        'OBX|3|NM|777-3^Platelets^LN||245|10*3/uL|150-400|N|||F',
      ],
    ],
  ],
];

const ENGINE = 'HL7-ENGINE-01';

function device(name: string): DemoAsset {
  const found = DEMO_ASSETS.find((a) => a.name === name);
  if (found === undefined) throw new Error(`No demo device ${name}.`);
  return found;
}

function frame(segments: readonly string[]): Buffer {
  return Buffer.concat([
    Buffer.of(START_BLOCK),
    Buffer.from(segments.join('\r') + '\r', 'latin1'),
    Buffer.from(END_BLOCK),
  ]);
}

/** The engine's acknowledgement of one message. */
function ack(message: string): Buffer {
  const fields = message.split('\r')[0]?.split('|') ?? [];
  const [app = '', facility = '', , , time = '', , type = '', id = ''] = fields.slice(2);
  const trigger = type.split('^')[1] ?? '';
  return frame([
    `MSH|^~\\&|RELAY_IE|LVMC|${app}|${facility}|${time}||ACK^${trigger}^ACK|A${id}|P|2.5.1`,
    `MSA|AA|${id}`,
  ]);
}

/** The engine: reads MLLP frames and answers each with an ACK. */
function engine(): Server {
  return createServer((socket) => {
    let held = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      held = Buffer.concat([held, chunk]);
      for (;;) {
        const end = held.indexOf(END_BLOCK[0] ?? 0x1c);
        if (end < 0 || end + 1 >= held.length) break;
        const message = held.subarray(1, end).toString('latin1');
        held = held.subarray(end + 2);
        socket.write(ack(message));
      }
    });
    socket.on('error', () => undefined);
  });
}

/** Sends each message and waits for its ACK, then closes. */
async function send(port: number, messages: readonly string[][]): Promise<void> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  for (const message of messages) {
    const acked = new Promise<void>((resolve) => {
      socket.once('data', () => {
        resolve();
      });
    });
    socket.write(frame(message));
    await acked;
  }
  await new Promise<void>((resolve) => socket.end(resolve));
  await new Promise<void>((resolve) => {
    socket.once('close', () => {
      resolve();
    });
  });
}

/** Makes the HL7 capture; needs tcpdump and root. */
export async function labHl7Capture(): Promise<Uint8Array> {
  const port = await freePort();
  const server = engine();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let bytes: Buffer;
  try {
    bytes = await captureLoopback(port, async () => {
      for (const [, messages] of SENDERS) await send(port, messages);
    });
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
  const { records } = await readCaptureAll(new Uint8Array(bytes));
  const host = (name: string) => ({ ip: device(name).ip, mac: device(name).mac });
  const packets = rewriteLoopback(records, {
    listenPort: port,
    serverPort: 2575,
    server: host(ENGINE),
    clients: SENDERS.map(([name]) => host(name)),
    start: DEMO_TIMES.hl7Capture,
    delays: SEND_TIMES,
  });
  return writePcap(packets);
}
