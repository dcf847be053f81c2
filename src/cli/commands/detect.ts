/**
 * Detection on the command line. Offline, with no store: `wardline detect --rules DIR --events
 * FILE…` prints one line per alert; `wardline hunt --rules DIR FILE…` does the same with a progress
 * bar and a count per rule; `wardline rules check DIR` says which rules do not compile and why.
 * On the store: `wardline rules load|list`, `wardline sources create|list`, and `wardline logs
 * import FILE…`, which sends files through the same pipeline as live events (alerts, dead letters).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import {
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  type Detection,
  type EventShape,
  type IngestProtocol,
} from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { SYSTEM_ACTOR } from '../../services/context.js';
import {
  INVENTORY_PLACEHOLDERS,
  SETTINGS_PLACEHOLDERS,
} from '../../services/detect/placeholders.js';
import { readLogFile } from '../../services/detect/ingest/log-files.js';
import {
  checkRules,
  detectFiles,
  detectionLine,
  loadRuleEntries,
} from '../../services/detect/offline.js';
import { createOutput } from '../output.js';
import { createProgress } from '../progress.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

const CLI_ACTOR = { ...SYSTEM_ACTOR, name: 'cli' };
const BATCH = 1_000;

/** Placeholders from a file; Wardline's known ones default to empty (they then match nothing). */
async function readPlaceholders(file: string | undefined): Promise<Map<string, string[]>> {
  const known = Object.keys({ ...INVENTORY_PLACEHOLDERS, ...SETTINGS_PLACEHOLDERS });
  const map = new Map<string, string[]>(known.map((name) => [name, []]));
  if (file === undefined) return map;
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WardlineError('WL_CLI_USAGE', 'Placeholders must be a JSON object of string lists.');
  }
  for (const [name, values] of Object.entries(parsed)) {
    if (Array.isArray(values)) map.set(name, values.map(String));
  }
  return map;
}

function describe(detection: Detection): string {
  const [first] = detection.events;
  const where = first?.host ?? detection.groupKey ?? '';
  const techniques =
    detection.techniques.length === 0 ? '' : ` [${detection.techniques.join(',')}]`;
  return `${detection.time} ${detection.level.padEnd(8)} ${detection.title}${techniques} ${where}`.trimEnd();
}

interface RunOptions {
  readonly rules: string[];
  readonly placeholders?: string;
  readonly json?: boolean;
}

async function runDetection(
  files: readonly string[],
  options: RunOptions,
  progress: boolean,
): Promise<Map<string, number>> {
  const { entries, problems } = await loadRuleEntries(options.rules);
  for (const problem of problems) process.stderr.write(`rule skipped: ${problem}\n`);
  const bar = createProgress('hunt', progress && process.stderr.isTTY);
  const counts = new Map<string, number>();
  let rejected = 0;
  try {
    for await (const detection of detectFiles(entries, files, {
      placeholders: await readPlaceholders(options.placeholders),
      onProgress: (p) => {
        bar.update(p.fraction, `${String(p.events)} events, ${basename(p.file)}`);
      },
      onRejected: () => {
        rejected += 1;
      },
    })) {
      counts.set(detection.title, (counts.get(detection.title) ?? 0) + 1);
      process.stdout.write(
        `${options.json === true ? JSON.stringify(detectionLine(detection)) : describe(detection)}\n`,
      );
    }
  } finally {
    bar.stop();
  }
  if (rejected > 0) process.stderr.write(`${String(rejected)} record(s) could not be read\n`);
  return counts;
}

/** `--rules` may be given more than once; it takes one path each time, so files can follow it. */
const rulesOption = (): Option =>
  new Option('--rules <dir>', 'a Sigma rule directory or file (repeatable)')
    .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .makeOptionMandatory();

