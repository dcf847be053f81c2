import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { PlannedArea } from '../lib/areas';

interface AreaPlaceholderProps {
  readonly area: PlannedArea;
}

/** An honest page for an area that has no screens yet: what it will do, and that it is not here. */
export function AreaPlaceholder({ area }: AreaPlaceholderProps) {
  return (
    <Stack gap="md" maw={760}>
      <Group gap="sm">
        <Title order={1} size="h2">
          {area.title}
        </Title>
        <Badge color="gray" variant="light">
          Not available yet
        </Badge>
      </Group>
      <Text>{area.purpose}</Text>
      <Paper withBorder p="md" radius="md">
        <Text fw={600} mb="xs">
          What this area will do
        </Text>
        <List spacing="xs" size="sm">
          {area.capabilities.map((capability) => (
            <List.Item key={capability}>{capability}</List.Item>
          ))}
        </List>
      </Paper>
      <Text size="sm" c="dimmed">
        This part of Wardline is not available in this version. Nothing on this page is sample data;
        it will show the hospital&apos;s own data once the capability ships.
      </Text>
    </Stack>
  );
}
