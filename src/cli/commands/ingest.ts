/**
 * `wardline ingest KIND FILE`: import a scan, an inventory export or an SBOM into the inventory,
 * as a job with a progress bar. Captures go through `ingest capture` too (`discover` only reads).
 */
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import { WardlineError } from '../../domain/errors.js';
import { IMPORT_KINDS, type ImportKind, type ImportSummary } from '../../domain/import.js';
import type { ImportOptions } from '../../services/imports/reading.js';
import { readMappingFile } from '../../services/imports/mapping-file.js';
import { createOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

const CLI_ACTOR = { id: null, name: 'cli', ip: null };

interface IngestOptions {
  readonly json?: boolean;
  readonly mapping?: string;
  readonly asset?: string;
  readonly vendor?: string;
  readonly model?: string;
}

export function ingestCommand(): Command {
  return new Command('ingest')
    .description(
      'import a file into the inventory: a scan, an inventory export, an SBOM or a capture',
    )
    .addArgument(
      new Command().createArgument('<kind>', 'what the file is').choices([...IMPORT_KINDS]),
    )
    .argument('<file>', 'the file to import')
    .option('--mapping <file>', 'inventory: column mapping (YAML or JSON: Wardline field → column)')
    .option('--asset <id>', 'sbom: attach it to this asset')
    .addOption(new Option('--vendor <name>', 'sbom: attach it to this device model’s maker'))
    .addOption(new Option('--model <name>', 'sbom: attach it to this device model'))
    .option('--json', 'print the import summary as JSON')
    .action(async (kind: ImportKind, file: string, options: IngestOptions, command: Command) => {
      if ((options.vendor === undefined) !== (options.model === undefined)) {
        throw new WardlineError('WL_CLI_USAGE', '--vendor and --model go together.');
      }
      const importOptions: ImportOptions = {
        ...(options.mapping === undefined
          ? {}
          : { mapping: await readMappingFile(options.mapping) }),
        ...(options.asset === undefined ? {} : { assetId: options.asset }),
        ...(options.vendor === undefined ? {} : { vendor: options.vendor, model: options.model }),
      };
      const config = configFrom(command.optsWithGlobals<GlobalOptions>());
      const progress = createProgress(
        `Importing ${basename(file)}`,
        process.stderr.isTTY && options.json !== true,
      );
      const summary = await withRuntime(config, async (runtime) => {
        try {
          const result = await runtime.services.imports.run(
            CLI_ACTOR,
            { kind, path: file, fileName: basename(file), options: importOptions },
            (fraction, message) => {
              progress.update(fraction, message);
            },
          );
          return result.summary;
        } finally {
          progress.stop();
        }
      });
      createOutput(options.json === true).data(summary, describe(summary));
    });
}

function describe(summary: ImportSummary): string {
  if (summary.status === 'duplicate') {
    return `${summary.fileName} was already imported (${summary.duplicateOf ?? '?'}); nothing changed.`;
  }
  const c = summary.counts;
  const parts = [
    `${c.observations} device(s) read`,
    `${c.created} new asset(s)`,
    `${c.updated} updated`,
    `${c.unchanged} unchanged`,
    ...(c.flows > 0 ? [`${c.flows} conversation(s)`] : []),
    ...(c.components > 0 ? [`${c.components} SBOM component(s)`] : []),
    ...(summary.diagnostics > 0 ? [`${summary.diagnostics} diagnostic(s)`] : []),
  ];
  return `Imported ${summary.fileName} (${summary.id}): ${parts.join(', ')}.`;
}
