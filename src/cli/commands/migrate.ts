import { Command } from 'commander';
import { openStore } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { createOutput } from '../output.js';
import { configFrom, type GlobalOptions } from '../runtime.js';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema to the newest version')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      const store = openStore({
        databaseUrl: config.databaseUrl,
        sqlitePath: join(config.dataDir, 'wardline.db'),
      });
      try {
        const report = await migrateToLatest(store);
        const text =
          report.applied.length === 0
            ? 'The schema is up to date.'
            : `Applied: ${report.applied.join(', ')}`;
        createOutput(options.json === true).data({ store: store.description, ...report }, text);
      } finally {
        await store.close();
      }
    });
}
