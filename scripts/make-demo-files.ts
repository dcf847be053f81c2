/**
 * Writes the demo hospital's files into `demo/` from `src/services/demo/demo-hospital.ts`: the
 * CMMS and CMDB exports with their mappings, the Nmap and Greenbone scans, the device SBOMs, the
 * captures, the feed bundle and a day of logs (`scripts/demo-logs.ts`). `wardline serve --demo` imports them; a maintainer runs this after changing the
 * demo hospital and commits the result.
 *
 *   npx tsx scripts/make-demo-files.ts                 # everything (root: tcpdump on lo)
 *   npx tsx scripts/make-demo-files.ts --no-traffic    # all but the DICOM and HL7 captures
 *
 * Everything but the DICOM and HL7 captures is deterministic: a second run rewrites nothing. Those
 * two come from real software (dcmtk, a Node MLLP peer) timed by tcpdump, so their bytes change
 * from run to run while what they say does not.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CAPTURES } from '../src/services/demo/demo-files.js';
import { dcmtkCaptureMissing } from '../test/support/dcmtk-capture.js';
import { clinicalDhcpCapture } from './demo/dhcp-capture.js';
import { imagingVlanCapture } from './demo/dicom-capture.js';
import { labHl7Capture } from './demo/hl7-capture.js';
import { demoFeedFiles } from './demo/feed-files.js';
import { demoTextFiles } from './demo/text-files.js';
import { demoLogFiles } from './demo-logs.js';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo');
/** Captures are committed: keep each well under this. */
const MAX_CAPTURE_BYTES = 1024 * 1024;

async function write(path: string, content: string | Uint8Array): Promise<void> {
  const target = join(DEMO, path);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const before = await readFile(target).catch(() => null);
  const state = before?.equals(bytes) === true ? 'unchanged' : 'written';
  if (state === 'written') {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  process.stdout.write(`${state.padEnd(9)} demo/${path} (${String(bytes.length)} bytes)\n`);
}

async function writeCapture(path: string, make: () => Promise<Uint8Array>): Promise<void> {
  const bytes = await make();
  if (bytes.length > MAX_CAPTURE_BYTES) {
    throw new Error(`demo/${path} is ${String(bytes.length)} bytes; keep captures under 1 MiB.`);
  }
  await write(path, bytes);
}

async function main(): Promise<void> {
  const traffic = !process.argv.includes('--no-traffic');
  for (const [path, text] of await demoTextFiles()) await write(path, text);
  for (const [path, content] of await demoFeedFiles()) await write(path, content);
  for (const [path, text] of demoLogFiles()) await write(path, text);
  await write(DEMO_CAPTURES.dhcp, clinicalDhcpCapture());
  if (!traffic) return;
  const missing = dcmtkCaptureMissing();
  if (missing !== null) {
    throw new Error(`Cannot capture the DICOM and HL7 traffic: ${missing}. Use --no-traffic.`);
  }
  await writeCapture(DEMO_CAPTURES.imaging, imagingVlanCapture);
  await writeCapture(DEMO_CAPTURES.hl7, labHl7Capture);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
