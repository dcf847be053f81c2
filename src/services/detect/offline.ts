/**
 * Detection without a store, for `wardline detect`, `wardline hunt` and `wardline rules check`:
 * rules read from directories or files, log files read by content, every event completed and run
 * through one detector, correlations closed at the end. Memory stays flat in the number of events:
 * nothing is kept but the correlation windows.
 */
import { stat } from 'node:fs/promises';
import type { Detection } from '../../domain/detection.js';
import { readLogFile } from './ingest/log-files.js';
import { completeEvent } from './classify.js';
import { readRuleDirectory, type RuleEntry } from './rule-files.js';
import { detectorFor } from './rule-service.js';

export interface RuleCheckReport {
  readonly files: number;
  readonly rules: number;
  readonly compiled: number;
  /** Rules (or files) that do not run, with the reasons. */
  readonly failures: readonly { readonly where: string; readonly reasons: readonly string[] }[];
}

export async function loadRuleEntries(
  paths: readonly string[],
): Promise<{ entries: RuleEntry[]; problems: string[]; files: number }> {
  const entries: RuleEntry[] = [];
  const problems: string[] = [];
  let files = 0;
  for (const path of paths) {
    const read = await readRuleDirectory(path);
    entries.push(...read.entries);
    problems.push(...read.problems);
    files += read.files;
  }
  return { entries, problems, files };
}

/** Parses and compiles every rule under the paths and says which do not run, and why. */
export async function checkRules(
  paths: readonly string[],
  placeholders: ReadonlyMap<string, readonly string[]> = new Map(),
): Promise<RuleCheckReport> {
  const { entries, problems, files } = await loadRuleEntries(paths);
  const built = detectorFor(entries, placeholders);
  const failures = [
    ...problems.map((p) => {
      const cut = p.indexOf(': ');
      return {
        where: cut === -1 ? p : p.slice(0, cut),
        reasons: [cut === -1 ? p : p.slice(cut + 2)],
      };
    }),
    ...[...built.problems].map(([ruleId, reasons]) => {
      const entry = entries.find((e) => e.ruleId === ruleId);
      return { where: entry === undefined ? ruleId : `${entry.path} (${ruleId})`, reasons };
    }),
  ];
  // A file that yielded no rule because its rule did not parse counts as one rule that failed.
  const unparsed = new Set(problems.map((p) => p.slice(0, p.indexOf(': ')))).size;
  return {
    files,
    rules: entries.length + unparsed,
    compiled: entries.length - built.problems.size,
    failures,
  };
}

export interface DetectFilesOptions {
  readonly placeholders?: ReadonlyMap<string, readonly string[]>;
  /** Called with bytes read so far of the current file and its size, and events so far. */
  readonly onProgress?: (progress: { file: string; events: number; fraction: number }) => void;
  readonly onRejected?: (item: {
    file: string;
    code: string;
    message: string;
    position: string;
  }) => void;
}

/** Runs the rules over the files, yielding each detection as it is found. */
export async function* detectFiles(
  entries: readonly RuleEntry[],
  files: readonly string[],
  options: DetectFilesOptions = {},
): AsyncGenerator<Detection> {
  const { detector } = detectorFor(entries, options.placeholders ?? new Map());
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  const totalBytes = Math.max(
    1,
    sizes.reduce((a, b) => a + b, 0),
  );
  let doneBytes = 0;
  let events = 0;
  for (const [index, file] of files.entries()) {
    const receivedAt = new Date().toISOString();
    for await (const item of readLogFile(file)) {
      if (item.kind === 'rejected') {
        const d = item.diagnostic;
        options.onRejected?.({
          file,
          code: d.code,
          message: d.message,
          position: d.line === undefined ? `offset ${String(d.offset)}` : `line ${String(d.line)}`,
        });
        continue;
      }
      events += 1;
      yield* detector.process(completeEvent(item.event, null, receivedAt));
      if (events % 5_000 === 0) {
        options.onProgress?.({ file, events, fraction: doneBytes / totalBytes });
      }
    }
    doneBytes += sizes[index] ?? 0;
    options.onProgress?.({ file, events, fraction: doneBytes / totalBytes });
  }
  yield* detector.flush();
}

/** One line of `wardline detect --json`: the rule and the event(s) that prove it. */
export function detectionLine(detection: Detection): Record<string, unknown> {
  const [first] = detection.events;
  return {
    ruleId: detection.ruleId,
    title: detection.title,
    level: detection.level,
    kind: detection.kind,
    tags: detection.tags,
    techniques: detection.techniques,
    time: detection.time,
    ...(first?.host === undefined ? {} : { host: first.host }),
    ...(detection.groupKey === undefined ? {} : { groupKey: detection.groupKey }),
    ...(detection.kind === 'rule'
      ? { event: first?.data, origin: first?.origin }
      : { events: detection.events.map((e) => e.data), eventCount: detection.events.length }),
  };
}
