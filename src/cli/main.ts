/**
 * `wardline`: the command line. Each command lives in its own file and calls services only.
 * Failures print `code: message` on stderr and exit non-zero.
 */
import { Command, CommanderError } from 'commander';
import { packageVersion } from '../config/paths.js';
import { WardlineError } from '../domain/errors.js';
import { auditCommand } from './commands/audit.js';
import { detectionCommands } from './commands/detect.js';
import { discoverCommand } from './commands/discover.js';
import { feedsCommand } from './commands/feeds.js';
import { ingestCommand } from './commands/ingest.js';
import { keysCommand } from './commands/keys.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { userCommand } from './commands/user.js';
import { versionCommand } from './commands/version.js';
import { vulnCommand } from './commands/vuln.js';
import { reportFailure } from './output.js';

export function buildProgram(): Command {
  const program = new Command('wardline')
    .description('Identify and mitigate cyber threats in a healthcare organization.')
    .option(
      '--data <dir>',
      'data folder (database, keys, TLS certificate); default ./wardline-data',
    )
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined });
  for (const command of [
    serveCommand(),
    migrateCommand(),
    userCommand(),
    ingestCommand(),
    discoverCommand(),
    feedsCommand(),
    vulnCommand(),
    ...detectionCommands(),
    auditCommand(),
    keysCommand(),
    versionCommand(),
  ]) {
    program.addCommand(command);
  }
  for (const command of allCommands(program))
    command.exitOverride().configureOutput({ writeErr: () => undefined });
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...allCommands(child)]);
}

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.exitCode === 0) return 0;
      return reportFailure(
        new WardlineError('WL_CLI_USAGE', thrown.message.replace(/^error: /, '')),
      );
    }
    return reportFailure(thrown);
  }
}
