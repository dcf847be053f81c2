import { Anchor, Loader, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Asset, Zone } from '../api/types';
import { categoryLabel, patientSafetyLabel, zoneKindLabel } from '../api/vocabulary';
import { ErrorAlert } from '../components/error-alert';
import type { Field } from '../components/field-list';
import { FieldList } from '../components/field-list';
import { IdentifiersTable } from '../components/identifiers-table';
import { PageHeader } from '../components/page-header';
import { formatDateTime, orDash } from '../lib/format';

function assetFields(asset: Asset, zone: Zone | undefined): Field[] {
  const { criticality } = asset;
  return [
    { label: 'Category', value: categoryLabel(asset.category) },
    { label: 'Vendor', value: orDash(asset.vendor) },
    { label: 'Model', value: orDash(asset.model) },
    { label: 'Operating system', value: orDash(asset.os) },
    {
      label: 'Zone',
      value: zone ? `${zone.name} (${zoneKindLabel(zone.kind)})` : orDash(asset.zoneId),
    },
    {
      label: 'Patient-safety impact',
      value: `${patientSafetyLabel(criticality.patientSafety)}${criticality.overridden ? ' (set by a user)' : ' (category default)'}`,
    },
    { label: 'Holds ePHI', value: criticality.holdsEphi ? 'Yes' : 'No' },
    { label: 'First seen', value: formatDateTime(asset.firstSeen) },
    { label: 'Last seen', value: formatDateTime(asset.lastSeen) },
    { label: 'Wardline ID', value: asset.id },
  ];
}

/** The asset list the user came from, with its filters, or the whole list. */
function backToList(state: unknown): string {
  const search = (state as { listSearch?: unknown } | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? `/assets${search}` : '/assets';
}

/** One asset: what it is, where it sits, how critical it is, and how it is recognized. */
export function AssetDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const asset = useQuery({ queryKey: ['asset', id], queryFn: () => api.inventory.asset(id) });
  const zones = useQuery({ queryKey: ['zones'], queryFn: () => api.inventory.zones() });
  const zone = zones.data?.items.find((z) => z.id === asset.data?.zoneId);

  return (
    <Stack gap="md">
      <Anchor component={Link} to={backToList(location.state)} size="sm">
        ← All assets
      </Anchor>
      <ErrorAlert error={asset.error} title="Asset unavailable" />
      {asset.isPending && <Loader aria-label="Loading asset" />}
      {asset.data && (
        <>
          <PageHeader title={asset.data.name} />
          <Paper withBorder p="md" radius="md">
            <FieldList fields={assetFields(asset.data, zone)} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              Identifiers
            </Title>
            <IdentifiersTable identifiers={asset.data.identifiers} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
