import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import type { VulnerabilitySummary } from '../api/vuln-types';
import { formatCount } from '../lib/format';
import { formatCvss, formatEpss } from '../lib/vuln-format';
import { DecisionBadge, DueDate, ExploitBadges } from './vuln-badges';

const vulnPath = (vulnId: string) => `/vulnerabilities/${encodeURIComponent(vulnId)}`;

function Row({ vuln }: { readonly vuln: VulnerabilitySummary }) {
  const navigate = useNavigate();
  return (
    <Table.Tr
      style={{ cursor: 'pointer' }}
      data-testid="vuln-row"
      onClick={(event) => {
        // The link itself navigates; a click elsewhere on the row does the same.
        if ((event.target as HTMLElement).closest('a') === null)
          void navigate(vulnPath(vuln.vulnId));
      }}
    >
      <Table.Td>
        <Stack gap={0}>
          <Anchor component={Link} to={vulnPath(vuln.vulnId)} size="sm" ff="monospace">
            {vuln.vulnId}
          </Anchor>
          {vuln.title !== null && (
            <Text size="xs" c="dimmed" lineClamp={1} maw={420} style={{ whiteSpace: 'normal' }}>
              {vuln.title}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <DecisionBadge decision={vuln.decision} />
      </Table.Td>
      <Table.Td>
        <ExploitBadges kev={vuln.kev} ransomware={vuln.ransomware} />
      </Table.Td>
      <Table.Td ta="right">{formatEpss(vuln.epss)}</Table.Td>
      <Table.Td ta="right">{formatCvss(vuln.cvssScore)}</Table.Td>
      <Table.Td ta="right">{formatCount(vuln.assets)}</Table.Td>
      <Table.Td ta="right">{formatCount(vuln.open)}</Table.Td>
      <Table.Td ta="right" c={vuln.overdue > 0 ? 'red' : undefined}>
        {formatCount(vuln.overdue)}
      </Table.Td>
      <Table.Td>
        <DueDate due={vuln.nextDue} overdue={vuln.overdue > 0} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Vulnerabilities in priority order, as the server ranks them; a row opens the detail. */
export function VulnerabilitiesTable({
  vulns,
}: {
  readonly vulns: readonly VulnerabilitySummary[];
}) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table
        striped
        highlightOnHover
        aria-label="Vulnerabilities"
        data-testid="vulnerabilities-table"
        style={{ whiteSpace: 'nowrap' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Vulnerability</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th>Exploited</Table.Th>
            <Table.Th ta="right">EPSS</Table.Th>
            <Table.Th ta="right">CVSS</Table.Th>
            <Table.Th ta="right">Assets</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            <Table.Th ta="right">Overdue</Table.Th>
            <Table.Th>Next due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {vulns.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Text c="dimmed" size="sm" ta="center" py="md">
                  No vulnerabilities match. Import feeds and inventory (SBOMs, scans) to find them.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {vulns.map((vuln) => (
            <Row key={vuln.vulnId} vuln={vuln} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
