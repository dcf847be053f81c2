/**
 * Runs the real `wardline serve --demo` (the built CLI, as a user runs it) on a free port with a
 * fresh data folder, and reads the one-time bootstrap token it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  readonly origin: string;
  readonly pid: number;
  readonly bootstrapToken: string;
  stop(): Promise<void>;
}

const ROOT = new URL('../../', import.meta.url).pathname;
export const CLI = join(ROOT, 'bin', 'wardline.js');
export const BUILT =
  existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js')) &&
  existsSync(join(ROOT, 'dist', 'web', 'index.html'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('No port.'));
      });
    });
  });
}

export async function startWardline(extraArgs: readonly string[] = []): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wardline-browser-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--demo', '--data', dataDir, '--port', String(port), ...extraArgs],
    {
      env: { ...process.env, WARDLINE_LOG_LEVEL: 'warn', WARDLINE_MASTER_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const token = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`wardline serve printed no bootstrap token within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /bootstrap token: (\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`wardline serve exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    origin: `https://localhost:${port}`,
    pid: child.pid ?? 0,
    bootstrapToken: token,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
