import { Button, Group, Loader, Paper, SegmentedControl, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { ExceptionFormModal } from '../components/exception-form-modal';
import { ExceptionsTable } from '../components/exceptions-table';
import { PageHeader } from '../components/page-header';
import { PatchPolicyEditor } from '../components/patch-policy-editor';
import { VulnAreaTabs } from '../components/vuln-area-tabs';
import { useVulnAccess } from '../session/use-vuln-access';

type StateFilter = 'all' | 'active' | 'expired' | 'revoked';

/** The exception register and the patch policy: the security lead's settings. */
export function VulnExceptionsPage() {
  const access = useVulnAccess();
  const [creating, setCreating] = useState(false);
  const [state, setState] = useState<StateFilter>('all');
  const exceptions = useQuery({
    queryKey: ['vuln-exceptions', 'all'],
    queryFn: () => api.vulns.exceptions(),
  });
  const rows = (exceptions.data ?? []).filter((e) => state === 'all' || e.state === state);
  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        description="Exceptions for devices that cannot be patched yet, each with its reason, compensating controls and end date; and the patch deadlines per decision."
      />
      <VulnAreaTabs />
      <Stack gap="md">
        <Paper withBorder p="md" radius="md">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">
              Exception register
            </Title>
            <Group gap="sm">
              <SegmentedControl
                aria-label="Show exceptions"
                size="xs"
                value={state}
                onChange={(value) => {
                  setState(value);
                }}
                data={[
                  { value: 'all', label: 'All' },
                  { value: 'active', label: 'Active' },
                  { value: 'expired', label: 'Expired' },
                  { value: 'revoked', label: 'Revoked' },
                ]}
              />
              {access.ownRisk && (
                <Button
                  size="xs"
                  onClick={() => {
                    setCreating(true);
                  }}
                >
                  Record an exception
                </Button>
              )}
            </Group>
          </Group>
          <ErrorAlert error={exceptions.error} title="Exceptions unavailable" />
          {exceptions.isPending ? (
            <Loader aria-label="Loading exceptions" size="sm" />
          ) : (
            <ExceptionsTable exceptions={rows} showAsset canRevoke={access.ownRisk} />
          )}
        </Paper>
        <PatchPolicyEditor canEdit={access.ownRisk} />
      </Stack>
      {creating && (
        <ExceptionFormModal
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
    </>
  );
}
