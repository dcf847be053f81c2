/**
 * `wardline feeds import PATH`: load a feed bundle (a folder of KEV, EPSS, NVD, CVE, OSV and CSAF
 * files, as carried into an air-gapped hospital) or one feed file. `wardline feeds sync`: fetch the
 * feeds online. `wardline feeds status`: what each feed holds and when it was last loaded.
 */
import { Command } from 'commander';
import type { FeedImportSummary } from '../../services/feeds/feed-service.js';
import type { SyncSummary } from '../../services/feeds/sync-service.js';
import { createOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

const CLI_ACTOR = { id: null, name: 'cli', ip: null };

export function feedsCommand(): Command {
  const feeds = new Command('feeds').description(
    'advisory feeds: KEV, EPSS, NVD, CVE, OSV and device makers’ CSAF advisories',
  );
  feeds
    .command('import')
    .description('import a feed bundle folder or one feed file (offline)')
    .argument('<path>', 'a folder of feed files, or one file')
    .option('--json', 'print the summary as JSON')
    .action(async (path: string, options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const progress = createProgress(
        'Importing feeds',
        process.stderr.isTTY && options.json !== true,
      );
      const summary = await withRuntime(config, async (runtime) => {
        try {
          return await runtime.services.feeds.importPath(CLI_ACTOR, path, (fraction, file) => {
            progress.update(fraction, file);
          });
        } finally {
          progress.stop();
        }
      });
      createOutput(options.json === true).data(summary, describeImport(summary));
    });
  feeds
    .command('sync')
    .description(
      'fetch the feeds online (KEV, EPSS, NVD changes since the last sync, CSAF providers)',
    )
    .option('--only <feeds>', 'comma-separated: kev,epss,nvd,csaf')
    .option('--nvd-api-key <key>', 'NVD API key (or WARDLINE_NVD_API_KEY)')
    .option('--json', 'print the summary as JSON')
    .action(
      async (options: { only?: string; nvdApiKey?: string; json?: boolean }, command: Command) => {
        const config = configFrom(command.optsWithGlobals<GlobalOptions>());
        const summary = await withRuntime(config, (runtime) =>
          runtime.services.feedSync.sync(CLI_ACTOR, {
            only: options.only?.split(',').map((s) => s.trim()) ?? null,
            nvdApiKey: options.nvdApiKey ?? process.env.WARDLINE_NVD_API_KEY ?? null,
            onProgress: (message) => {
              if (options.json !== true) process.stderr.write(`${message}\n`);
            },
          }),
        );
        createOutput(options.json === true).data(summary, describeSync(summary));
      },
    );
  feeds
    .command('status')
    .description('what each feed holds and when it was last loaded')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const statuses = await withRuntime(config, (runtime) => runtime.services.feeds.statuses());
      createOutput(options.json === true).data(
        statuses,
        statuses
          .map(
            (s) =>
              `${s.feed.padEnd(5)} ${String(s.records).padStart(8)} record(s)  last ${s.lastImportedAt ?? 'never'}${s.lastVersion === null ? '' : ` (${s.lastVersion})`}`,
          )
          .join('\n'),
      );
    });
  return feeds;
}

function describeImport(summary: FeedImportSummary): string {
  const lines = summary.files.map(
    (f) =>
      `${f.status.padEnd(9)} ${(f.feed ?? '-').padEnd(5)} ${f.file}${f.records > 0 ? ` ${String(f.records)} record(s)` : ''}${f.errors > 0 ? `, ${String(f.errors)} error(s)` : ''}${f.reason === null ? '' : ` — ${f.reason}`}`,
  );
  lines.push(
    `${String(summary.advisories)} advisory record(s), ${String(summary.kevEntries)} KEV entries, ${String(summary.epssScores)} EPSS scores imported.`,
  );
  return lines.join('\n');
}

function describeSync(summary: SyncSummary): string {
  return summary.feeds
    .map(
      (f) =>
        `${f.feed.padEnd(5)} ${f.status}${f.records > 0 ? `: ${String(f.records)} record(s)` : ''}${f.reason === null ? '' : ` — ${f.reason}`}`,
    )
    .join('\n');
}
