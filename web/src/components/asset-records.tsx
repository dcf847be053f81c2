import { Anchor, Badge, Code, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AssetSbom, AssetScanFinding, AssetService, AssetSoftwareItem } from '../api/types';
import { formatDateTime, orDash } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { SourceLabel } from './source-label';

/** Whether an end-of-support date has passed at `now`. */
function isPast(date: string | null, now: number): boolean {
  return date !== null && !Number.isNaN(Date.parse(date)) && Date.parse(date) < now;
}

function EndOfSupport({ date }: { readonly date: string | null }) {
  if (date === null) return <>—</>;
  const past = isPast(date, Date.now());
  return (
    <Group gap={6} wrap="nowrap">
      <span>{date.slice(0, 10)}</span>
      {past && (
        <Badge color="red" variant="light" size="sm">
          Out of support
        </Badge>
      )}
    </Group>
  );
}

const SERVICE_COLUMNS: readonly Column<AssetService>[] = [
  { header: 'Port', cell: (s) => `${String(s.port)}/${s.transport}`, mono: true },
  { header: 'Service', cell: (s) => orDash(s.name) },
  {
    header: 'Product and version',
    cell: (s) => orDash([s.product, s.version].filter((p) => p !== null).join(' ')),
  },
  { header: 'TLS', cell: (s) => (s.tls ? 'Yes' : 'No') },
  {
    header: 'CPE',
    cell: (s) => (s.cpes.length === 0 ? '—' : s.cpes.join(', ')),
    mono: true,
  },
  { header: 'Source', cell: (s) => <SourceLabel source={s.source} /> },
  { header: 'Last seen', cell: (s) => formatDateTime(s.lastSeen), nowrap: true },
];

/** Open ports and what answers on them. */
export function ServicesTable({ services }: { readonly services: readonly AssetService[] }) {
  return (
    <DataTable
      label="Services"
      rows={services}
      columns={SERVICE_COLUMNS}
      rowKey={(s) => `${s.transport}/${String(s.port)}/${s.source.kind}/${s.source.name}`}
      empty="No open ports recorded. A network scan (Nmap, Greenbone, Nessus) lists them."
      minWidth={960}
    />
  );
}

const SOFTWARE_COLUMNS: readonly Column<AssetSoftwareItem>[] = [
  {
    header: 'Software',
    cell: (s) => (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {s.name} {s.version ?? ''}
        </Text>
        <Text size="xs" c="dimmed">
          {s.kind}
          {s.supplier === null ? '' : ` · ${s.supplier}`}
        </Text>
      </Stack>
    ),
  },
  {
    header: 'Package URL / CPE',
    cell: (s) => (
      <Stack gap={2}>
        {s.purl !== null && <Code>{s.purl}</Code>}
        {s.cpe !== null && <Code>{s.cpe}</Code>}
        {s.purl === null && s.cpe === null && '—'}
      </Stack>
    ),
  },
  { header: 'End of support', cell: (s) => <EndOfSupport date={s.endOfSupport} /> },
  { header: 'Source', cell: (s) => <SourceLabel source={s.source} /> },
  { header: 'Last seen', cell: (s) => formatDateTime(s.lastSeen), nowrap: true },
];

/** Operating system, firmware, applications and libraries, with identifiers to match advisories. */
export function SoftwareTable({ software }: { readonly software: readonly AssetSoftwareItem[] }) {
  return (
    <DataTable
      label="Software"
      rows={software}
      columns={SOFTWARE_COLUMNS}
      rowKey={(s, i) => `${s.name}/${s.version ?? ''}/${s.source.name}/${String(i)}`}
      empty="No software recorded. Nessus scans, SBOMs and inventory exports list it."
      minWidth={960}
    />
  );
}

const SBOM_COLUMNS: readonly Column<AssetSbom>[] = [
  {
    header: 'Bill of materials',
    cell: (s) => (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {orDash([s.name, s.version].filter((p) => p !== null).join(' '))}
        </Text>
        <Text size="xs" c="dimmed">
          {s.format}
          {s.specVersion === null ? '' : ` ${s.specVersion}`}
          {s.supplier === null ? '' : ` · ${s.supplier}`}
        </Text>
      </Stack>
    ),
  },
  {
    header: 'Describes',
    cell: (s) => (s.attachedTo === 'asset' ? 'This asset' : 'Every device of this model'),
  },
  { header: 'Components', cell: (s) => s.components.toLocaleString('en-US'), align: 'right' },
  { header: 'End of support', cell: (s) => <EndOfSupport date={s.endOfSupport} /> },
  { header: 'Imported', cell: (s) => formatDateTime(s.createdAt), nowrap: true },
];

/** The SBOMs that describe the asset, and a way to attach one. */
export function SbomsTable(props: {
  readonly sboms: readonly AssetSbom[];
  readonly assetId: string;
  readonly canImport: boolean;
}) {
  return (
    <Stack gap="sm">
      <DataTable
        label="SBOMs"
        rows={props.sboms}
        columns={SBOM_COLUMNS}
        rowKey={(s) => s.id}
        empty="No SBOM describes this asset or its model yet."
      />
      {props.canImport && (
        <Anchor
          component={Link}
          to={`/imports?kind=sbom&assetId=${encodeURIComponent(props.assetId)}`}
          size="sm"
        >
          Import an SBOM for this asset
        </Anchor>
      )}
    </Stack>
  );
}

function severityColor(severity: number | null): string {
  if (severity === null) return 'gray';
  if (severity >= 9) return 'red';
  if (severity >= 7) return 'orange';
  if (severity >= 4) return 'yellow';
  return 'gray';
}

const FINDING_COLUMNS: readonly Column<AssetScanFinding>[] = [
  {
    header: 'Severity',
    cell: (f) => (
      <Badge color={severityColor(f.severity)} variant="light">
        {f.severity === null ? 'None given' : f.severity.toFixed(1)}
      </Badge>
    ),
  },
  {
    header: 'Finding',
    cell: (f) => (
      <Stack gap={0}>
        <Text size="sm">{f.title}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {f.scannerId}
        </Text>
      </Stack>
    ),
  },
  { header: 'Port', cell: (f) => (f.port === '-/-' ? 'Host' : f.port), mono: true },
  { header: 'CVEs', cell: (f) => (f.cves.length === 0 ? '—' : f.cves.join(', ')), mono: true },
  { header: 'Source', cell: (f) => <SourceLabel source={f.source} /> },
  { header: 'Last seen', cell: (f) => formatDateTime(f.lastSeen), nowrap: true },
];

/** What vulnerability scanners reported, most severe first. */
export function ScanFindingsTable({
  findings,
}: {
  readonly findings: readonly AssetScanFinding[];
}) {
  const sorted = [...findings].sort((a, b) => (b.severity ?? -1) - (a.severity ?? -1));
  return (
    <DataTable
      label="Scanner findings"
      rows={sorted}
      columns={FINDING_COLUMNS}
      rowKey={(f) => `${f.scannerId}/${f.port}/${f.source.name}`}
      empty="No scanner findings. Greenbone / OpenVAS and Nessus reports add them."
      minWidth={960}
    />
  );
}
