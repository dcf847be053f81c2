/**
 * One matching run: the assets named (or all) against the advisories (all, or only those a feed
 * import just brought), each asset's matches assessed into candidate findings, reconciled with
 * the stored findings, and written in one transaction under the findings lock.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../domain/ids.js';
import { PATIENT_SAFETY_IMPACTS, ZONE_KINDS, type ZoneKind } from '../../domain/inventory.js';
import { isActiveFindingStatus, vulnIdOf, type Advisory } from '../../domain/vulnerability.js';
import {
  assessFinding,
  DEVICE_REF,
  type Candidate,
  type ComponentMatch,
} from '../../engines/vuln/assess.js';
import type { Match } from '../../engines/vuln/match/index.js';
import type { PatchPolicy } from '../../engines/vuln/priority/index.js';
import {
  reconcileFindings,
  type FindingChange,
  type ReconcileResult,
} from '../../engines/vuln/reconcile.js';
import { inTransaction, lockForWrite } from '../../store/db-helpers.js';
import { activeExceptions } from '../../store/exception-repo.js';
import { enrichmentFor, type Enrichment } from '../../store/feed-repo.js';
import {
  loadFindingStates,
  writeFindings,
  type FindingEventRow,
  type FindingRow,
  type FindingWrites,
} from '../../store/finding-repo.js';
import { iterateTargets, type TargetAsset } from '../../store/match-target-repo.js';
import type { Database } from '../../store/schema.js';
import type { AdvisorySet } from './advisory-cache.js';

export interface MatchRunScope {
  /** Null: every asset. */
  readonly assetIds: readonly string[] | null;
  /** Null: every vulnerability; else only these were re-evaluated. */
  readonly vulnIds: ReadonlySet<string> | null;
}

export type MatchRunCounts = ReconcileResult['counts'] & {
  readonly assets: number;
  readonly matches: number;
  /** Vulnerabilities that opened findings in this run, with how many assets each. */
  readonly newlyOpened: readonly { readonly vulnId: string; readonly assets: number }[];
};

function newlyOpened(changes: readonly FindingChange[]): MatchRunCounts['newlyOpened'] {
  const assets = new Map<string, number>();
  for (const change of changes) {
    if (change.from === null && change.status === 'open') {
      assets.set(change.vulnId, (assets.get(change.vulnId) ?? 0) + 1);
    }
  }
  return [...assets].map(([vulnId, count]) => ({ vulnId, assets: count }));
}

function zoneKindOf(value: string | null): ZoneKind | null {
  return ZONE_KINDS.find((kind) => kind === value) ?? null;
}

function safetyOf(value: string) {
  return PATIENT_SAFETY_IMPACTS.find((s) => s === value) ?? 'none';
}

/** Every match of one asset: its software, then the device itself (make, model, firmware). */
function matchAsset(asset: TargetAsset, advisories: AdvisorySet): ComponentMatch[] {
  const found: ComponentMatch[] = [];
  for (const software of asset.software) {
    for (const match of advisories.index.matchSoftware(software)) {
      found.push({ match, component: software });
    }
  }
  if (asset.vendor !== null || asset.model !== null) {
    const device = {
      ref: DEVICE_REF,
      vendor: asset.vendor,
      model: asset.model,
      firmware: asset.firmware,
      serial: asset.serial,
    };
    const name = [asset.vendor, asset.model].filter((p) => p !== null).join(' ');
    for (const match of advisories.index.matchDevice(device)) {
      found.push({ match, component: { ref: DEVICE_REF, name, version: asset.firmware } });
    }
  }
  return found;
}

function vulnOf(match: Match, advisories: AdvisorySet): string {
  const advisory = advisories.byId.get(match.advisoryId)?.[0];
  return advisory === undefined ? match.advisoryId : vulnIdOf(advisory);
}

function candidatesOf(
  asset: TargetAsset,
  matches: readonly ComponentMatch[],
  advisories: AdvisorySet,
  enrichment: Enrichment,
  now: string,
): Candidate[] {
  const byVuln = new Map<string, ComponentMatch[]>();
  for (const entry of matches) {
    const vulnId = vulnOf(entry.match, advisories);
    let list = byVuln.get(vulnId);
    if (list === undefined) byVuln.set(vulnId, (list = []));
    list.push(entry);
  }
  const candidates: Candidate[] = [];
  for (const [vulnId, list] of byVuln) {
    const kev = enrichment.kev.get(vulnId);
    const candidate = assessFinding(
      {
        id: asset.id,
        zoneKind: zoneKindOf(asset.zoneKind),
        criticality: {
          patientSafety: safetyOf(asset.patientSafety),
          holdsEphi: asset.holdsEphi,
          overridden: false,
        },
      },
      {
        vulnId,
        advisories: advisories.byVuln.get(vulnId) ?? ([] as Advisory[]),
        kev: kev === undefined ? null : { ransomware: kev.ransomware },
        epss: enrichment.epss.get(vulnId)?.epss ?? null,
      },
      list,
      now,
    );
    if (candidate !== null) candidates.push(candidate);
  }
  return candidates;
}

