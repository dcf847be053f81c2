/**
 * `demo/captures/imaging-vlan.pcap`: a working afternoon on the imaging VLAN, made by real DICOM
 * software. dcmtk's `dump2dcm` writes small images for each modality (its SOP class, maker, model
 * and station name), `storescp` plays the PACS, and each modality verifies the PACS with
 * `echoscu` and sends its study with `storescu`, all on loopback under tcpdump. The capture is
 * then given the demo's addresses (see `rewrite-capture.ts`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaptureAll, writePcap } from '../../src/formats/pcap/index.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { freePort } from '../../test/support/dcmtk-capture.js';
import { captureLoopback, run, stop, waitForPort } from './loopback-capture.js';
import { rewriteLoopback, type DemoHost } from './rewrite-capture.js';
import { DEMO_TIMES } from './times.js';

/** What one modality sends: its SOP class, DICOM modality code, images and their size. */
interface ModalityStudy {
  readonly device: string;
  readonly sopClassUid: string;
  readonly modality: string;
  readonly images: number;
  readonly side: number;
  readonly bits: 8 | 16;
  readonly patient: readonly [name: string, id: string, birthDate: string, sex: 'F' | 'M'];
}

/** In the order they send; the SOP classes are DICOM PS3.4 Annex B's. */
export const IMAGING_STUDIES: readonly ModalityStudy[] = [
  {
    device: 'CT-ED-01',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    modality: 'CT',
    images: 4,
    side: 64,
    bits: 16,
    patient: ['SAMPLE^AVERY^J', 'LV00012345', '19680412', 'F'],
  },
  {
    device: 'MR-01',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
    modality: 'MR',
    images: 3,
    side: 64,
    bits: 16,
    patient: ['EXAMPLE^JORDAN', 'LV00023456', '19750930', 'M'],
  },
  {
    device: 'US-OB-01',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.6.1',
    modality: 'US',
    images: 2,
    side: 64,
    bits: 8,
    patient: ['PLACEHOLDER^RILEY', 'LV00034567', '19930218', 'F'],
  },
  {
    device: 'DX-RAD-02',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.1.1',
    modality: 'DX',
    images: 1,
    side: 128,
    bits: 16,
    patient: ['TESTCASE^MORGAN', 'LV00045678', '19590105', 'M'],
  },
];

const PACS = 'PACS-01';

function device(name: string): DemoAsset {
  const found = DEMO_ASSETS.find((a) => a.name === name);
  if (found?.aeTitle === undefined) throw new Error(`${name} is not a DICOM device of the demo.`);
  return found;
}

/** A UID under the 2.25 root (ITU-T X.667: a UUID as a decimal integer), fixed by the text. */
function uid(text: string): string {
  const hex = createHash('sha256').update(`lvmc-demo:${text}`).digest('hex').slice(0, 30);
  return `2.25.${BigInt(`0x${hex}`).toString()}`;
}

/** dcmtk dump text of one image of the study. */
function imageDump(study: ModalityStudy, asset: DemoAsset, n: number, pixels: string): string {
  const date = DEMO_TIMES.imagingCapture.slice(0, 10).replace(/-/g, '');
  const time = DEMO_TIMES.imagingCapture.slice(11, 19).replace(/:/g, '');
  const [name, id, birth, sex] = study.patient;
  const studyKey = `${study.device}/study`;
  const stored = study.bits === 16 ? 12 : 8;
  return [
    '(0008,0008) CS [ORIGINAL\\PRIMARY]',
    `(0008,0016) UI [${study.sopClassUid}]`,
    `(0008,0018) UI [${uid(`${study.device}/image/${String(n)}`)}]`,
    `(0008,0020) DA [${date}]`,
    `(0008,0030) TM [${time}]`,
    `(0008,0050) SH [A${id.slice(-6)}]`,
    `(0008,0060) CS [${study.modality}]`,
    `(0008,0070) LO [${asset.vendor}]`,
    '(0008,0080) LO [Larkspur Valley Medical Center]',
    `(0008,1010) SH [${asset.name}]`,
    `(0008,1090) LO [${asset.model}]`,
    `(0010,0010) PN [${name}]`,
    `(0010,0020) LO [${id}]`,
    `(0010,0030) DA [${birth}]`,
    `(0010,0040) CS [${sex}]`,
    `(0018,1000) LO [${asset.serial ?? ''}]`,
    `(0020,000d) UI [${uid(studyKey)}]`,
    `(0020,000e) UI [${uid(`${studyKey}/series`)}]`,
    '(0020,0011) IS [1]',
    `(0020,0013) IS [${String(n)}]`,
    '(0028,0002) US 1',
    '(0028,0004) CS [MONOCHROME2]',
    `(0028,0010) US ${String(study.side)}`,
    `(0028,0011) US ${String(study.side)}`,
    `(0028,0100) US ${String(study.bits)}`,
    `(0028,0101) US ${String(stored)}`,
    `(0028,0102) US ${String(stored - 1)}`,
    '(0028,0103) US 0',
    `(7fe0,0010) ${study.bits === 16 ? 'OW' : 'OB'} =${pixels}`,
    '',
  ].join('\n');
}

