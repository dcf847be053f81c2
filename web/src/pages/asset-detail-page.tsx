import { Anchor, Badge, Group, Loader, Paper, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { sourceKindLabel } from '../api/inventory-vocabulary';
import type { AssetDetail, Zone } from '../api/types';
import { zoneKindLabel } from '../api/vocabulary';
import { AssetEditModal } from '../components/asset-edit-modal';
import { AssetHeader } from '../components/asset-header';
import { AssetProvenance } from '../components/asset-provenance';
import { AssetVulnerabilities } from '../components/asset-vulnerabilities';
import {
  SbomsTable,
  ScanFindingsTable,
  ServicesTable,
  SoftwareTable,
} from '../components/asset-records';
import { CommunicationsTable } from '../components/communications-table';
import { ErrorAlert } from '../components/error-alert';
import type { Field } from '../components/field-list';
import { FieldList } from '../components/field-list';
import { IdentifiersTable } from '../components/identifiers-table';
import { ProtocolFactsView } from '../components/protocol-facts';
import { formatDateTime, orDash } from '../lib/format';
import { useInventoryEditor } from '../session/use-inventory-editor';

/** `Research lab (Servers)`; the kind only when the name does not already say it. */
function zoneText(zone: Zone): string {
  const kind = zoneKindLabel(zone.kind);
  return zone.name.toLowerCase() === kind.toLowerCase() ? zone.name : `${zone.name} (${kind})`;
}

function assetFields(asset: AssetDetail, zone: Zone | undefined): Field[] {
  return [
    { label: 'Vendor', value: orDash(asset.vendor) },
    { label: 'Model', value: orDash(asset.model) },
    { label: 'Operating system', value: orDash(asset.os) },
    { label: 'Firmware', value: orDash(asset.firmware) },
    { label: 'Serial number', value: orDash(asset.serial) },
    {
      label: 'Zone',
      value: <span data-testid="asset-zone">{zone ? zoneText(zone) : 'Outside every zone'}</span>,
    },
    { label: 'Location', value: orDash(asset.location) },
    { label: 'Owner', value: orDash(asset.owner) },
    {
      label: 'Sources',
      value:
        asset.sources.length === 0
          ? '—'
          : asset.sources
              .map((s) => `${sourceKindLabel(s.kind)} (${formatDateTime(s.lastSeen)})`)
              .join(', '),
    },
    { label: 'First seen', value: formatDateTime(asset.firstSeen) },
    { label: 'Last seen', value: formatDateTime(asset.lastSeen) },
    { label: 'Wardline ID', value: <span style={{ fontFamily: 'monospace' }}>{asset.id}</span> },
  ];
}

/** The asset list the user came from, with its filters, or the whole list. */
function backToList(state: unknown): string {
  const search = (state as { listSearch?: unknown } | null)?.listSearch;
  return typeof search === 'string' && search.startsWith('?') ? `/assets${search}` : '/assets';
}

const TABS = [
  'identifiers',
  'services',
  'software',
  'sboms',
  'traffic',
  'communications',
  'findings',
  'vulnerabilities',
  'provenance',
] as const;
type AssetTab = (typeof TABS)[number];

function isTab(value: string | null): value is AssetTab {
  return value !== null && (TABS as readonly string[]).includes(value);
}

function TabLabel({ label, count }: { readonly label: string; readonly count?: number }) {
  return (
    <Group gap={6} wrap="nowrap">
      {label}
      {count !== undefined && (
        <Badge size="xs" variant="light" color={count === 0 ? 'gray' : 'blue'} circle={count < 10}>
          {count}
        </Badge>
      )}
    </Group>
  );
}

function Communications({ assetId }: { readonly assetId: string }) {
  const flows = useQuery({
    queryKey: ['asset', assetId, 'communications'],
    queryFn: () => api.inventory.communications(assetId),
  });
  if (flows.isPending) return <Loader aria-label="Loading communications" size="sm" />;
  if (flows.error !== null) return <ErrorAlert error={flows.error} title="Unavailable" />;
  return <CommunicationsTable assetId={assetId} communications={flows.data} />;
}

function AssetTabs({ asset, canEdit }: { readonly asset: AssetDetail; readonly canEdit: boolean }) {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const requested = params.get('tab');
  const tab: AssetTab = isTab(requested) ? requested : 'identifiers';
  const panel = (value: AssetTab, content: ReactNode) => (
    <Tabs.Panel value={value} pt="md">
      {content}
    </Tabs.Panel>
  );
  return (
    <Tabs
      value={tab}
      keepMounted={false}
      onChange={(value) => {
        // Replace, not push: the back button leaves the asset rather than stepping through tabs.
        if (isTab(value))
          setParams({ tab: value }, { replace: true, state: location.state as unknown });
      }}
    >
      <Tabs.List>
        <Tabs.Tab value="identifiers">
          <TabLabel label="Identifiers" count={asset.identifiers.length} />
        </Tabs.Tab>
        <Tabs.Tab value="services">
          <TabLabel label="Services" count={asset.services.length} />
        </Tabs.Tab>
        <Tabs.Tab value="software">
          <TabLabel label="Software" count={asset.software.length} />
        </Tabs.Tab>
        <Tabs.Tab value="sboms">
          <TabLabel label="SBOMs" count={asset.sboms.length} />
        </Tabs.Tab>
        <Tabs.Tab value="traffic">
          <TabLabel label="Traffic" />
        </Tabs.Tab>
        <Tabs.Tab value="communications">
          <TabLabel label="Communications" />
        </Tabs.Tab>
        <Tabs.Tab value="findings">
          <TabLabel label="Scanner findings" count={asset.scanFindings.length} />
        </Tabs.Tab>
        <Tabs.Tab value="vulnerabilities">
          <TabLabel label="Vulnerabilities" />
        </Tabs.Tab>
        <Tabs.Tab value="provenance">
          <TabLabel label="Provenance" />
        </Tabs.Tab>
      </Tabs.List>
      {panel('identifiers', <IdentifiersTable identifiers={asset.identifiers} />)}
      {panel('services', <ServicesTable services={asset.services} />)}
      {panel('software', <SoftwareTable software={asset.software} />)}
      {panel('sboms', <SbomsTable sboms={asset.sboms} assetId={asset.id} canImport={canEdit} />)}
      {panel('traffic', <ProtocolFactsView protocols={asset.protocols} />)}
      {panel('communications', <Communications assetId={asset.id} />)}
      {panel('findings', <ScanFindingsTable findings={asset.scanFindings} />)}
      {panel('vulnerabilities', <AssetVulnerabilities asset={asset} />)}
      {panel('provenance', <AssetProvenance assetId={asset.id} facts={asset.facts} />)}
    </Tabs>
  );
}

/** One asset: what it is and how sure Wardline is, where it sits, how critical it is, and why. */
export function AssetDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const canEdit = useInventoryEditor();
  const [editing, setEditing] = useState(false);
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
          <AssetHeader
            asset={asset.data}
            canEdit={canEdit}
            onEdit={() => {
              setEditing(true);
            }}
          />
          <Paper withBorder p="md" radius="md">
            <FieldList fields={assetFields(asset.data, zone)} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <AssetTabs asset={asset.data} canEdit={canEdit} />
          </Paper>
          {editing && (
            <AssetEditModal
              asset={asset.data}
              onClose={() => {
                setEditing(false);
              }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
