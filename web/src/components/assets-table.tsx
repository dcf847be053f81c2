import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { SAFETY_COLORS } from '../api/inventory-vocabulary';
import type { AssetSort, AssetSummary } from '../api/types';
import { categoryLabel, patientSafetyLabel } from '../api/vocabulary';
import type { AssetListState } from '../lib/asset-list-params';
import { formatDateTime, orDash } from '../lib/format';
import { SortableTh } from './sortable-th';

interface AssetsTableProps {
  readonly assets: readonly AssetSummary[];
  readonly state: AssetListState;
  readonly onSort: (sort: AssetSort) => void;
  /** The list's current query string, so the detail page can lead back to the same view. */
  readonly listSearch: string;
}

function vendorModel(asset: AssetSummary): string {
  return orDash([asset.vendor, asset.model].filter((part) => part !== null).join(' '));
}

export function AssetsTable({ assets, state, onSort, listSearch }: AssetsTableProps) {
  const sortable = (sort: AssetSort, label: string) => (
    <SortableTh
      sorted={state.sort === sort ? state.order : null}
      onSort={() => {
        onSort(sort);
      }}
    >
      {label}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table
        striped
        highlightOnHover
        aria-label="Assets"
        data-testid="assets-table"
        style={{ whiteSpace: 'nowrap' }}
      >
        <Table.Thead>
          <Table.Tr>
            {sortable('name', 'Name')}
            {sortable('category', 'Category')}
            <Table.Th>Vendor and model</Table.Th>
            <Table.Th>Zone</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>MAC</Table.Th>
            {sortable('criticality', 'Patient safety')}
            <Table.Th>ePHI</Table.Th>
            {sortable('lastSeen', 'Last seen')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assets.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Text c="dimmed" size="sm" ta="center" py="md">
                  No assets match.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {assets.map((asset) => (
            <Table.Tr key={asset.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/assets/${encodeURIComponent(asset.id)}`}
                  state={{ listSearch }}
                  size="sm"
                >
                  {asset.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{categoryLabel(asset.category)}</Table.Td>
              <Table.Td>{vendorModel(asset)}</Table.Td>
              <Table.Td>{orDash(asset.zoneName)}</Table.Td>
              <Table.Td ff="monospace">{orDash(asset.ip)}</Table.Td>
              <Table.Td ff="monospace">{orDash(asset.mac)}</Table.Td>
              <Table.Td>
                <Badge color={SAFETY_COLORS[asset.patientSafety] ?? 'gray'} variant="light">
                  {patientSafetyLabel(asset.patientSafety)}
                </Badge>
              </Table.Td>
              <Table.Td>{asset.holdsEphi ? 'Yes' : 'No'}</Table.Td>
              <Table.Td>{formatDateTime(asset.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