/** A soft test pattern, so the pixel data is not all zeros. */
function pixelBytes(study: ModalityStudy, n: number): Uint8Array {
  const bytesPerPixel = study.bits / 8;
  const out = new Uint8Array(study.side * study.side * bytesPerPixel);
  for (let y = 0; y < study.side; y += 1) {
    for (let x = 0; x < study.side; x += 1) {
      const value = ((x * 3 + y * 5 + n * 17) ^ (x * y)) & 0xff;
      out[(y * study.side + x) * bytesPerPixel] = value;
    }
  }
  return out;
}

/** Writes each study's images with dump2dcm; returns the file names per study. */
async function writeImages(dir: string): Promise<string[][]> {
  const files: string[][] = [];
  for (const study of IMAGING_STUDIES) {
    const asset = device(study.device);
    const names: string[] = [];
    for (let n = 1; n <= study.images; n += 1) {
      const base = `${study.modality.toLowerCase()}-${String(n)}`;
      await writeFile(join(dir, `${base}.raw`), pixelBytes(study, n));
      await writeFile(join(dir, `${base}.dump`), imageDump(study, asset, n, `${base}.raw`));
      await run('dump2dcm', [`${base}.dump`, `${base}.dcm`], dir);
      names.push(`${base}.dcm`);
    }
    files.push(names);
  }
  return files;
}

const host = (asset: DemoAsset): DemoHost => ({ ip: asset.ip, mac: asset.mac });

/** Makes the imaging capture; needs dcmtk, tcpdump and root. */
export async function imagingVlanCapture(): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'wardline-demo-dicom-'));
  const pacs = device(PACS);
  const pacsAe = pacs.aeTitle ?? '';
  try {
    const images = await writeImages(dir);
    const port = await freePort();
    const scp = spawn('storescp', ['--ignore', '-aet', pacsAe, String(port)], {
      cwd: dir,
      stdio: 'ignore',
    });
    let bytes: Buffer;
    try {
      await waitForPort(port);
      bytes = await captureLoopback(port, async () => {
        for (const [i, study] of IMAGING_STUDIES.entries()) {
          const peer = ['-aet', device(study.device).aeTitle ?? '', '-aec', pacsAe];
          await run('echoscu', [...peer, '127.0.0.1', String(port)], dir);
          // -R: propose only the study's own SOP class, as a modality does (dcmtk's default
          // proposes every storage class it knows).
          const files = images[i] ?? [];
          await run('storescu', ['-R', ...peer, '127.0.0.1', String(port), ...files], dir);
        }
      });
    } finally {
      await stop(scp, 'SIGTERM');
    }
    const { records } = await readCaptureAll(new Uint8Array(bytes));
    // The modalities send minutes apart, each verifying the PACS just before it sends.
    const delays = IMAGING_STUDIES.flatMap((_, i) => [i * 240, i * 240]);
    const packets = rewriteLoopback(records, {
      listenPort: port,
      serverPort: 104,
      server: host(pacs),
      // Each modality opens two associations: C-ECHO, then C-STORE.
      clients: IMAGING_STUDIES.flatMap((s) => [host(device(s.device)), host(device(s.device))]),
      vlan: 300,
      start: DEMO_TIMES.imagingCapture,
      delays,
    });
    return writePcap(packets);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
