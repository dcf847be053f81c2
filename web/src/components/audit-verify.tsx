import { Alert, Button, Group, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import { ErrorAlert } from './error-alert';

/**
 * Re-checks the audit log's hash chain on the server: every entry's hash covers the one before,
 * so an edited or deleted entry breaks the chain at that point.
 */
export function AuditVerify() {
  const verify = useMutation({ mutationFn: api.audit.verify });
  const result = verify.data;

  return (
    <>
      <Group>
        <Button
          variant="light"
          loading={verify.isPending}
          onClick={() => {
            verify.mutate();
          }}
        >
          Verify chain
        </Button>
      </Group>
      <ErrorAlert error={verify.error} title="Verification could not run" />
      {result && (
        <Alert
          mt="sm"
          color={result.ok ? 'green' : 'red'}
          title={result.ok ? 'The audit chain is intact' : 'The audit chain is broken'}
          data-testid="audit-verify-result"
        >
          <Text size="sm">
            {result.checked.toLocaleString('en-US')} entries checked.
            {result.firstBroken &&
              ` First broken link at entry #${result.firstBroken.seq}: ${result.firstBroken.reason}`}
          </Text>
        </Alert>
      )}
    </>
  );
}
