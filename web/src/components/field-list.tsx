import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Field {
  readonly label: string;
  readonly value: ReactNode;
}

/** Label–value pairs laid out in columns, as on a record's detail page. */
export function FieldList({ fields }: { readonly fields: readonly Field[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
      {fields.map((field) => (
        <Stack key={field.label} gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {field.label}
          </Text>
          <Text size="sm" component="div">
            {field.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
