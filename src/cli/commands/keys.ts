import { Command } from 'commander';
import { rotateMasterKey } from '../../store/key-rotation.js';
import { createOutput } from '../output.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

export function keysCommand(): Command {
  const keys = new Command('keys').description('the master key that protects encrypted columns');
  keys
    .command('rotate')
    .description('make a new master key and re-wrap every data key under it')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const rotation = await withRuntime(config, async (runtime) => {
        const result = await rotateMasterKey(runtime.keyring, runtime.masterKey, {
          dataDir: config.dataDir,
        });
        await runtime.services.audit.record({
          actorName: 'cli',
          action: 'keys.rotate',
          outcome: 'success',
          details: { rewrapped: result.rewrapped, fingerprint: result.key.fingerprint },
        });
        return result;
      });
      const summary = {
        rewrapped: rotation.rewrapped,
        fingerprint: rotation.key.fingerprint,
        keyFile: rotation.keyFile ?? null,
        // Printed once, to the operator who asked: it must replace WARDLINE_MASTER_KEY.
        envValue: rotation.envValue ?? null,
      };
      const text =
        rotation.keyFile !== undefined
          ? `Re-wrapped ${rotation.rewrapped} data key(s); the new master key is in ${rotation.keyFile} (fingerprint ${rotation.key.fingerprint}).`
          : `Re-wrapped ${rotation.rewrapped} data key(s). Set WARDLINE_MASTER_KEY=${rotation.envValue ?? ''} before the next start (fingerprint ${rotation.key.fingerprint}).`;
      createOutput(options.json === true).data(summary, text);
    });
  return keys;
}
