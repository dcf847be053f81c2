import { Loader, Paper, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { categoryLabel, zoneKindLabel } from '../api/vocabulary';
import { CountTable } from '../components/count-table';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';

function StatCard({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={`stat-${label.toLowerCase()}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value.toLocaleString('en-US')}
      </Text>
    </Paper>
  );
}

/** What Wardline knows about the organization so far: sites, zones and assets. */
export function OverviewPage() {
  const overview = useQuery({ queryKey: ['overview'], queryFn: api.inventory.overview });

  return (
    <>
      <PageHeader
        title="Overview"
        description={overview.data?.organization ?? 'What Wardline knows about the organization.'}
      />
      <ErrorAlert error={overview.error} title="Overview unavailable" />
      {overview.isPending && <Loader aria-label="Loading overview" />}
      {overview.data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="lg">
            <StatCard label="Sites" value={overview.data.sites} />
            <StatCard label="Zones" value={overview.data.zones} />
            <StatCard label="Assets" value={overview.data.assets} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CountTable
              title="Assets by category"
              keyHeader="Category"
              counts={overview.data.assetsByCategory}
              label={categoryLabel}
            />
            <CountTable
              title="Assets by zone kind"
              keyHeader="Zone kind"
              counts={overview.data.assetsByZoneKind}
              label={zoneKindLabel}
            />
          </SimpleGrid>
        </>
      )}
    </>
  );
}
