/**
 * What a person corrects on an asset: its name, category, criticality, location or owner. A value
 * set here is an override (no import replaces it, the merge engine ranks it above every source);
 * clearing one falls back to the best value any source reported, from the provenance timeline.
 */
import { WardlineError } from '../domain/errors.js';
import type { AssetCategory, PatientSafetyImpact } from '../domain/inventory.js';
import {
  classifyAsset,
  compareFactRank,
  defaultCriticality,
  profileOf,
  resolveCriticality,
  type CurrentAssetFacts,
  type FactKey,
  type FactProvenance,
} from '../engines/inventory/index.js';
import { lockForWrite } from '../store/db-helpers.js';
import * as mergeRepo from '../store/inventory-merge-repo.js';
import type { AuditService } from './audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from './context.js';
import { toKnownAsset } from './imports/known-assets.js';

/** The facts a person may set, and the type of each. */
export interface AssetOverrides {
  readonly name?: string | undefined;
  readonly category?: AssetCategory | undefined;
  readonly patientSafety?: PatientSafetyImpact | undefined;
  readonly holdsEphi?: boolean | undefined;
  readonly location?: string | undefined;
  readonly owner?: string | undefined;
}

export type OverridableFact = keyof AssetOverrides;
export const OVERRIDABLE_FACTS: readonly OverridableFact[] = [
  'name',
  'category',
  'patientSafety',
  'holdsEphi',
  'location',
  'owner',
];

export interface AssetEdit {
  readonly set: AssetOverrides;
  /** Overrides to remove: the fact returns to what the sources said. */
  readonly clear: readonly OverridableFact[];
}

export function createAssetEdits(ctx: ServiceContext, audit: AuditService) {
  return {
    /** Applies the edit and returns the asset's id. */
    edit: (actor: Actor, assetId: string, edit: AssetEdit): Promise<string> =>
      audit.recordChange(
        async (trx) => {
          await lockForWrite(trx, 'assets');
          const [state] = await mergeRepo.loadAssetStates(trx, [assetId]);
          if (state === undefined) throw new WardlineError('WL_NOT_FOUND', `No asset ${assetId}.`);
          const now = ctx.clock();
          const known = toKnownAsset(state);
          const provenance: FactProvenance = {
            sourceKind: 'user',
            sourceName: actor.name,
            importId: null,
            observedAt: now.toISOString(),
            overridden: true,
            origin: null,
          };
          const facts: Record<string, unknown> = { ...known.facts };
          for (const key of edit.clear) {
            facts[key] = await bestReported(trx, assetId, key);
          }
          for (const [key, value] of Object.entries(edit.set) as [string, unknown][]) {
            if (value !== undefined) facts[key] = { value, provenance };
          }
          const current = facts as CurrentAssetFacts;
          const profile = profileOf(current, known.identifiers, known);
          const classification = classifyAsset(profile);
          const criticality = resolveCriticality(
            current,
            defaultCriticality(classification.category, {
              modality: classification.modality,
              protocols: known.protocols.facts,
            }),
          );
          await mergeRepo.applyFactEdit(trx, {
            assetId,
            name: current.name?.value ?? state.row.name,
            category: classification.category,
            confidence: classification.confidence,
            reasons: classification.reasons,
            patientSafety: criticality.patientSafety,
            holdsEphi: criticality.holdsEphi,
            criticalityOverridden: criticality.overridden,
            location: current.location?.value ?? null,
            owner: current.owner?.value ?? null,
            set: Object.entries(edit.set)
              .filter(([, value]) => value !== undefined)
              .map(([field, value]) => ({ field, value: JSON.stringify(value) })),
            cleared: edit.clear.filter((key) => current[key] === undefined),
            restored: edit.clear.flatMap((key) => {
              const fact = current[key];
              return fact === undefined ? [] : [{ field: key, fact }];
            }),
            actor: actor.name,
            now,
          });
          return assetId;
        },
        (id) => ({
          ...auditedBy(actor),
          action: 'asset.edit',
          targetType: 'asset',
          targetId: id,
          details: { set: edit.set, clear: edit.clear },
        }),
      ),
  };
}

/** The best value sources reported for a fact (user overrides aside), or undefined. */
async function bestReported(
  db: ServiceContext['db'],
  assetId: string,
  key: FactKey,
): Promise<{ value: unknown; provenance: FactProvenance } | undefined> {
  const history = await mergeRepo.factHistory(db, assetId, key);
  let best: { value: unknown; provenance: FactProvenance } | undefined;
  for (const entry of history) {
    if (entry.source_kind === 'user') continue;
    const candidate = {
      value: JSON.parse(entry.value) as unknown,
      provenance: {
        sourceKind: entry.source_kind as FactProvenance['sourceKind'],
        sourceName: entry.source_name,
        importId: entry.import_id,
        observedAt: entry.observed_at,
        overridden: false,
        origin: null,
      },
    };
    if (
      best === undefined ||
      compareFactRank(key, candidate.value, candidate.provenance, best.value, best.provenance) < 0
    ) {
      best = candidate;
    }
  }
  return best;
}

export type AssetEdits = ReturnType<typeof createAssetEdits>;
