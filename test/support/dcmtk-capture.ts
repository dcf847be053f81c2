/**
 * Real DICOM traffic for the capture tests: dcmtk's `storescp` listens on a free loopback port,
 * `tcpdump` records that port, `storescu` sends a small generated image (a CT by default) and
 * `echoscu` verifies the connection; the result is a pcap file.
 *
 * Needs dcmtk (`storescp`, `storescu`, `echoscu`, `dump2dcm`), `tcpdump` and root (to capture on
 * `lo`). `describeWithDcmtk` skips its suite, saying what is missing, when they are not there;
 * with `CI` set it fails instead, since CI installs them (scripts/test.sh).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';

const TOOLS = ['storescp', 'storescu', 'echoscu', 'dump2dcm', 'tcpdump'] as const;
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
/** How long any one step may take before the capture is abandoned. */
const STEP_TIMEOUT_MS = 15_000;

/** What is missing to capture dcmtk traffic here, or null when nothing is. */
export function dcmtkCaptureMissing(): string | null {
  const missing = TOOLS.filter(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0,
  );
  const notRoot = process.getuid?.() !== 0;
  const parts = [
    ...(missing.length > 0
      ? [`${missing.join(', ')} not installed (apt-get install dcmtk tcpdump)`]
      : []),
    ...(notRoot ? ['not running as root, so tcpdump cannot capture on lo'] : []),
  ];
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * A suite that needs dcmtk and tcpdump: run when they are there, skipped under a title saying what
 * is missing when not, and a failing test when `CI` is set and they are missing.
 */
export function describeWithDcmtk(title: string, body: () => void): void {
  const missing = dcmtkCaptureMissing();
  if (missing === null) {
    describe(title, body);
  } else if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    describe(title, () => {
      it('needs dcmtk, tcpdump and root: CI installs them (scripts/test.sh)', () => {
        throw new Error(`Cannot capture DICOM traffic: ${missing}.`);
      });
    });
  } else {
    describe.skip(`${title} [SKIPPED: ${missing}]`, body);
  }
}

/** What traffic to make; every option has a default. */
export interface DcmtkCaptureOptions {
  /** Port storescp listens on; a free one when not given. */
  readonly port?: number;
  readonly scpAeTitle?: string;
  readonly scuAeTitle?: string;
  /** SOP Class of the image sent; CT Image Storage by default. */
  readonly sopClassUid?: string;
  /** Pixel bytes of the image, so the transfer spans several P-DATA-TF PDUs. */
  readonly pixelBytes?: number;
  /** Run echoscu after storescu (a second association). */
  readonly echo?: boolean;
}

/** The capture made, and what made it. */
export interface DcmtkCapture {
  readonly pcapPath: string;
  readonly port: number;
  readonly scpAeTitle: string;
  readonly scuAeTitle: string;
  readonly sopClassUid: string;
  /** Removes the temporary directory holding the capture and the image. */
  dispose(): void;
}

/** Makes the traffic and returns the capture. Stops every process it started, even on failure. */
export async function captureDcmtkTraffic(
  options: DcmtkCaptureOptions = {},
): Promise<DcmtkCapture> {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-dcmtk-'));
  const scpAeTitle = options.scpAeTitle ?? 'PACS_MAIN';
  const scuAeTitle = options.scuAeTitle ?? 'CT_LARKSPUR1';
  const sopClassUid = options.sopClassUid ?? CT_IMAGE_STORAGE;
  const started: ChildProcess[] = [];
  try {
    const image = join(dir, 'image.dcm');
    writeImageDump(dir, sopClassUid, options.pixelBytes ?? 131_072);
    await run('dump2dcm', ['image.dump', image], dir);
    const port = options.port ?? (await freePort());
    const scp = spawn('storescp', ['--ignore', '-aet', scpAeTitle, String(port)], {
      cwd: dir,
      stdio: 'ignore',
    });
    started.push(scp);
    // Wait for the listener before tcpdump starts, so this probe is not in the capture.
    await waitForPort(port);
    const pcapPath = join(dir, 'dicom.pcap');
    const tcpdump = spawn(
      'tcpdump',
      ['-i', 'lo', '--immediate-mode', '-U', '-n', '-w', pcapPath, `tcp port ${port}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    started.push(tcpdump);
    await waitForOutput(tcpdump, /listening on/);
    const peer = ['-aet', scuAeTitle, '-aec', scpAeTitle, '127.0.0.1', String(port)];
    await run('storescu', [...peer, image], dir);
    if (options.echo !== false) await run('echoscu', peer, dir);
    // Let the last FIN and ACK reach the capture before it stops.
    await delay(300);
    await stop(tcpdump, 'SIGINT');
    return {
      pcapPath,
      port,
      scpAeTitle,
      scuAeTitle,
      sopClassUid,
      dispose: () => {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    for (const child of started) await stop(child, 'SIGTERM');
  }
}

/** A dcmtk dump of a minimal image of the SOP class, pixel data read from a raw file. */
function writeImageDump(dir: string, sopClassUid: string, pixelBytes: number): void {
  const side = Math.max(1, Math.floor(Math.sqrt(pixelBytes / 2)));
  writeFileSync(join(dir, 'pixels.raw'), new Uint8Array(side * side * 2));
  const dump = [
    `(0008,0016) UI [${sopClassUid}]`,
    '(0008,0018) UI [2.25.314159265358979323846264338327950288]',
    '(0008,0060) CS [CT]',
    '(0010,0010) PN [WARDLINE^TEST]',
    '(0010,0020) LO [WL-TEST-0001]',
    '(0020,000d) UI [2.25.271828182845904523536028747135266249]',
    '(0020,000e) UI [2.25.161803398874989484820458683436563811]',
    '(0028,0002) US 1',
    '(0028,0004) CS [MONOCHROME2]',
    `(0028,0010) US ${side}`,
    `(0028,0011) US ${side}`,
    '(0028,0100) US 16',
    '(0028,0101) US 12',
    '(0028,0102) US 11',
    '(0028,0103) US 0',
    '(7fe0,0010) OW =pixels.raw',
  ];
  writeFileSync(join(dir, 'image.dump'), dump.join('\n') + '\n');
}

async function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${STEP_TIMEOUT_MS} ms`));
    }, STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`);
}

/** `preferred` when nothing listens on it, else a port the system picks. */
export async function freePort(preferred = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', (error) => {
      if (preferred === 0) reject(error);
      else resolve(freePort());
    });
    server.listen(preferred, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`storescp did not listen on ${port}`);
    await delay(50);
  }
}

async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ${String(pattern)} within ${STEP_TIMEOUT_MS} ms: ${seen}`));
    }, STEP_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${String(pattern)}: ${seen}`));
    });
  });
}

/** Sends `signal` to a child this helper started (by its own handle) and waits for it to exit. */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
