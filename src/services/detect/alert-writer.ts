/**
 * Detections become alerts. Each detection is tied to an asset (from the host name or IP of its
 * first event), checked against the active suppressions, and folded into the open alert with the
 * same rule, asset (or host) and group seen within the aggregation window; otherwise it opens a
 * new alert. A flood of one detection is one alert with a count, never a thousand rows.
 */
import type { Kysely } from 'kysely';
import type { Alert, Detection, Suppression } from '../../domain/detection.js';
import { newId } from '../../domain/ids.js';
import * as alertRepo from '../../store/alert-repo.js';
import { inTransaction } from '../../store/db-helpers.js';
import type { Database } from '../../store/schema.js';
import type { Keyring } from '../../store/sealing.js';
import type { AssetResolver, ResolvedAsset } from './asset-resolver.js';

/** Events kept with one alert at most; the count goes on. */
export const MAX_ALERT_EVENTS = 20;
/** Detections of one key within this window fold into one alert. */
export const DEFAULT_AGGREGATION_MINUTES = 60;

export interface AlertWriteResult {
  readonly opened: readonly Alert[];
  readonly folded: number;
  readonly suppressed: number;
}

function suppresses(
  s: Suppression,
  d: Detection,
  asset: ResolvedAsset | null,
  host: string | null,
) {
  if (s.ruleId !== null && s.ruleId !== d.ruleId) return false;
  if (s.assetId !== null && s.assetId !== asset?.id) return false;
  if (s.host !== null && s.host.toLowerCase() !== host?.toLowerCase()) return false;
  return true;
}

function hostOf(detection: Detection): string | null {
  for (const event of detection.events) if (event.host !== undefined) return event.host;
  return null;
}

function newAlert(
  detection: Detection,
  asset: ResolvedAsset | null,
  host: string | null,
  sourceId: string | null,
  now: string,
): Alert {
  return {
    id: newId('alert'),
    ruleId: detection.ruleId,
    title: detection.title,
    level: detection.level,
    tags: detection.tags,
    techniques: detection.techniques,
    ...(detection.description === undefined ? {} : { description: detection.description }),
    kind: detection.kind,
    status: 'new',
    assetId: asset?.id ?? null,
    assetName: asset?.name ?? null,
    host,
    groupKey: detection.groupKey ?? null,
    count: 1,
    firstSeen: detection.events[0]?.time ?? detection.time,
    lastSeen: detection.time,
    sourceId,
    incidentId: null,
    statusNote: null,
    updatedAt: now,
  };
}

export interface AlertWriterDeps {
  readonly db: Kysely<Database>;
  readonly keyring: Keyring;
  readonly resolver: AssetResolver;
  readonly aggregationMinutes?: number;
}

export async function writeAlerts(
  deps: AlertWriterDeps,
  detections: readonly Detection[],
  sourceId: string | null,
  now: string,
): Promise<AlertWriteResult> {
  if (detections.length === 0) return { opened: [], folded: 0, suppressed: 0 };
  const suppressions = await alertRepo.activeSuppressions(deps.db, now);
  const windowMs = (deps.aggregationMinutes ?? DEFAULT_AGGREGATION_MINUTES) * 60_000;
  const opened: Alert[] = [];
  let folded = 0;
  let suppressed = 0;
  const resolved: { detection: Detection; asset: ResolvedAsset | null; host: string | null }[] = [];
  for (const detection of detections) {
    const first = detection.events[0];
    const asset = first === undefined ? null : await deps.resolver.resolve(first);
    const host = hostOf(detection);
    if (suppressions.some((s) => suppresses(s, detection, asset, host))) suppressed += 1;
    else resolved.push({ detection, asset, host });
  }
  await inTransaction(deps.db, async (trx) => {
    for (const { detection, asset, host } of resolved) {
      const dedupKey = [detection.ruleId, asset?.id ?? host ?? '', detection.groupKey ?? ''].join(
        '\u001f',
      );
      const since = new Date(Date.parse(detection.time) - windowMs).toISOString();
      const open = await alertRepo.findOpenAlert(trx, dedupKey, since);
      if (open !== undefined) {
        await alertRepo.foldIntoAlert(trx, deps.keyring, {
          id: open.id,
          eventsSealed: open.eventsSealed,
          add: 1,
          lastSeen: detection.time > open.lastSeen ? detection.time : open.lastSeen,
          events: detection.events,
          maxEvents: MAX_ALERT_EVENTS,
          at: now,
        });
        folded += 1;
        continue;
      }
      const alert = newAlert(detection, asset, host, sourceId, now);
      await alertRepo.insertAlert(trx, deps.keyring, {
        alert,
        dedupKey,
        events: detection.events.slice(0, MAX_ALERT_EVENTS),
      });
      opened.push(alert);
    }
  });
  return { opened, folded, suppressed };
}
