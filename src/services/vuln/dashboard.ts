/**
 * The patch SLA dashboard: open and overdue findings by SSVC decision, by site and by owner, and a
 * daily trend of open and overdue findings over the last 90 days.
 */
import type { Kysely } from 'kysely';
import {
  countByAssetField,
  countByDecision,
  findingSpans,
  type FindingCounts,
  type GroupCount,
} from '../../store/finding-repo.js';
import type { Database } from '../../store/schema.js';

export const TREND_DAYS = 90;
const DAY_MS = 86_400_000;

export interface TrendPoint {
  readonly date: string;
  readonly open: number;
  readonly overdue: number;
}

export interface SlaDashboard {
  readonly generatedAt: string;
  readonly totals: { readonly open: number; readonly overdue: number };
  readonly byDecision: readonly FindingCounts[];
  readonly bySite: readonly GroupCount[];
  readonly byOwner: readonly GroupCount[];
  readonly trend: readonly TrendPoint[];
}

/**
 * Open on a day: first seen by its end and not closed by then. Overdue on a day: open and due
 * before its end. Computed from each finding's first-seen, due and closed times, so the chart
 * needs no daily snapshots.
 */
export function trendOf(
  spans: readonly { firstSeen: string; closedAt: string | null; dueAt: string }[],
  now: Date,
  days = TREND_DAYS,
): TrendPoint[] {
  const points: TrendPoint[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (let i = days - 1; i >= 0; i--) {
    const start = today - i * DAY_MS;
    const end = new Date(Math.min(start + DAY_MS, now.getTime())).toISOString();
    let open = 0;
    let overdue = 0;
    for (const span of spans) {
      if (span.firstSeen > end || (span.closedAt !== null && span.closedAt <= end)) continue;
      open += 1;
      if (span.dueAt < end) overdue += 1;
    }
    points.push({ date: new Date(start).toISOString().slice(0, 10), open, overdue });
  }
  return points;
}

export async function buildDashboard(db: Kysely<Database>, now: Date): Promise<SlaDashboard> {
  const at = now.toISOString();
  const byDecision = await countByDecision(db, at);
  const since = new Date(now.getTime() - TREND_DAYS * DAY_MS).toISOString();
  return {
    generatedAt: at,
    totals: {
      open: byDecision.reduce((n, c) => n + c.open, 0),
      overdue: byDecision.reduce((n, c) => n + c.overdue, 0),
    },
    byDecision,
    bySite: await countByAssetField(db, 'site', at),
    byOwner: await countByAssetField(db, 'owner', at),
    trend: trendOf(await findingSpans(db, since), now),
  };
}
