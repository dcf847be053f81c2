import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { Site, Zone } from '../api/types';
import { ZONE_KINDS, zoneKindLabel } from '../api/vocabulary';
import {
  EMPTY_ZONE_FORM,
  hasZoneProblems,
  toZoneFields,
  zoneFormOf,
  zoneFormProblems,
  type ZoneFormProblems,
  type ZoneFormValues,
} from '../lib/zone-form';
import { ErrorAlert } from './error-alert';

const KIND_OPTIONS = ZONE_KINDS.map((value) => ({ value, label: zoneKindLabel(value) }));

/** Zone changes re-place every asset: every view of assets, zones and the map is stale. */
export const ZONE_DEPENDENT_QUERIES = ['zones', 'assets', 'asset', 'overview', 'map'] as const;

interface CidrListProps {
  readonly cidrs: readonly string[];
  readonly problems: readonly (string | null)[];
  readonly onChange: (cidrs: string[]) => void;
}

/** One field per network, each with its own message, and buttons to add and remove lines. */
function CidrList({ cidrs, problems, onChange }: CidrListProps) {
  const setAt = (index: number, value: string) => {
    onChange(cidrs.map((c, i) => (i === index ? value : c)));
  };
  return (
    <Stack gap={6} role="group" aria-labelledby="zone-networks-label">
      <div>
        <Text size="sm" fw={500} id="zone-networks-label">
          Networks (CIDR)
        </Text>
        <Text size="xs" c="dimmed">
          Assets whose address falls in one of these networks belong to the zone, e.g. 10.30.0.0/24
          or fd00:30::/64.
        </Text>
      </div>
      {cidrs.map((cidr, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            aria-label={`Network ${String(index + 1)}`}
            placeholder="10.30.0.0/24"
            ff="monospace"
            flex={1}
            value={cidr}
            error={problems[index] ?? undefined}
            onChange={(e) => {
              setAt(index, e.currentTarget.value);
            }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={`Remove network ${String(index + 1)}`}
            disabled={cidrs.length === 1 && cidr === ''}
            onClick={() => {
              const rest = cidrs.filter((_, i) => i !== index);
              onChange(rest.length === 0 ? [''] : rest);
            }}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            onChange([...cidrs, '']);
          }}
        >
          Add a network
        </Button>
      </Group>
    </Stack>
  );
}

interface ZoneFormModalProps {
  readonly site: Site;
  /** The zone to edit, or undefined to create one. */
  readonly zone?: Zone;
  readonly onClose: () => void;
}

/** Creates or edits a zone; saving re-places every asset by the zones as they now are. */
export function ZoneFormModal({ site, zone, onClose }: ZoneFormModalProps) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ZoneFormValues>(
    zone === undefined ? EMPTY_ZONE_FORM : zoneFormOf(zone),
  );
  const [showProblems, setShowProblems] = useState(false);
  const problems = zoneFormProblems(values);
  const shown: ZoneFormProblems = showProblems ? problems : { cidrs: [] };
  const set = (change: Partial<ZoneFormValues>) => {
    setValues({ ...values, ...change });
  };

  const save = useMutation({
    mutationFn: () => {
      const fields = toZoneFields(values);
      return zone === undefined
        ? api.inventory.createZone({ siteId: site.id, ...fields })
        : api.inventory.updateZone(zone.id, fields);
    },
    onSuccess: async () => {
      await Promise.all(
        ZONE_DEPENDENT_QUERIES.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
      );
      onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={zone === undefined ? `New zone at ${site.name}` : `Edit ${zone.name}`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label={zone === undefined ? 'Create zone' : 'Edit zone'}
        onSubmit={(event) => {
          event.preventDefault();
          setShowProblems(true);
          if (!hasZoneProblems(problems)) save.mutate();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              value={values.name}
              error={shown.name}
              onChange={(e) => {
                set({ name: e.currentTarget.value });
              }}
            />
            <Select
              label="Kind"
              placeholder="What the zone is for"
              data={KIND_OPTIONS}
              value={values.kind}
              error={shown.kind}
              onChange={(value) => {
                set({ kind: value });
              }}
            />
          </Group>
          <CidrList
            cidrs={values.cidrs}
            problems={shown.cidrs}
            onChange={(cidrs) => {
              set({ cidrs });
            }}
          />
          {shown.cidrList !== undefined && (
            <Text size="sm" c="red">
              {shown.cidrList}
            </Text>
          )}
          <TextInput
            label="VLAN (optional)"
            description="Assets seen on this 802.1Q VLAN belong to the zone too."
            inputMode="numeric"
            w={200}
            value={values.vlan}
            error={shown.vlan}
            onChange={(e) => {
              set({ vlan: e.currentTarget.value });
            }}
          />
          <Textarea
            label="Description (optional)"
            autosize
            minRows={2}
            value={values.description}
            error={shown.description}
            onChange={(e) => {
              set({ description: e.currentTarget.value });
            }}
          />
          <Text size="xs" c="dimmed">
            Saving places every asset again by the zones as they then are.
          </Text>
          <ErrorAlert error={save.error} title="Not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {zone === undefined ? 'Create zone' : 'Save zone'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
