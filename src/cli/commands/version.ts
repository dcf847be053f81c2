import { Command } from 'commander';
import { packageVersion } from '../../config/paths.js';
import { createOutput } from '../output.js';

export function versionCommand(): Command {
  return new Command('version')
    .description('print the Wardline version and runtime')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const version = { wardline: packageVersion(), node: process.version };
      createOutput(options.json === true).data(
        version,
        `wardline ${version.wardline} (node ${version.node})`,
      );
    });
}
