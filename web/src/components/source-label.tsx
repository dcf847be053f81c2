import { Badge, Group, Text } from '@mantine/core';
import { sourceKindLabel } from '../api/inventory-vocabulary';
import type { SourceRef } from '../api/types';

/** Where a fact came from: the kind of source and the file or person, e.g. "Nmap · scan.xml". */
export function SourceLabel({ source }: { readonly source: SourceRef }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="sm" variant="light" color={source.kind === 'user' ? 'grape' : 'blue'}>
        {sourceKindLabel(source.kind)}
      </Badge>
      <Text size="sm" truncate="end" maw={260} title={source.name}>
        {source.name}
      </Text>
    </Group>
  );
}
