/**
 * The asset "Edit" form: its values from the asset, which facts a person has already overridden,
 * and the `PATCH /assets/:id` body holding only what changed. A value set here overrides every
 * source until the override is cleared, so an untouched field is never sent.
 */
import type { AssetDetail, AssetEdit, AssetOverrides, OverridableFact } from '../api/types';
import type { AssetCategory, PatientSafetyImpact } from '../api/vocabulary';

export const OVERRIDABLE_FACTS: readonly OverridableFact[] = [
  'name',
  'category',
  'patientSafety',
  'holdsEphi',
  'location',
  'owner',
];

export const OVERRIDABLE_FACT_LABELS: Record<OverridableFact, string> = {
  name: 'Name',
  category: 'Category',
  patientSafety: 'Patient-safety impact',
  holdsEphi: 'Holds ePHI',
  location: 'Location',
  owner: 'Owner',
};

/** The form's values; location and owner are '' when no source knows them. */
export interface AssetEditValues {
  readonly name: string;
  readonly category: AssetCategory;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly location: string;
  readonly owner: string;
}

/** Longest name, location or owner the API accepts. */
const MAX_TEXT_CHARS = 256;

export function editValuesOf(asset: AssetDetail): AssetEditValues {
  return {
    name: asset.name,
    category: asset.category,
    patientSafety: asset.criticality.patientSafety,
    holdsEphi: asset.criticality.holdsEphi,
    location: asset.location ?? '',
    owner: asset.owner ?? '',
  };
}

function isOverridable(field: string): field is OverridableFact {
  return (OVERRIDABLE_FACTS as readonly string[]).includes(field);
}

/** The facts whose current value a person set in Wardline. */
export function overriddenFacts(asset: AssetDetail): Set<OverridableFact> {
  const fields = asset.facts.filter((f) => f.overridden).map((f) => f.field);
  return new Set(fields.filter(isOverridable));
}

/** Why the form cannot be sent as is, field by field. */
export function editProblems(values: AssetEditValues): Partial<Record<OverridableFact, string>> {
  const problems: Partial<Record<OverridableFact, string>> = {};
  if (values.name.trim() === '') problems.name = 'An asset needs a name.';
  for (const field of ['name', 'location', 'owner'] as const) {
    if (values[field].trim().length > MAX_TEXT_CHARS) {
      problems[field] = `Use at most ${MAX_TEXT_CHARS} characters.`;
    }
  }
  return problems;
}

function changedText(
  field: 'name' | 'location' | 'owner',
  initial: AssetEditValues,
  values: AssetEditValues,
): string | undefined {
  const next = values[field].trim();
  // An emptied field sets nothing: the API has no empty override, clearing is the way back.
  return next !== '' && next !== initial[field].trim() ? next : undefined;
}

/**
 * The edit to send: every changed field is set, every field ticked "use the sources' value" is
 * cleared (and not set, whatever was typed in it).
 */
export function buildAssetEdit(
  initial: AssetEditValues,
  values: AssetEditValues,
  clear: ReadonlySet<OverridableFact>,
): AssetEdit {
  const candidate: AssetOverrides = {
    name: changedText('name', initial, values),
    category: values.category === initial.category ? undefined : values.category,
    patientSafety:
      values.patientSafety === initial.patientSafety ? undefined : values.patientSafety,
    holdsEphi: values.holdsEphi === initial.holdsEphi ? undefined : values.holdsEphi,
    location: changedText('location', initial, values),
    owner: changedText('owner', initial, values),
  };
  const set = Object.fromEntries(
    Object.entries(candidate).filter(
      ([field, value]) => value !== undefined && !clear.has(field as OverridableFact),
    ),
  ) as AssetOverrides;
  return { set, clear: OVERRIDABLE_FACTS.filter((field) => clear.has(field)) };
}

/** True when the edit would change nothing. */
export function isEmptyEdit(edit: AssetEdit): boolean {
  return Object.keys(edit.set).length === 0 && edit.clear.length === 0;
}
