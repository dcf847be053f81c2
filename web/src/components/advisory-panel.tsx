import { Anchor, Badge, Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Advisory, CvssScore, ProductCriterion } from '../api/vuln-types';
import {
  advisorySourceLabel,
  REMEDIATION_LABELS,
  VEX_JUSTIFICATION_LABELS,
} from '../api/vuln-vocabulary';
import { orDash } from '../lib/format';
import { cvssColor, formatDay } from '../lib/vuln-format';
import { DataTable, type Column } from './data-table';

/** One CVSS vector with who scored it and where it came from. */
export interface SourcedCvss extends CvssScore {
  readonly advisory: string;
  readonly feed: string;
}

export function cvssRows(advisories: readonly Advisory[]): SourcedCvss[] {
  return advisories.flatMap((a) =>
    a.cvss.map((score) => ({ ...score, advisory: a.id, feed: advisorySourceLabel(a.source) })),
  );
}

const CVSS_COLUMNS: readonly Column<SourcedCvss>[] = [
  { header: 'Source', cell: (c) => `${c.feed}${c.source === null ? '' : ` (${c.source})`}` },
  { header: 'Version', cell: (c) => c.version, nowrap: true },
  {
    header: 'Score',
    cell: (c) => (
      <Badge color={cvssColor(c.baseScore)} variant="light">
        {c.baseScore.toFixed(1)} {c.severity}
      </Badge>
    ),
    nowrap: true,
  },
  { header: 'Vector', cell: (c) => c.vector, mono: true },
];

/** CVSS per source, each with its vector. */
export function CvssTable({ advisories }: { readonly advisories: readonly Advisory[] }) {
  return (
    <DataTable
      label="CVSS scores"
      rows={cvssRows(advisories)}
      columns={CVSS_COLUMNS}
      rowKey={(c, i) => `${c.advisory}/${c.vector}/${String(i)}`}
      empty="No source has scored it with CVSS."
      minWidth={640}
    />
  );
}

/** What a vendor says is not affected (VEX) or fixed, product by product. */
function vexStatements(products: readonly ProductCriterion[]): ProductCriterion[] {
  return products.filter((p) => p.status === 'known_not_affected' || p.status === 'fixed');
}

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function References({ advisory }: { readonly advisory: Advisory }) {
  if (advisory.references.length === 0) return null;
  return (
    <Section title="References">
      <List size="sm" spacing={2}>
        {advisory.references.slice(0, 20).map((ref) => (
          <List.Item key={ref.url}>
            <Anchor href={ref.url} target="_blank" rel="noreferrer noopener" size="sm">
              {ref.url}
            </Anchor>
            {ref.tags.length > 0 && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({ref.tags.join(', ')})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {advisory.references.length > 20 && (
        <Text size="xs" c="dimmed">
          and {advisory.references.length - 20} more
        </Text>
      )}
    </Section>
  );
}

function Remediations({ advisory }: { readonly advisory: Advisory }) {
  if (advisory.remediations.length === 0) return null;
  return (
    <Section title="Remediations">
      <List size="sm" spacing={4}>
        {advisory.remediations.map((r, index) => (
          <List.Item key={index}>
            <Text span fw={500} size="sm">
              {REMEDIATION_LABELS[r.category]}:
            </Text>{' '}
            {r.details}
            {r.url !== null && (
              <>
                {' '}
                <Anchor href={r.url} target="_blank" rel="noreferrer noopener" size="sm">
                  link
                </Anchor>
              </>
            )}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function VexStatements({ advisory }: { readonly advisory: Advisory }) {
  const statements = vexStatements(advisory.products);
  if (statements.length === 0) return null;
  return (
    <Section title="Vendor statements (VEX)">
      <List size="sm" spacing={4}>
        {statements.map((p) => (
          <List.Item key={p.productId}>
            <Text span fw={500} size="sm">
              {p.name}
            </Text>
            : {p.status === 'fixed' ? 'fixed' : 'not affected'}
            {p.justification !== null && ` — ${VEX_JUSTIFICATION_LABELS[p.justification]}`}
            {p.impactStatement !== null && `. ${p.impactStatement}`}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

function Packages({ advisory }: { readonly advisory: Advisory }) {
  if (advisory.packages.length === 0) return null;
  return (
    <Section title="Affected packages">
      <List size="sm" spacing={2}>
        {advisory.packages.map((p) => (
          <List.Item key={p.purl}>
            <Code>{p.purl}</Code>
            {p.fixedVersions.length > 0 && ` — fixed in ${p.fixedVersions.join(', ')}`}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

/** One advisory as its source wrote it: summary, packages, remediations, VEX, references. */
export function AdvisoryPanel({ advisory }: { readonly advisory: Advisory }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid="advisory" data-source={advisory.source}>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <Badge variant="light">{advisorySourceLabel(advisory.source)}</Badge>
          <Title order={3} size="h5" ff="monospace">
            {advisory.id}
          </Title>
          {advisory.document !== null && advisory.document !== advisory.id && (
            <Text size="sm" c="dimmed">
              in {advisory.document}
            </Text>
          )}
          {advisory.withdrawn !== null && (
            <Badge color="gray">Withdrawn {formatDay(advisory.withdrawn)}</Badge>
          )}
        </Group>
        {advisory.title !== null && <Text fw={500}>{advisory.title}</Text>}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {orDash(advisory.summary)}
        </Text>
        <Text size="xs" c="dimmed">
          Published {formatDay(advisory.published)} · modified {formatDay(advisory.modified)}
          {advisory.aliases.length > 0 && ` · also ${advisory.aliases.join(', ')}`}
          {advisory.cwes.length > 0 && ` · ${advisory.cwes.join(', ')}`}
        </Text>
        <Packages advisory={advisory} />
        <Remediations advisory={advisory} />
        <VexStatements advisory={advisory} />
        <References advisory={advisory} />
      </Stack>
    </Paper>
  );
}
