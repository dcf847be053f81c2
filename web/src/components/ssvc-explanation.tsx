import { Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Prioritization } from '../api/vuln-types';
import { ssvcValueLabel } from '../api/vuln-vocabulary';
import { DecisionBadge } from './vuln-badges';

function inputs(p: Prioritization): [string, string][] {
  return [
    ['Exploitation', ssvcValueLabel(p.exploitation)],
    ['Automatable', p.automatable ? 'Yes' : 'No'],
    ['Technical impact', ssvcValueLabel(p.technicalImpact)],
    ['Mission and well-being', ssvcValueLabel(p.missionWellBeing)],
    ['System exposure', ssvcValueLabel(p.exposure)],
  ];
}

interface SsvcExplanationProps {
  readonly prioritization: Prioritization;
  /** Whose finding it is, when the explanation is the top finding's of a vulnerability. */
  readonly assetName?: string;
}

/** Why a finding ranks where it does: CISA's SSVC decision, its inputs, and the reasons in order. */
export function SsvcExplanation({ prioritization: p, assetName }: SsvcExplanationProps) {
  return (
    <Paper withBorder p="md" radius="md" data-testid="ssvc-explanation">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="sm">
          <Title order={2} size="h4">
            SSVC decision
          </Title>
          <DecisionBadge decision={p.decision} />
        </Group>
        <Text size="xs" c="dimmed">
          {assetName === undefined ? '' : `For ${assetName}, the most urgent finding. `}
          CERT/CC deployer outcome: {p.deployer}
        </Text>
      </Group>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Table aria-label="SSVC inputs" w={340} withRowBorders>
          <Table.Tbody>
            {inputs(p).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th fw={500}>{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Stack gap="xs" style={{ flex: 1, minWidth: 280 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            How the decision was reached
          </Text>
          <List size="sm" spacing={2}>
            {p.explanation.map((line, index) => (
              <List.Item key={index}>{line}</List.Item>
            ))}
          </List>
          {p.reasons.length > 0 && (
            <>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="xs">
                Priority reasons
              </Text>
              <List size="sm" spacing={2} type="ordered">
                {p.reasons.map((line, index) => (
                  <List.Item key={index}>{line}</List.Item>
                ))}
              </List>
            </>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
