import { Anchor, Badge, Button, List, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { VulnException } from '../api/vuln-types';
import { EXCEPTION_KIND_LABELS, EXCEPTION_STATE_INFO } from '../api/vuln-vocabulary';
import { formatDateTime, orDash } from '../lib/format';
import { ConfirmModal } from './confirm-modal';
import { DataTable, type Column } from './data-table';
import { FINDING_KEYS } from './finding-status-modal';

function Controls({ controls }: { readonly controls: readonly string[] }) {
  if (controls.length === 0) return <>—</>;
  return (
    <List size="sm" spacing={0}>
      {controls.map((control, index) => (
        <List.Item key={index}>{control}</List.Item>
      ))}
    </List>
  );
}

function baseColumns(showAsset: boolean): Column<VulnException>[] {
  const asset: Column<VulnException> = {
    header: 'Asset',
    cell: (e) => (
      <Anchor component={Link} to={`/assets/${encodeURIComponent(e.assetId)}`} size="sm">
        {e.assetName}
      </Anchor>
    ),
    nowrap: true,
  };
  return [
    ...(showAsset ? [asset] : []),
    {
      header: 'Vulnerability',
      cell: (e) =>
        e.vulnId === null ? (
          <Text size="sm" c="dimmed">
            Every finding
          </Text>
        ) : (
          <Anchor
            component={Link}
            to={`/vulnerabilities/${encodeURIComponent(e.vulnId)}`}
            size="sm"
            ff="monospace"
          >
            {e.vulnId}
          </Anchor>
        ),
      nowrap: true,
    },
    { header: 'Kind', cell: (e) => EXCEPTION_KIND_LABELS[e.kind], nowrap: true },
    { header: 'Reason', cell: (e) => e.reason },
    { header: 'Controls', cell: (e) => <Controls controls={e.controls} /> },
    { header: 'Until', cell: (e) => e.until.slice(0, 10), nowrap: true },
    {
      header: 'State',
      cell: (e) => (
        <Badge
          color={EXCEPTION_STATE_INFO[e.state].color}
          variant="light"
          data-testid="exception-state"
        >
          {EXCEPTION_STATE_INFO[e.state].label}
        </Badge>
      ),
      nowrap: true,
    },
    {
      header: 'Recorded',
      cell: (e) => `${formatDateTime(e.createdAt)} by ${orDash(e.createdBy)}`,
    },
  ];
}

interface ExceptionsTableProps {
  readonly exceptions: readonly VulnException[];
  /** False on an asset's page, where every row is that asset. */
  readonly showAsset: boolean;
  readonly canRevoke: boolean;
}

/** The exception register: what is excepted, why, with which controls, until when. */
export function ExceptionsTable({ exceptions, showAsset, canRevoke }: ExceptionsTableProps) {
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<VulnException | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => api.vulns.revokeException(id),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['vuln-exceptions'] }),
        ...FINDING_KEYS.map((queryKey) =>
          queryClient.invalidateQueries({ queryKey: [...queryKey] }),
        ),
      ]);
      setRevoking(null);
    },
  });
  const columns = baseColumns(showAsset);
  if (canRevoke) {
    columns.push({
      header: 'Actions',
      cell: (e) =>
        e.state === 'active' ? (
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            aria-label={`Revoke the exception for ${e.assetName}${e.vulnId === null ? '' : ` and ${e.vulnId}`}`}
            onClick={() => {
              revoke.reset();
              setRevoking(e);
            }}
          >
            Revoke
          </Button>
        ) : null,
      align: 'right',
    });
  }
  return (
    <>
      <DataTable
        label="Exceptions"
        rows={exceptions}
        columns={columns}
        rowKey={(e) => e.id}
        empty="No exceptions recorded."
        minWidth={1000}
        testId="exceptions-table"
      />
      {revoking !== null && (
        <ConfirmModal
          title="Revoke this exception?"
          confirmLabel="Revoke"
          danger
          loading={revoke.isPending}
          error={revoke.error}
          onConfirm={() => {
            revoke.mutate(revoking.id);
          }}
          onClose={() => {
            setRevoking(null);
          }}
        >
          {revoking.vulnId === null ? 'Every finding' : revoking.vulnId} on {revoking.assetName}{' '}
          will be worked again: findings it covered open and their deadlines apply. The record stays
          in the register as revoked.
        </ConfirmModal>
      )}
    </>
  );
}
