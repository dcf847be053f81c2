import { Command, Option } from 'commander';
import { ROLES, isRole } from '../../domain/roles.js';
import { WardlineError } from '../../domain/errors.js';
import { createOutput } from '../output.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

const CLI_ACTOR = { id: null, name: 'cli', ip: null };

export function userCommand(): Command {
  const user = new Command('user').description('Wardline accounts');

  user
    .command('create')
    .description(
      'create an account with a one-time temporary password; it enrolls a second factor at first sign-in',
    )
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--display-name <name>', 'the name shown to others')
    .addOption(
      new Option('--role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory(),
    )
    .option('--email <address>', 'e-mail address (stored encrypted)')
    .option('--json', 'print as JSON')
    .action(
      async (
        options: {
          username: string;
          displayName: string;
          role: string[];
          email?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const roles = options.role.filter(isRole);
        if (roles.length !== options.role.length)
          throw new WardlineError('WL_CLI_USAGE', `Roles are: ${ROLES.join(', ')}.`);
        const config = configFrom(command.optsWithGlobals<GlobalOptions>());
        const created = await withRuntime(config, (runtime) =>
          runtime.services.users.create(CLI_ACTOR, {
            username: options.username,
            displayName: options.displayName,
            roles,
            ...(options.email !== undefined ? { email: options.email } : {}),
          }),
        );
        createOutput(options.json === true).data(
          created,
          `Created ${created.user.username} (${created.user.roles.join(', ')}). Temporary password, shown once: ${created.temporaryPassword}`,
        );
      },
    );

  user
    .command('reset-mfa')
    .description("remove a user's second factors and sessions; the next sign-in enrolls again")
    .argument('<username>', 'sign-in name')
    .option('--json', 'print as JSON')
    .action(async (username: string, options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const updated = await withRuntime(config, async (runtime) => {
        const target = await runtime.services.users.findByUsername(username);
        return runtime.services.users.resetMfa(CLI_ACTOR, target.id);
      });
      createOutput(options.json === true).data(
        updated,
        `Second factors of ${updated.username} removed; they enroll again at next sign-in.`,
      );
    });

  user
    .command('unlock')
    .description('lift a lockout after failed sign-ins before it runs out')
    .argument('<username>', 'sign-in name')
    .option('--json', 'print as JSON')
    .action(async (username: string, options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const updated = await withRuntime(config, async (runtime) => {
        const target = await runtime.services.users.findByUsername(username);
        return runtime.services.users.unlock(CLI_ACTOR, target.id);
      });
      createOutput(options.json === true).data(updated, `${updated.username} can sign in again.`);
    });

  return user;
}
