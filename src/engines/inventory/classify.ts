/**
 * What kind of device an asset is, from everything known about it. A category a source declared
 * (CMMS, a person) wins outright with confidence 1; one stated by another source (an SBOM, a scan)
 * counts as evidence of weight `STATED_CATEGORY_WEIGHT`. Otherwise every rule of
 * `CLASSIFICATION_RULES` that holds adds its weight to its category; pieces of evidence combine as
 * independent hints (confidence = 1 − Π(1 − weight)), the category with the highest confidence
 * wins (ties go to the earlier category of `ASSET_CATEGORIES`), and its evidence is the reasons.
 *
 * @example
 * classifyAsset({ protocols: { dicom: { aeTitles: ['CT_MAIN'], implementationClassUid: null,
 *   implementationVersionName: null, sopClasses: ['1.2.840.10008.5.1.4.1.1.2'], roles: ['scu'] } } });
 * // → { category: 'imaging-modality', confidence: 0.925, modality: 'CT', reasons: [
 * //     'DICOM SCU sending CT Image Storage (1.2.840.10008.5.1.4.1.1.2)',
 * //     'DICOM AE title CT_MAIN names a modality ("ct")'] }
 *
 * classifyAsset({ vendor: 'Baxter International Inc', vendorFromOui: true });
 * // → { category: 'infusion-pump', confidence: 0.56, modality: null,
 * //     reasons: ['Network card maker (MAC OUI) Baxter International Inc makes infusion pumps'] }
 */
import { ASSET_CATEGORIES, type AssetCategory } from '../../domain/inventory.js';
import { dicomModality } from './classify-evidence.js';
import { CLASSIFICATION_RULES, OUI_WEIGHT_FACTOR } from './classify-rules.js';
import { viewOf, type ProfileView } from './classify-view.js';
import type { AssetProfile, Classification } from './types.js';

/** The weight of a category stated by a source that does not decide it (an SBOM, a scan). */
export const STATED_CATEGORY_WEIGHT = 0.7;

/** Inferred confidence stops short of the certainty of a declared category. */
export const MAX_INFERRED_CONFIDENCE = 0.99;

interface Evidence {
  readonly weight: number;
  readonly reason: string;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Every piece of evidence that holds, by category. */
function gatherEvidence(profile: AssetProfile, view: ProfileView): Map<AssetCategory, Evidence[]> {
  const evidence = new Map<AssetCategory, Evidence[]>();
  const add = (category: AssetCategory, item: Evidence) => {
    const list = evidence.get(category) ?? [];
    list.push(item);
    evidence.set(category, list);
  };
  if (profile.statedCategory != null) {
    const by = profile.declaredBy ?? 'a source';
    const reason = `Stated as ${profile.statedCategory} by ${by}`;
    add(profile.statedCategory, { weight: STATED_CATEGORY_WEIGHT, reason });
  }
  const fromOui = profile.vendorFromOui === true;
  for (const rule of CLASSIFICATION_RULES) {
    const reason = rule.test(view);
    if (reason === null) continue;
    add(rule.category, {
      weight: rule.vendor && fromOui ? rule.weight * OUI_WEIGHT_FACTOR : rule.weight,
      reason,
    });
  }
  return evidence;
}

/** Classifies an asset profile; see the module comment for the rules. */
export function classifyAsset(profile: AssetProfile): Classification {
  if (profile.declaredCategory != null) {
    return {
      category: profile.declaredCategory,
      confidence: 1,
      reasons: [`Declared as ${profile.declaredCategory} by ${profile.declaredBy ?? 'a source'}`],
      modality: null,
    };
  }
  const view = viewOf(profile);
  const evidence = gatherEvidence(profile, view);
  let best: { category: AssetCategory; confidence: number; found: Evidence[] } | null = null;
  for (const category of ASSET_CATEGORIES) {
    const found = evidence.get(category);
    if (found === undefined) continue;
    const confidence = 1 - found.reduce((doubt, e) => doubt * (1 - e.weight), 1);
    if (best === null || confidence > best.confidence) best = { category, confidence, found };
  }
  if (best === null) {
    return { category: 'unknown', confidence: 0, reasons: [], modality: null };
  }
  const reasons = [...best.found].sort((a, b) => b.weight - a.weight).map((e) => e.reason);
  return {
    category: best.category,
    confidence: round(Math.min(best.confidence, MAX_INFERRED_CONFIDENCE)),
    reasons: [...new Set(reasons)],
    modality: best.category === 'imaging-modality' ? dicomModality(view) : null,
  };
}
