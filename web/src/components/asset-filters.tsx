import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { Site, Zone } from '../api/types';
import {
  ASSET_CATEGORIES,
  categoryLabel,
  PATIENT_SAFETY_IMPACTS,
  patientSafetyLabel,
} from '../api/vocabulary';
import type { AssetListState } from '../lib/asset-list-params';

interface AssetFiltersProps {
  readonly state: AssetListState;
  readonly zones: readonly Zone[];
  readonly sites: readonly Site[];
  readonly onChange: (change: Partial<AssetListState>) => void;
  readonly onReset: () => void;
}

const CATEGORY_OPTIONS = ASSET_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
const CRITICALITY_OPTIONS = PATIENT_SAFETY_IMPACTS.map((value) => ({
  value,
  label: patientSafetyLabel(value),
}));

function zoneOptions(zones: readonly Zone[], sites: readonly Site[]) {
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  const manySites = sites.length > 1;
  return zones.map((zone) => {
    const site = siteNames.get(zone.siteId);
    const label = manySites && site !== undefined ? `${zone.name} (${site})` : zone.name;
    return { value: zone.id, label };
  });
}

/** Free text, zone, category and patient-safety filters for the asset list. */
export function AssetFilters({ state, zones, sites, onChange, onReset }: AssetFiltersProps) {
  const [text, setText] = useState(state.q);
  const [debounced] = useDebouncedValue(text, 300);

  // Typing settles, then the search goes to the URL (and so to the server).
  useEffect(() => {
    if (debounced !== state.q) onChange({ q: debounced });
  }, [debounced]);

  // The URL changed from elsewhere (back button, reset): show its search text.
  useEffect(() => {
    if (state.q !== debounced) setText(state.q);
  }, [state.q]);

  const select = (key: 'zoneId' | 'category' | 'criticality') => (value: string | null) => {
    onChange({ [key]: value ?? '' });
  };

  return (
    <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name, vendor, model, IP or MAC"
        w={280}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
        }}
      />
      <Select
        label="Zone"
        placeholder="All zones"
        w={220}
        clearable
        searchable
        data={zoneOptions(zones, sites)}
        value={state.zoneId === '' ? null : state.zoneId}
        onChange={select('zoneId')}
      />
      <Select
        label="Category"
        placeholder="All categories"
        w={200}
        clearable
        data={CATEGORY_OPTIONS}
        value={state.category === '' ? null : state.category}
        onChange={select('category')}
      />
      <Select
        label="Patient-safety impact"
        placeholder="Any impact"
        w={180}
        clearable
        data={CRITICALITY_OPTIONS}
        value={state.criticality === '' ? null : state.criticality}
        onChange={select('criticality')}
      />
      <Button variant="default" onClick={onReset}>
        Clear filters
      </Button>
    </Group>
  );
}
