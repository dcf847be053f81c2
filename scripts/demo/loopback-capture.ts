/**
 * Records real traffic on the loopback interface: `tcpdump -i lo` runs for as long as the given
 * work takes, filtered to one TCP port, and the capture's bytes come back. Needs tcpdump and root.
 * Every process started here is stopped by its own handle, even when the work fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';

/** How long any one step may take before it is abandoned. */
const STEP_TIMEOUT_MS = 20_000;

/** Runs `work` while tcpdump records TCP port `port` on `lo`; returns the pcap bytes. */
export async function captureLoopback(port: number, work: () => Promise<void>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'wardline-demo-capture-'));
  const path = join(dir, 'capture.pcap');
  const tcpdump = spawn(
    'tcpdump',
    ['-i', 'lo', '--immediate-mode', '-U', '-n', '-w', path, `tcp port ${String(port)}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await waitForOutput(tcpdump, /listening on/);
    await work();
    // Let the last FIN and ACK reach the capture before it stops.
    await delay(300);
    await stop(tcpdump, 'SIGINT');
    return await readFile(path);
  } finally {
    await stop(tcpdump, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs a command to its end; rejects with its standard error when it fails or hangs. */
export async function run(command: string, args: readonly string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not finish within ${String(STEP_TIMEOUT_MS)} ms`));
    }, STEP_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}: ${stderr}`);
  }
}

/** Resolves once something listens on the loopback port. */
export async function waitForPort(port: number): Promise<void> {
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
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${String(port)}.`);
    await delay(50);
  }
}

async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ${String(pattern)} within ${String(STEP_TIMEOUT_MS)} ms: ${seen}`));
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
      reject(new Error(`exited with ${String(code)} before ${String(pattern)}: ${seen}`));
    });
  });
}

/** Sends `signal` to a child started here and waits for it to exit. */
export async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
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