function detectCommand(): Command {
  return new Command('detect')
    .description('run Sigma rules over log files and print one alert per line')
    .addOption(rulesOption())
    .requiredOption(
      '--events <file...>',
      'log files: EVTX, JSON lines, EVE, Zeek, Entra, Okta, FHIR, ATNA, syslog',
    )
    .option('--placeholders <file>', 'JSON object: placeholder name → values for |expand')
    .option('--json', 'one JSON object per alert: rule id, title, level, tags and the event')
    .action(async (options: RunOptions & { events: string[] }) => {
      await runDetection(options.events, options, false);
    });
}

function huntCommand(): Command {
  return new Command('hunt')
    .description('hunt through log files after the fact with a rule set, with a progress bar')
    .addOption(rulesOption())
    .argument('<files...>', 'log files')
    .option('--placeholders <file>', 'JSON object: placeholder name → values for |expand')
    .option('--json', 'one JSON object per detection')
    .action(async (files: string[], options: RunOptions) => {
      const counts = await runDetection(files, options, true);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const lines = [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${String(n).padStart(7)}  ${t}`);
      process.stderr.write(`${[...lines, `${String(total)} detection(s)`].join('\n')}\n`);
    });
}

function rulesCommand(): Command {
  const rules = new Command('rules').description('Sigma rules: check, load into Wardline, list');
  rules
    .command('check')
    .description(
      'parse and compile every rule under the directories; list those that do not compile',
    )
    .argument('<dirs...>', 'rule directories or files')
    .option('--placeholders <file>', 'JSON object: placeholder name → values for |expand')
    .option('--json', 'print the report as JSON')
    .action(async (dirs: string[], options: { placeholders?: string; json?: boolean }) => {
      const report = await checkRules(dirs, await readPlaceholders(options.placeholders));
      const share = report.rules === 0 ? 0 : (100 * report.compiled) / report.rules;
      const text = [
        ...report.failures.map((f) => `${f.where}\n    ${f.reasons.join('\n    ')}`),
        `${String(report.compiled)} of ${String(report.rules)} rule(s) in ${String(report.files)} file(s) compile (${share.toFixed(2)}%).`,
      ].join('\n');
      createOutput(options.json === true).data(report, text);
    });
  rules
    .command('load')
    .description('load (or refresh) every rule under a directory into Wardline, enabled')
    .argument('<dir>', 'rule directory or file')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { json?: boolean }, command: Command) => {
      const result = await withRuntime(configFrom(command.optsWithGlobals<GlobalOptions>()), (r) =>
        r.services.detection.rules.loadDirectory(dir, CLI_ACTOR),
      );
      const runs = result.rules.filter((rule) => rule.problems.length === 0).length;
      createOutput(options.json === true).data(
        { rules: result.rules.length, runs, problems: result.problems },
        `${String(result.rules.length)} rule(s) loaded, ${String(runs)} run; ${String(result.problems.length)} problem(s).`,
      );
    });
  rules
    .command('list')
    .description('the rules Wardline holds')
    .option('--q <text>', 'title or id contains')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print as JSON')
    .action(async (options: { q?: string; limit: string; json?: boolean }, command: Command) => {
      const page = await withRuntime(
        configFrom(command.optsWithGlobals<GlobalOptions>()),
        async (r) => {
          await r.services.detection.ensureBundledRules();
          return r.services.detection.rules.list({
            limit: Number(options.limit),
            ...(options.q === undefined ? {} : { q: options.q }),
          });
        },
      );
      createOutput(options.json === true).data(
        page,
        page.items
          .map(
            (r) =>
              `${r.enabled ? 'on ' : 'off'} ${r.level.padEnd(8)} ${r.title}${r.problems.length > 0 ? ' (does not run)' : ''}`,
          )
          .join('\n'),
      );
    });
  return rules;
}

function sourcesCommand(): Command {
  const sources = new Command('sources').description('event sources: create, list');
  sources
    .command('create')
    .description('declare a source; an http source prints its ingest token once')
    .argument('<name>', 'source name')
    .addOption(
      new Option('--protocol <protocol>', 'how events arrive')
        .choices([...INGEST_PROTOCOLS])
        .default('http'),
    )
    .option('--product <product>', 'declared Sigma product')
    .option('--service <service>', 'declared Sigma service')
    .option('--category <category>', 'declared Sigma category')
    .addOption(new Option('--shape <shape>', 'declared event shape').choices([...EVENT_SHAPES]))
    .option('--json', 'print as JSON')
    .action(
      async (
        name: string,
        options: {
          protocol: IngestProtocol;
          product?: string;
          service?: string;
          category?: string;
          shape?: EventShape;
          json?: boolean;
        },
        command: Command,
      ) => {
        const created = await withRuntime(
          configFrom(command.optsWithGlobals<GlobalOptions>()),
          (r) =>
            r.services.detection.sources.create(
              {
                name,
                protocol: options.protocol,
                logsource: {
                  ...(options.product === undefined ? {} : { product: options.product }),
                  ...(options.service === undefined ? {} : { service: options.service }),
                  ...(options.category === undefined ? {} : { category: options.category }),
                },
                shape: options.shape ?? null,
              },
              CLI_ACTOR,
            ),
        );
        createOutput(options.json === true).data(
          created,
          `Source ${created.source.name} (${created.source.id})${created.token === undefined ? '' : `\nToken (shown once): ${created.token}`}`,
        );
      },
    );
  sources
    .command('list')
    .description('sources with their counters')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withRuntime(configFrom(command.optsWithGlobals<GlobalOptions>()), (r) =>
        r.services.detection.sources.list(),
      );
      createOutput(options.json === true).data(
        list,
        list
          .map(
            (s) =>
              `${s.name.padEnd(24)} ${s.protocol.padEnd(10)} ${String(s.eventsTotal).padStart(9)} events ${String(s.errorsTotal).padStart(6)} errors ${String(s.droppedTotal).padStart(6)} dropped  last ${s.lastEventAt ?? 'never'}`,
          )
          .join('\n'),
      );
    });
  return sources;
}

function logsCommand(): Command {
  const logs = new Command('logs').description('log files into Wardline');
  logs
    .command('import')
    .description(
      'send log files through detection: events kept, alerts raised, bad records kept as dead letters',
    )
    .argument('<files...>', 'log files')
    .option('--source <name>', 'the source to count them under', 'files')
    .option('--json', 'print the counts as JSON')
    .action(
      async (files: string[], options: { source: string; json?: boolean }, command: Command) => {
        const totals = await withRuntime(
          configFrom(command.optsWithGlobals<GlobalOptions>()),
          async (r) => {
            const detection = r.services.detection;
            await detection.ensureBundledRules();
            const source = await detection.sources.ensure(options.source, 'file', CLI_ACTOR);
            const sum = { accepted: 0, rejected: 0, detections: 0, alerts: 0 };
            for (const [index, file] of files.entries()) {
              let batch = [];
              const last = index === files.length - 1;
              for await (const item of readLogFile(file)) {
                batch.push(item);
                if (batch.length < BATCH) continue;
                add(sum, await detection.sources.ingest(source, batch));
                batch = [];
              }
              add(sum, await detection.sources.ingest(source, batch, last));
            }
            return sum;
          },
        );
        createOutput(options.json === true).data(
          totals,
          `${String(totals.accepted)} event(s) read, ${String(totals.rejected)} rejected; ${String(totals.detections)} detection(s), ${String(totals.alerts)} new alert(s).`,
        );
      },
    );
  return logs;
}

function add(
  sum: { accepted: number; rejected: number; detections: number; alerts: number },
  result: {
    accepted: number;
    rejected: number;
    detections: number;
    alertsOpened: readonly unknown[];
  },
): void {
  sum.accepted += result.accepted;
  sum.rejected += result.rejected;
  sum.detections += result.detections;
  sum.alerts += result.alertsOpened.length;
}

export function detectionCommands(): Command[] {
  return [detectCommand(), huntCommand(), rulesCommand(), sourcesCommand(), logsCommand()];
}
