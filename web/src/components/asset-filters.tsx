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
import { OBSERVATION_SOURCE_KINDS, sourceKindLabel } from '../api/inventory-vocabulary';
import type { AssetListState, SeenWindow } from '../lib/asset-list-params';

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

const SOURCE_OPTIONS = OBSERVATION_SOURCE_KINDS.map((value) => ({
  value,
  label: sourceKindLabel(value),
}));
const SEEN_OPTIONS: { value: Exclude<SeenWindow, ''>; label: string }[] = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
];

function zoneOptions(zones: readonly Zone[], sites: readonly Site[]) {
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  const manySites = sites.length > 1;
  return zones.map((zone) => {
    const site = siteNames.get(zone.siteId);
    const label = manySites && site !== undefined ? `${zone.name} (${site})` : zone.name;
    return { value: zone.id, label };
  });
}

/** Free text, zone, category, patient-safety, source and last-seen filters for the asset list. */
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
      <Select
        label="Reported by"
        placeholder="Any source"
        w={200}
        clearable
        data={SOURCE_OPTIONS}
        value={state.source === '' ? null : state.source}
        onChange={(value) => {
          onChange({ source: value ?? '' });
        }}
      />
      <Select
        label="Last seen"
        placeholder="Any time"
        w={160}
        clearable
        data={SEEN_OPTIONS}
        value={state.seen === '' ? null : state.seen}
        onChange={(value) => {
          onChange({ seen: value ?? '' });
        }}
      />
      <Button variant="default" onClick={onReset}>
        Clear filters
      </Button>
    </Group>
  );
}