function rowOf(change: FindingChange, candidate: Candidate, now: string): Omit<FindingRow, 'id'> {
  return {
    asset_id: change.assetId,
    vuln_id: change.vulnId,
    status: change.status,
    match_kind: candidate.matchKind,
    confidence: candidate.confidence,
    matches: JSON.stringify(candidate.matches),
    title: candidate.title,
    decision: candidate.decision,
    priority: candidate.priority,
    prioritization: JSON.stringify(candidate.prioritization),
    cvss_score: candidate.cvss?.baseScore ?? null,
    kev: candidate.kev ? 1 : 0,
    ransomware: candidate.ransomware ? 1 : 0,
    epss: candidate.epss,
    fixed_version: candidate.fixedVersion,
    vex: candidate.vex === null ? null : JSON.stringify(candidate.vex),
    status_note: change.note,
    risk_accepted_until: change.riskAcceptedUntil,
    first_seen: change.firstSeen,
    last_seen: now,
    due_at: change.dueAt ?? now,
    closed_at: change.closedNow ? now : null,
    updated_at: now,
  };
}

/** Runs matching over the scope and stores what changed. */
export async function runMatching(
  db: Kysely<Database>,
  advisories: AdvisorySet,
  scope: MatchRunScope,
  options: {
    readonly now: Date;
    readonly policy: PatchPolicy;
    /** Who caused the run (a person recording an exception); null for imports and feeds. */
    readonly actor?: string | null;
  },
): Promise<MatchRunCounts> {
  const now = options.now.toISOString();
  const perAsset = new Map<string, ComponentMatch[]>();
  const assets: TargetAsset[] = [];
  let matchCount = 0;
  for await (const asset of iterateTargets(db, scope.assetIds)) {
    const matches = matchAsset(asset, advisories).filter(
      (m) => scope.vulnIds === null || scope.vulnIds.has(vulnOf(m.match, advisories)),
    );
    matchCount += matches.length;
    if (matches.length === 0 && scope.vulnIds !== null) continue;
    // Keep only what prioritization needs; the software list can be long.
    assets.push({ ...asset, software: [] });
    perAsset.set(asset.id, matches);
  }
  const vulnIds = new Set<string>();
  for (const matches of perAsset.values()) {
    for (const m of matches) vulnIds.add(vulnOf(m.match, advisories));
  }
  const enrichment = await enrichmentFor(db, [...vulnIds]);
  const candidates = new Map<string, Candidate[]>();
  for (const asset of assets) {
    candidates.set(
      asset.id,
      candidatesOf(asset, perAsset.get(asset.id) ?? [], advisories, enrichment, now),
    );
  }
  return inTransaction(db, async (trx) => {
    await lockForWrite(trx, 'findings');
    const stored = await loadFindingStates(
      trx,
      scope.assetIds === null ? null : [...candidates.keys()],
    );
    const result = reconcileFindings({
      stored,
      candidates,
      exceptions: await activeExceptions(trx, now),
      vulnScope: scope.vulnIds,
      now,
      policy: options.policy,
    });
    await writeFindings(trx, toWrites(result.changes, now, options.actor ?? null));
    return {
      ...result.counts,
      assets: assets.length,
      matches: matchCount,
      newlyOpened: newlyOpened(result.changes),
    };
  });
}

function toWrites(changes: readonly FindingChange[], now: string, actor: string | null) {
  const inserts: FindingRow[] = [];
  const updates: (Partial<FindingRow> & { id: string })[] = [];
  const events: FindingEventRow[] = [];
  const closed: FindingWrites['closed'][number][] = [];
  for (const change of changes) {
    const id = change.id ?? newId('finding');
    if (change.from !== change.status) {
      events.push({
        id: newId('findingEvent'),
        findingId: id,
        at: now,
        actor,
        from: change.from,
        to: change.status,
        note: change.note,
      });
    }
    if (change.candidate === null) {
      closed.push({ id, status: change.status, note: change.note, at: now });
      continue;
    }
    const row = { id, ...rowOf(change, change.candidate, now) };
    if (change.id === null) {
      inserts.push(row);
    } else {
      const update: Partial<FindingRow> & { id: string } = { ...row };
      // A finding that stays closed keeps the time it was closed.
      if (!change.closedNow && !isActiveFindingStatus(change.status)) delete update.closed_at;
      updates.push(update);
    }
  }
  return { inserts, updates, events, closed };
}
