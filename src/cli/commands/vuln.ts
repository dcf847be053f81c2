/**
 * `wardline vuln`: match one SBOM offline (`vuln match --sbom FILE [--feeds DIR] --json`, for a
 * device maker's pipeline or a hospital checking an SBOM it received), list the prioritized
 * vulnerabilities, match the whole inventory again, and export VEX, VDR or CSV.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { WardlineError } from '../../domain/errors.js';
import { PATIENT_SAFETY_IMPACTS, ZONE_KINDS } from '../../domain/inventory.js';
import type { PatientSafetyImpact, ZoneKind } from '../../domain/inventory.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../services/vuln/exports.js';
import {
  advisorySourceFromBundle,
  matchSbomFile,
  type SbomMatchReport,
} from '../../services/vuln/sbom-match.js';
import { createOutput } from '../output.js';
import { configFrom, withRuntime, type GlobalOptions } from '../runtime.js';

interface MatchOptions {
  readonly sbom: string;
  readonly feeds?: string;
  readonly patientSafety: PatientSafetyImpact;
  readonly zoneKind?: ZoneKind;
  readonly ephi?: boolean;
  readonly json?: boolean;
}

function matchCommand(): Command {
  return new Command('match')
    .description('match one SBOM against advisories without touching the inventory')
    .requiredOption('--sbom <file>', 'the SBOM (CycloneDX or SPDX, JSON or XML or tag-value)')
    .option('--feeds <dir>', 'a feed bundle folder to match against (default: the stored feeds)')
    .addOption(
      new Option('--patient-safety <impact>', 'rank as for a device of this patient-safety impact')
        .choices([...PATIENT_SAFETY_IMPACTS])
        .default('medium'),
    )
    .addOption(
      new Option('--zone-kind <kind>', 'rank as for a device in this kind of zone').choices([
        ...ZONE_KINDS,
      ]),
    )
    .option('--ephi', 'the device holds ePHI')
    .option('--json', 'one JSON line per match')
    .action(async (options: MatchOptions, command: Command) => {
      const rank = {
        patientSafety: options.patientSafety,
        zoneKind: options.zoneKind ?? null,
        holdsEphi: options.ephi === true,
        now: new Date(),
      };
      const report =
        options.feeds === undefined
          ? await withRuntime(
              configFrom(command.optsWithGlobals<GlobalOptions>()),
              async (runtime) =>
                matchSbomFile(options.sbom, await runtime.services.vuln.advisorySource(), rank),
            )
          : await matchSbomFile(options.sbom, await advisorySourceFromBundle(options.feeds), rank);
      if (options.json === true) {
        for (const row of report.matches) process.stdout.write(`${JSON.stringify(row)}\n`);
        return;
      }
      process.stdout.write(`${describeMatches(report)}\n`);
    });
}

function describeMatches(report: SbomMatchReport): string {
  const lines = report.matches.map(
    (m) =>
      `${m.ssvc.padEnd(6)} ${m.vulnId.padEnd(18)} ${`${m.component.name} ${m.component.version ?? ''}`.trim().padEnd(28)} ${m.kind.padEnd(12)} ${m.status}${m.kev ? ' KEV' : ''}${m.ransomware ? ' ransomware' : ''}${m.range === null ? '' : ` (${m.range})`}`,
  );
  lines.push(
    `${String(report.matches.length)} match(es) in ${String(report.components)} component(s) of ${report.sbom}, against ${String(report.advisories)} advisories.`,
  );
  return lines.join('\n');
}

export function vulnCommand(): Command {
  const vuln = new Command('vuln').description(
    'vulnerabilities: offline SBOM matching, the prioritized list, re-matching, exports',
  );
  vuln.addCommand(matchCommand());
  vuln
    .command('list')
    .description('vulnerabilities on the inventory, highest priority first')
    .option('--kev', 'only those in CISA KEV')
    .option('--overdue', 'only those with overdue findings')
    .option('--fix-available', 'missed patches: only those whose advisory names a fixed version')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print as JSON')
    .action(
      async (
        options: {
          kev?: boolean;
          overdue?: boolean;
          fixAvailable?: boolean;
          limit: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const page = await withRuntime(
          configFrom(command.optsWithGlobals<GlobalOptions>()),
          (runtime) =>
            runtime.services.vuln.listVulnerabilities({
              limit: Number(options.limit),
              ...(options.kev === true ? { kev: true } : {}),
              ...(options.overdue === true ? { overdue: true } : {}),
              ...(options.fixAvailable === true ? { fixAvailable: true } : {}),
            }),
        );
        createOutput(options.json === true).data(
          page,
          page.items
            .map(
              (v) =>
                `${v.decision.padEnd(6)} ${v.vulnId.padEnd(18)} ${String(v.open).padStart(4)} open ${String(v.overdue).padStart(4)} overdue${v.kev ? ' KEV' : ''}${v.ransomware ? ' ransomware' : ''}  ${v.title ?? ''}`,
            )
            .join('\n'),
        );
      },
    );
  vuln
    .command('rematch')
    .description('match every asset against every stored advisory again')
    .option('--json', 'print the counts as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const counts = await withRuntime(configFrom(command.optsWithGlobals<GlobalOptions>()), (r) =>
        r.services.vuln.rematchAll(),
      );
      createOutput(options.json === true).data(
        counts,
        `${String(counts.assets)} asset(s), ${String(counts.matches)} match(es): ${String(counts.opened)} opened, ${String(counts.reopened)} reopened, ${String(counts.verifiedFixed)} verified fixed, ${String(counts.notAffected)} not affected.`,
      );
    });
  vuln
    .command('export')
    .description('write VEX, VDR or CSV for one device model or the whole fleet')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices([...EXPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .option('--vendor <name>', 'the device model’s maker (with --model)')
    .option('--model <name>', 'the device model (with --vendor)')
    .option('--out <file>', 'write here instead of standard output')
    .action(
      async (
        options: { format: ExportFormat; vendor?: string; model?: string; out?: string },
        command: Command,
      ) => {
        if ((options.vendor === undefined) !== (options.model === undefined)) {
          throw new WardlineError('WL_CLI_USAGE', '--vendor and --model go together.');
        }
        const file = await withRuntime(configFrom(command.optsWithGlobals<GlobalOptions>()), (r) =>
          r.services.vuln.exportFindings({
            format: options.format,
            vendor: options.vendor,
            model: options.model,
          }),
        );
        if (options.out === undefined) process.stdout.write(file.body);
        else await writeFile(options.out, file.body);
      },
    );
  return vuln;
}
