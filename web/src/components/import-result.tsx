import { Badge, Group, Text } from '@mantine/core';
import { IMPORT_STATUS_INFO } from '../api/inventory-vocabulary';
import type { ImportCounts, ImportStatus } from '../api/types';
import { formatCount } from '../lib/format';

export function ImportStatusBadge({ status }: { readonly status: ImportStatus }) {
  const info = Object.hasOwn(IMPORT_STATUS_INFO, status)
    ? IMPORT_STATUS_INFO[status]
    : { label: status, color: 'gray' };
  return (
    <Badge
      color={info.color}
      variant="light"
      style={{ minWidth: 'max-content' }}
      data-testid="import-status"
    >
      {info.label}
    </Badge>
  );
}

/** What an import did, in words: "12 devices read: 10 new, 2 updated". */
export function countsText(counts: ImportCounts): string {
  const parts: string[] = [];
  const devices = `${formatCount(counts.observations)} ${counts.observations === 1 ? 'device' : 'devices'} read`;
  const changes = [
    counts.created > 0 ? `${formatCount(counts.created)} new` : null,
    counts.updated > 0 ? `${formatCount(counts.updated)} updated` : null,
    counts.unchanged > 0 ? `${formatCount(counts.unchanged)} unchanged` : null,
  ].filter((part) => part !== null);
  // An SBOM or a capture may describe no device of its own: then say only what it did carry.
  const onlyOther = counts.observations === 0 && (counts.flows > 0 || counts.components > 0);
  if (!onlyOther) parts.push(changes.length === 0 ? devices : `${devices}: ${changes.join(', ')}`);
  if (counts.flows > 0) parts.push(`${formatCount(counts.flows)} conversations`);
  if (counts.components > 0) parts.push(`${formatCount(counts.components)} components`);
  return parts.join('; ');
}

/** The counts of an import as badges, for the result panel. */
export function ImportCountBadges({ counts }: { readonly counts: ImportCounts }) {
  const items: [string, number, string][] = [
    ['Devices read', counts.observations, 'gray'],
    ['New assets', counts.created, 'green'],
    ['Updated', counts.updated, 'blue'],
    ['Unchanged', counts.unchanged, 'gray'],
    ['Conversations', counts.flows, 'cyan'],
    ['Components', counts.components, 'grape'],
  ];
  // Devices read and new assets always, when the file described devices; the rest when not zero.
  const describesDevices =
    counts.observations > 0 || (counts.flows === 0 && counts.components === 0);
  const always = describesDevices ? ['Devices read', 'New assets'] : [];
  return (
    <Group gap="xs" data-testid="import-counts">
      {items
        .filter(([label, n]) => n > 0 || always.includes(label))
        .map(([label, n, color]) => (
          <Badge key={label} color={color} variant="light" size="lg" tt="none">
            {label}: {formatCount(n)}
          </Badge>
        ))}
    </Group>
  );
}

/** `3 diagnostics` / `None` */
export function DiagnosticsCount({ count }: { readonly count: number }) {
  if (count === 0)
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Text size="sm" c="orange.8" fw={500} component="span">
      {formatCount(count)} {count === 1 ? 'diagnostic' : 'diagnostics'}
    </Text>
  );
}
