import { Accordion, Code, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { LogEvent } from '../api/detect-types';
import { SHAPE_LABELS } from '../api/detect-vocabulary';
import { flattenEvent, type EventField } from '../lib/event-fields';
import { formatDateTime } from '../lib/format';
import { DataTable, type Column } from './data-table';

const FIELD_COLUMNS: readonly Column<EventField>[] = [
  { header: 'Field', cell: (f) => f.path, mono: true, nowrap: true },
  {
    header: 'Value',
    cell: (f) => (
      <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {f.value}
      </Text>
    ),
  },
];

/** Where an event was read: the source and, when known, the record position. */
function originText(event: LogEvent): string {
  if (event.origin === undefined) return 'origin not recorded';
  return event.origin.position === undefined
    ? event.origin.source
    : `${event.origin.source} @ ${event.origin.position}`;
}

function EventBody({ event }: { readonly event: LogEvent }) {
  const [view, setView] = useState<'fields' | 'json'>('fields');
  const flat = flattenEvent(event.data);
  const logsource = Object.entries(event.logsource)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Text size="xs" c="dimmed">
          {SHAPE_LABELS[event.shape]}
          {logsource === '' ? '' : ` · ${logsource}`}
          {event.host === undefined ? '' : ` · host ${event.host}`}
          {event.ips === undefined || event.ips.length === 0 ? '' : ` · ${event.ips.join(', ')}`}
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Show the event as"
          value={view}
          onChange={(value) => {
            setView(value === 'json' ? 'json' : 'fields');
          }}
          data={[
            { value: 'fields', label: 'Fields' },
            { value: 'json', label: 'JSON' },
          ]}
        />
      </Group>
      {view === 'fields' ? (
        <DataTable
          label="Event fields"
          rows={flat.fields}
          columns={FIELD_COLUMNS}
          rowKey={(f, i) => `${f.path}/${String(i)}`}
          empty="The event has no fields."
          minWidth={560}
          testId="event-fields"
        />
      ) : (
        <Code block data-testid="event-json" style={{ maxHeight: 480, overflow: 'auto' }}>
          {JSON.stringify(event.data, null, 2)}
        </Code>
      )}
      {flat.truncated && view === 'fields' && (
        <Text size="xs" c="dimmed">
          Long or deeply nested parts are cut here; the JSON view shows the event whole.
        </Text>
      )}
    </Stack>
  );
}

/** The events that prove an alert, each opening to its fields; the first one open. */
export function EventViewer({ events }: { readonly events: readonly LogEvent[] }) {
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No event is kept for this alert.
      </Text>
    );
  }
  return (
    <Accordion multiple defaultValue={['0']} variant="separated" data-testid="alert-events">
      {events.map((event, index) => (
        <Accordion.Item key={index} value={String(index)}>
          <Accordion.Control>
            <Group gap="sm" wrap="wrap">
              <Text size="sm" fw={600}>
                Event {index + 1}
              </Text>
              <Text size="sm">{formatDateTime(event.time)}</Text>
              <Text size="xs" c="dimmed" ff="monospace">
                {originText(event)}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <EventBody event={event} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
