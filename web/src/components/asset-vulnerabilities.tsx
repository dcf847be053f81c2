import { Button, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { AssetDetail } from '../api/types';
import { useVulnAccess } from '../session/use-vuln-access';
import { ErrorAlert } from './error-alert';
import { ExceptionFormModal } from './exception-form-modal';
import { ExceptionsTable } from './exceptions-table';
import { FindingsTable } from './findings-table';

const ACTIVE = 'open,in_progress,reopened';
/** An asset rarely has more; the list says when it has. */
const LIMIT = 500;

/** The asset's findings, most urgent first, with their actions, and its exceptions. */
export function AssetVulnerabilities({ asset }: { readonly asset: AssetDetail }) {
  const access = useVulnAccess();
  const [activeOnly, setActiveOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const findings = useQuery({
    queryKey: ['findings', 'asset', asset.id, activeOnly],
    queryFn: () =>
      api.vulns.findings({
        assetId: asset.id,
        sort: 'priority',
        limit: LIMIT,
        offset: 0,
        ...(activeOnly ? { status: ACTIVE } : {}),
      }),
  });
  const exceptions = useQuery({
    queryKey: ['vuln-exceptions', asset.id],
    queryFn: () => api.vulns.exceptions(asset.id),
  });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Findings
          </Title>
          <Switch
            label="Only those still to work"
            checked={activeOnly}
            onChange={(e) => {
              setActiveOnly(e.currentTarget.checked);
            }}
          />
        </Group>
        <ErrorAlert error={findings.error} title="Findings unavailable" />
        {findings.isPending ? (
          <Loader aria-label="Loading findings" size="sm" />
        ) : (
          <FindingsTable
            findings={findings.data?.items ?? []}
            subject="vulnerability"
            access={access}
            label="Vulnerability findings"
            empty="No known vulnerability matches this asset's software or model."
            testId="asset-findings"
          />
        )}
        {(findings.data?.total ?? 0) > LIMIT && (
          <Text size="xs" c="dimmed">
            The {LIMIT} most urgent of {findings.data?.total} findings.
          </Text>
        )}
      </Stack>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Exceptions
          </Title>
          {access.ownRisk && (
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setCreating(true);
              }}
            >
              Record an exception
            </Button>
          )}
        </Group>
        <ErrorAlert error={exceptions.error} title="Exceptions unavailable" />
        {exceptions.isPending ? (
          <Loader aria-label="Loading exceptions" size="sm" />
        ) : (
          <ExceptionsTable
            exceptions={exceptions.data ?? []}
            showAsset={false}
            canRevoke={access.ownRisk}
          />
        )}
      </Stack>
      {creating && (
        <ExceptionFormModal
          asset={{ id: asset.id, name: asset.name }}
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
    </Stack>
  );
}
