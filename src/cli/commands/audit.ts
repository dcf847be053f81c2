import { Command } from 'commander';
import { WardlineError } from '../../domain/errors.js';
import { createOutput } from '../output.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain of the whole audit log and report the first broken link')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const result = await withRuntime(config, (runtime) => runtime.services.audit.verify());
      const output = createOutput(options.json === true);
      if (result.ok) {
        output.data(result, `Audit log intact: ${result.checked} entries verified.`);
        return;
      }
      output.data(result, '');
      const broken = result.firstBroken;
      throw new WardlineError(
        'WL_AUDIT_CHAIN_BROKEN',
        `Audit log broken at entry ${broken?.seq ?? '?'}: ${broken?.reason ?? 'unknown'} (${result.checked} entries checked before it).`,
      );
    });
  return audit;
}
