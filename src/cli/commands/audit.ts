import { Command } from 'commander';
import { formatAuditAnchor, parseAuditAnchor } from '../../domain/audit-hash.js';
import { WardlineError } from '../../domain/errors.js';
import { createOutput } from '../output.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the hash chain of the whole audit log and report the first broken link')
    .option('--anchor <seq:hash>', 'also check the log still holds this entry (from `audit head`)')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean; anchor?: string }, command: Command) => {
      const anchor = options.anchor === undefined ? undefined : parseAuditAnchor(options.anchor);
      if (options.anchor !== undefined && anchor === undefined) {
        throw new WardlineError(
          'WL_CLI_USAGE',
          '--anchor takes SEQ:HASH as `audit head` prints it.',
        );
      }
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const result = await withRuntime(config, (runtime) => runtime.services.audit.verify(anchor));
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
  audit
    .command('head')
    .description(
      'print the newest entry as SEQ:HASH, to keep outside Wardline and pass to `verify --anchor` later',
    )
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const head = await withRuntime(config, (runtime) => runtime.services.audit.head());
      if (head === undefined) throw new WardlineError('WL_NOT_FOUND', 'The audit log is empty.');
      createOutput(options.json === true).data(head, formatAuditAnchor(head));
    });
  return audit;
}
