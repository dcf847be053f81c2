import { describe, expect, it } from 'vitest';
import type { AssetDetail } from '../api/types';
import {
  buildAssetEdit,
  editProblems,
  editValuesOf,
  isEmptyEdit,
  overriddenFacts,
  type AssetEditValues,
} from './asset-edit';

const initial: AssetEditValues = {
  name: 'PUMP-ICU-01',
  category: 'infusion-pump',
  patientSafety: 'high',
  holdsEphi: false,
  location: '',
  owner: 'Biomed',
};

describe('buildAssetEdit', () => {
  it('sends nothing for an untouched form', () => {
    const edit = buildAssetEdit(initial, initial, new Set());
    expect(edit).toEqual({ set: {}, clear: [] });
    expect(isEmptyEdit(edit)).toBe(true);
  });

  it('sets only what changed, trimmed', () => {
    const edit = buildAssetEdit(
      initial,
      { ...initial, patientSafety: 'medium', holdsEphi: true, location: ' ICU bed 4 ' },
      new Set(),
    );
    expect(edit).toEqual({
      set: { patientSafety: 'medium', holdsEphi: true, location: 'ICU bed 4' },
      clear: [],
    });
  });

  it('never sends an emptied text field as a value', () => {
    expect(buildAssetEdit(initial, { ...initial, owner: '  ' }, new Set())).toEqual({
      set: {},
      clear: [],
    });
  });

  it('clears a ticked override instead of setting it, in a stable order', () => {
    const edit = buildAssetEdit(
      initial,
      { ...initial, patientSafety: 'low', name: 'PUMP-2' },
      new Set(['patientSafety', 'name'] as const),
    );
    expect(edit).toEqual({ set: {}, clear: ['name', 'patientSafety'] });
    expect(isEmptyEdit(edit)).toBe(false);
  });
});

describe('form values', () => {
  const asset = {
    name: 'CT-ED-01',
    category: 'imaging-modality',
    location: null,
    owner: null,
    criticality: { patientSafety: 'medium', holdsEphi: true, overridden: true },
    facts: [
      { field: 'patientSafety', overridden: true },
      { field: 'vendor', overridden: false },
      { field: 'zoneName', overridden: true },
      { field: 'owner', overridden: false },
    ],
  } as unknown as AssetDetail;

  it('reads values from the asset, with empty text for unknown location and owner', () => {
    expect(editValuesOf(asset)).toEqual({
      name: 'CT-ED-01',
      category: 'imaging-modality',
      patientSafety: 'medium',
      holdsEphi: true,
      location: '',
      owner: '',
    });
  });

  it('knows which editable facts a person overrode', () => {
    expect([...overriddenFacts(asset)]).toEqual(['patientSafety']);
  });

  it('wants a name and bounded texts', () => {
    expect(editProblems({ ...initial, name: ' ', owner: 'x'.repeat(257) })).toEqual({
      name: 'An asset needs a name.',
      owner: 'Use at most 256 characters.',
    });
  });
});
