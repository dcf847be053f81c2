/**
 * The demo's day of logs (`demo/logs/`, listed in `DEMO_LOG_FILES`) through the detection service,
 * the way a hospital's collectors would send them: the bundled rules loaded, the demo's
 * placeholder values saved, then each file read by the reader its content calls for and ingested
 * under its own file source in batches, the last batch closing the correlation windows.
 */
import { join } from 'node:path';
import type { LogReadItem } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import type { Actor } from '../context.js';
import type { DetectionService } from '../detect/detection-service.js';
import { readLogFile } from '../detect/ingest/log-files.js';
import { DEMO_LOG_FILES, DEMO_PLACEHOLDERS, type DemoLogFile } from './demo-story.js';

/** Records per ingest batch. */
const BATCH = 1_000;

/** What ingesting one demo log file did. */
export interface DemoLogLoad {
  readonly path: string;
  readonly source: string;
  readonly accepted: number;
  readonly rejected: number;
  readonly detections: number;
  readonly alertsOpened: number;
}

async function ingestFile(
  detection: DetectionService,
  folder: string,
  file: DemoLogFile,
  actor: Actor,
): Promise<DemoLogLoad> {
  const source = await detection.sources.ensure(file.source, 'file', actor);
  const totals = { accepted: 0, rejected: 0, detections: 0, alertsOpened: 0 };
  const send = async (batch: readonly LogReadItem[], flush: boolean): Promise<void> => {
    const result = await detection.sources.ingest(source, batch, flush);
    totals.accepted += result.accepted;
    totals.rejected += result.rejected;
    totals.detections += result.detections;
    totals.alertsOpened += result.alertsOpened.length;
  };
  let batch: LogReadItem[] = [];
  for await (const item of readLogFile(join(folder, file.path), { source: file.source })) {
    // A full batch waits until the next item shows it is not the last one.
    if (batch.length === BATCH) {
      await send(batch, false);
      batch = [];
    }
    batch.push(item);
  }
  await send(batch, true);
  return { path: file.path, source: file.source, ...totals };
}

/** Loads the bundled rules, sets the demo's placeholders and ingests every demo log file. */
export async function loadDemoLogs(
  detection: DetectionService,
  folder: string,
  actor: Actor,
): Promise<DemoLogLoad[]> {
  const loads: DemoLogLoad[] = [];
  let current = '';
  try {
    await detection.ensureBundledRules();
    const stored = await detection.placeholders();
    await detection.savePlaceholders({ ...DEMO_PLACEHOLDERS, ...stored }, actor);
    for (const file of DEMO_LOG_FILES) {
      current = file.path;
      loads.push(await ingestFile(detection, folder, file, actor));
    }
  } catch (error) {
    throw new WardlineError(
      'WL_DEMO_FAILED',
      current === ''
        ? 'The demo could not prepare detection (rules, placeholders).'
        : `The demo log ${current} could not be ingested from ${folder}.`,
      { cause: error, details: { path: current } },
    );
  }
  return loads;
}
