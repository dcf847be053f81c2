import { Anchor, Button, Code, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Site, Zone } from '../api/types';
import { zoneKindLabel } from '../api/vocabulary';
import { ConfirmModal } from '../components/confirm-modal';
import { DataTable, type Column } from '../components/data-table';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { ZONE_DEPENDENT_QUERIES, ZoneFormModal } from '../components/zone-form-modal';
import { useInventoryEditor } from '../session/use-inventory-editor';

type Dialog =
  | { readonly kind: 'create'; readonly site: Site }
  | { readonly kind: 'edit'; readonly site: Site; readonly zone: Zone }
  | { readonly kind: 'delete'; readonly zone: Zone };

function zoneColumns(
  canEdit: boolean,
  onEdit: (zone: Zone) => void,
  onDelete: (zone: Zone) => void,
): Column<Zone>[] {
  const columns: Column<Zone>[] = [
    {
      header: 'Zone',
      cell: (z) => (
        <Anchor
          component={Link}
          to={`/assets?zoneId=${encodeURIComponent(z.id)}`}
          size="sm"
          fw={500}
        >
          {z.name}
        </Anchor>
      ),
    },
    { header: 'Kind', cell: (z) => zoneKindLabel(z.kind) },
    {
      header: 'Networks',
      cell: (z) =>
        z.cidrs.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Group gap={4}>
            {z.cidrs.map((cidr) => (
              <Code key={cidr}>{cidr}</Code>
            ))}
          </Group>
        ),
    },
    { header: 'VLAN', cell: (z) => (z.vlan === null ? '—' : String(z.vlan)), mono: true },
    {
      header: 'Description',
      cell: (z) => (
        <Text size="sm" lineClamp={2} maw={320}>
          {z.description ?? '—'}
        </Text>
      ),
    },
  ];
  if (!canEdit) return columns;
  return [
    ...columns,
    {
      header: 'Actions',
      cell: (z) => (
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            aria-label={`Edit ${z.name}`}
            onClick={() => {
              onEdit(z);
            }}
          >
            Edit
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Delete ${z.name}`}
            onClick={() => {
              onDelete(z);
            }}
          >
            Delete
          </Button>
        </Group>
      ),
    },
  ];
}

function DeleteZone({ zone, onClose }: { readonly zone: Zone; readonly onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.inventory.deleteZone(zone.id),
    onSuccess: async () => {
      await Promise.all(
        ZONE_DEPENDENT_QUERIES.map((key) => queryClient.invalidateQueries({ queryKey: [key] })),
      );
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={`Delete ${zone.name}?`}
      confirmLabel="Delete zone"
      danger
      loading={remove.isPending}
      error={remove.error}
      onConfirm={() => {
        remove.mutate();
      }}
      onClose={onClose}
    >
      Its assets are placed again by the remaining zones; those no other zone covers end up outside
      every zone. The deletion is recorded in the audit log.
    </ConfirmModal>
  );
}

/** Sites and their network zones: where each asset sits follows from these. */
export function ZonesPage() {
  const canEdit = useInventoryEditor();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const sites = useQuery({ queryKey: ['sites'], queryFn: api.inventory.sites });
  const zones = useQuery({ queryKey: ['zones'], queryFn: () => api.inventory.zones() });
  const close = () => {
    setDialog(null);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Zones"
        description="The network segments of each site: clinical devices, imaging, EHR, guest and so on. Wardline places every asset in the zone whose networks or VLAN it was seen on."
      />
      <ErrorAlert error={sites.error ?? zones.error} title="Zones unavailable" />
      {(sites.isPending || zones.isPending) && <Loader aria-label="Loading zones" />}
      {sites.data?.items.map((site) => {
        const siteZones = (zones.data?.items ?? [])
          .filter((z) => z.siteId === site.id)
          .sort((a, b) => a.name.localeCompare(b.name));
        return (
          <Paper key={site.id} withBorder p="md" radius="md" data-testid={`site-${site.code}`}>
            <Group justify="space-between" mb="sm">
              <div>
                <Title order={2} size="h4">
                  {site.name}
                </Title>
                <Text size="xs" c="dimmed">
                  {site.code}
                  {site.address === null ? '' : ` · ${site.address}`}
                </Text>
              </div>
              {canEdit && (
                <Button
                  variant="light"
                  aria-label={`Add a zone to ${site.name}`}
                  onClick={() => {
                    setDialog({ kind: 'create', site });
                  }}
                >
                  Add a zone
                </Button>
              )}
            </Group>
            <DataTable
              label={`Zones of ${site.name}`}
              testId="zones-table"
              rows={siteZones}
              columns={zoneColumns(
                canEdit,
                (zone) => {
                  setDialog({ kind: 'edit', site, zone });
                },
                (zone) => {
                  setDialog({ kind: 'delete', zone });
                },
              )}
              rowKey={(z) => z.id}
              empty="No zones yet: every asset of this site is outside any zone."
              minWidth={900}
            />
          </Paper>
        );
      })}
      {dialog?.kind === 'create' && <ZoneFormModal site={dialog.site} onClose={close} />}
      {dialog?.kind === 'edit' && (
        <ZoneFormModal site={dialog.site} zone={dialog.zone} onClose={close} />
      )}
      {dialog?.kind === 'delete' && <DeleteZone zone={dialog.zone} onClose={close} />}
    </Stack>
  );
}
