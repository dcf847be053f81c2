import { Button, Loader, Paper } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { AssetFilters } from '../components/asset-filters';
import { AssetsTable } from '../components/assets-table';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import type { AssetListState } from '../lib/asset-list-params';
import { useInventoryEditor } from '../session/use-inventory-editor';
import {
  DEFAULT_ASSET_LIST,
  readAssetList,
  toAssetQuery,
  toggleSort,
  updateAssetList,
  writeAssetList,
} from '../lib/asset-list-params';

/** To the upload form, for the roles that may import. */
function ImportLink() {
  const canImport = useInventoryEditor();
  if (!canImport) return null;
  return (
    <Button component={Link} to="/imports" variant="light">
      Import a file
    </Button>
  );
}

/** Every known device and system, paged, sorted and filtered by the server. */
export function AssetsPage() {
  const [params, setParams] = useSearchParams();
  const state = readAssetList(params);
  // The key is the list's state, not the query: a "last seen" window becomes an instant only
  // when the request is sent, so rendering never changes the key.
  const assets = useQuery({
    queryKey: ['assets', writeAssetList(state).toString()],
    queryFn: () => api.inventory.assets(toAssetQuery(state)),
    placeholderData: keepPreviousData,
  });
  const zones = useQuery({ queryKey: ['zones'], queryFn: () => api.inventory.zones() });
  const sites = useQuery({ queryKey: ['sites'], queryFn: api.inventory.sites });

  const go = (next: AssetListState) => {
    setParams(writeAssetList(next));
  };
  const change = (partial: Partial<AssetListState>) => {
    go(updateAssetList(state, partial));
  };

  return (
    <>
      <PageHeader
        title="Assets"
        description="Medical devices, servers, workstations and network gear Wardline has seen, with where they sit and how critical they are."
        actions={<ImportLink />}
      />
      <AssetFilters
        state={state}
        zones={zones.data?.items ?? []}
        sites={sites.data?.items ?? []}
        onChange={change}
        onReset={() => {
          go({ ...DEFAULT_ASSET_LIST, sort: state.sort, order: state.order, limit: state.limit });
        }}
      />
      <ErrorAlert error={assets.error ?? zones.error} title="Assets unavailable" />
      {/* While a new page loads, the old rows stay, dimmed and marked busy. */}
      <Paper
        withBorder
        radius="md"
        p="sm"
        aria-busy={assets.isFetching}
        data-testid="assets-list"
        style={{ opacity: assets.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        {assets.isPending ? (
          <Loader aria-label="Loading assets" m="md" />
        ) : (
          <AssetsTable
            assets={assets.data?.items ?? []}
            state={state}
            listSearch={params.toString() === '' ? '' : `?${params.toString()}`}
            onSort={(sort) => {
              go(toggleSort(state, sort));
            }}
          />
        )}
        <Pager
          total={assets.data?.total ?? 0}
          shown={assets.data?.items.length ?? 0}
          limit={state.limit}
          offset={state.offset}
          onOffsetChange={(offset) => {
            change({ offset });
          }}
          onLimitChange={(limit) => {
            change({ limit });
          }}
        />
      </Paper>
    </>
  );
}
