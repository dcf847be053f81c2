import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../api';
import type { AssetDetail, OverridableFact } from '../api/types';
import {
  ASSET_CATEGORIES,
  categoryLabel,
  PATIENT_SAFETY_IMPACTS,
  patientSafetyLabel,
} from '../api/vocabulary';
import {
  buildAssetEdit,
  editProblems,
  editValuesOf,
  isEmptyEdit,
  OVERRIDABLE_FACT_LABELS,
  overriddenFacts,
  type AssetEditValues,
} from '../lib/asset-edit';
import { ErrorAlert } from './error-alert';

const CATEGORY_OPTIONS = ASSET_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
const SAFETY_OPTIONS = PATIENT_SAFETY_IMPACTS.map((value) => ({
  value,
  label: patientSafetyLabel(value),
}));
const EPHI_OPTIONS = [
  { value: 'yes', label: 'Yes: it stores or sends patient data' },
  { value: 'no', label: 'No' },
];

interface AssetEditModalProps {
  readonly asset: AssetDetail;
  readonly onClose: () => void;
}

/** Corrects what sources got wrong; each value set here wins over every import until cleared. */
export function AssetEditModal({ asset, onClose }: AssetEditModalProps) {
  const queryClient = useQueryClient();
  const initial = editValuesOf(asset);
  const overridden = overriddenFacts(asset);
  const [values, setValues] = useState<AssetEditValues>(initial);
  const [clear, setClear] = useState<ReadonlySet<OverridableFact>>(new Set());
  const [showProblems, setShowProblems] = useState(false);
  const problems = editProblems(values);
  const edit = buildAssetEdit(initial, values, clear);

  const save = useMutation({
    mutationFn: () => api.inventory.editAsset(asset.id, edit),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['asset', asset.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['asset', asset.id] });
      await queryClient.invalidateQueries({ queryKey: ['assets'] });
      await queryClient.invalidateQueries({ queryKey: ['overview'] });
      await queryClient.invalidateQueries({ queryKey: ['map'] });
      onClose();
    },
  });

  const set = (change: Partial<AssetEditValues>) => {
    setValues({ ...values, ...change });
  };
  const toggleClear = (field: OverridableFact, on: boolean) => {
    const next = new Set(clear);
    if (on) next.add(field);
    else next.delete(field);
    setClear(next);
  };
  /** The field, and under it "use the sources' value" when a person overrode it. */
  const field = (key: OverridableFact, input: ReactNode) => (
    <Stack gap={4}>
      {input}
      {overridden.has(key) && (
        <Checkbox
          size="xs"
          label={`Clear the override: use the sources' ${OVERRIDABLE_FACT_LABELS[key].toLowerCase()}`}
          checked={clear.has(key)}
          onChange={(e) => {
            toggleClear(key, e.currentTarget.checked);
          }}
        />
      )}
    </Stack>
  );
  const problemOf = (key: OverridableFact) => (showProblems ? problems[key] : undefined);

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Edit ${asset.name}`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label="Edit asset"
        onSubmit={(event) => {
          event.preventDefault();
          setShowProblems(true);
          if (Object.keys(problems).length === 0 && !isEmptyEdit(edit)) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            A value you set here overrides what scans, exports and captures report, and stays until
            you clear it. Empty fields keep the sources’ value.
          </Text>
          {field(
            'name',
            <TextInput
              label="Name"
              value={values.name}
              error={problemOf('name')}
              disabled={clear.has('name')}
              onChange={(e) => {
                set({ name: e.currentTarget.value });
              }}
            />,
          )}
          {field(
            'category',
            <Select
              label="Category"
              data={CATEGORY_OPTIONS}
              allowDeselect={false}
              value={values.category}
              disabled={clear.has('category')}
              onChange={(value) => {
                if (value !== null) set({ category: value });
              }}
            />,
          )}
          <Group grow align="flex-start">
            {field(
              'patientSafety',
              <Select
                label="Patient-safety impact"
                description="What happens to patients if it fails or is tampered with"
                data={SAFETY_OPTIONS}
                allowDeselect={false}
                value={values.patientSafety}
                disabled={clear.has('patientSafety')}
                onChange={(value) => {
                  if (value !== null) set({ patientSafety: value });
                }}
              />,
            )}
            {field(
              'holdsEphi',
              <Select
                label="Holds ePHI"
                description="Electronic protected health information"
                data={EPHI_OPTIONS}
                allowDeselect={false}
                value={values.holdsEphi ? 'yes' : 'no'}
                disabled={clear.has('holdsEphi')}
                onChange={(value) => {
                  if (value !== null) set({ holdsEphi: value === 'yes' });
                }}
              />,
            )}
          </Group>
          <Group grow align="flex-start">
            {field(
              'location',
              <TextInput
                label="Location"
                placeholder="Building, floor, room"
                value={values.location}
                error={problemOf('location')}
                disabled={clear.has('location')}
                onChange={(e) => {
                  set({ location: e.currentTarget.value });
                }}
              />,
            )}
            {field(
              'owner',
              <TextInput
                label="Owner"
                placeholder="Department or person"
                value={values.owner}
                error={problemOf('owner')}
                disabled={clear.has('owner')}
                onChange={(e) => {
                  set({ owner: e.currentTarget.value });
                }}
              />,
            )}
          </Group>
          <ErrorAlert error={save.error} title="Not saved" />
          {showProblems && isEmptyEdit(edit) && (
            <Text size="sm" c="dimmed" role="status">
              Nothing changed.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
