import {
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { PatchPolicy } from '../api/vuln-types';
import { DECISIONS_BY_URGENCY } from '../api/vuln-vocabulary';
import {
  describeHours,
  policyValues,
  preparePolicy,
  type PolicyProblems,
  type PolicyUnit,
  type PolicyValues,
} from '../lib/patch-policy';
import { ErrorAlert } from './error-alert';
import { FINDING_KEYS } from './finding-status-modal';
import { DecisionBadge } from './vuln-badges';

function ReadOnlyPolicy({ policy }: { readonly policy: PatchPolicy }) {
  return (
    <Table aria-label="Patch deadlines" w={420}>
      <Table.Tbody>
        {DECISIONS_BY_URGENCY.map((decision) => (
          <Table.Tr key={decision}>
            <Table.Td>
              <DecisionBadge decision={decision} />
            </Table.Td>
            <Table.Td data-testid={`policy-${decision}`}>
              {describeHours(policy[decision])}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PolicyForm({ policy }: { readonly policy: PatchPolicy }) {
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState<PolicyUnit>('days');
  const [values, setValues] = useState<PolicyValues>(() => policyValues(policy, 'days'));
  const [problems, setProblems] = useState<PolicyProblems>({});
  const save = useMutation({
    mutationFn: (next: PatchPolicy) => api.vulns.setPolicy(next),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['patch-policy'], saved);
      setValues(policyValues(saved, unit));
      await Promise.all(
        FINDING_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
      );
    },
  });
  const submit = () => {
    const prepared = preparePolicy(values, unit);
    if ('problems' in prepared) {
      setProblems(prepared.problems);
      return;
    }
    setProblems({});
    save.mutate(prepared.policy);
  };
  return (
    <form
      aria-label="Patch policy"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm" maw={480}>
        <SegmentedControl
          aria-label="Deadlines in"
          value={unit}
          w={200}
          data={[
            { value: 'days', label: 'Days' },
            { value: 'hours', label: 'Hours' },
          ]}
          onChange={(value) => {
            const next: PolicyUnit = value === 'hours' ? 'hours' : 'days';
            const parsed = preparePolicy(values, unit);
            setValues(
              'policy' in parsed ? policyValues(parsed.policy, next) : policyValues(policy, next),
            );
            setUnit(next);
          }}
        />
        {DECISIONS_BY_URGENCY.map((decision) => (
          <Group key={decision} gap="sm" align="flex-start" wrap="nowrap">
            <div style={{ width: 80, paddingTop: 6 }}>
              <DecisionBadge decision={decision} />
            </div>
            <TextInput
              aria-label={`Deadline for ${decision} in ${unit}`}
              inputMode="decimal"
              w={160}
              rightSection={
                <Text size="xs" c="dimmed">
                  {unit}
                </Text>
              }
              rightSectionWidth={48}
              value={values[decision]}
              error={problems[decision]}
              onChange={(e) => {
                setValues({ ...values, [decision]: e.currentTarget.value });
              }}
            />
          </Group>
        ))}
        <ErrorAlert error={save.error} title="The policy was not saved" />
        {save.isSuccess && (
          <Text size="sm" c="green" role="status">
            Saved. Deadlines of open findings follow the new policy.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save policy
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How long each SSVC decision gives to patch; editable by the security lead. */
export function PatchPolicyEditor({ canEdit }: { readonly canEdit: boolean }) {
  const policy = useQuery({ queryKey: ['patch-policy'], queryFn: api.vulns.policy });
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb={4}>
        Patch policy
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        The time from when a finding is first seen to when it is due, per SSVC decision.
      </Text>
      <ErrorAlert error={policy.error} title="Patch policy unavailable" />
      {policy.isPending && <Loader aria-label="Loading the patch policy" size="sm" />}
      {policy.data &&
        (canEdit ? <PolicyForm policy={policy.data} /> : <ReadOnlyPolicy policy={policy.data} />)}
    </Paper>
  );
}
