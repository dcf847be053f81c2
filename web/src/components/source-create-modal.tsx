import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { EventShape, IngestProtocol, LogSource, SourceCreate } from '../api/detect-types';
import {
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  PROTOCOL_LABELS,
  SHAPE_LABELS,
} from '../api/detect-vocabulary';
import { ErrorAlert } from './error-alert';

const PROTOCOL_OPTIONS = INGEST_PROTOCOLS.map((value) => ({
  value,
  label: PROTOCOL_LABELS[value],
}));
const SHAPE_OPTIONS = EVENT_SHAPES.map((value) => ({ value, label: SHAPE_LABELS[value] }));

/** The path events are posted to with a source's token. */
const INGEST_PATH = '/api/v1/ingest/events';

/** A command that posts an NDJSON file to Wardline with the token, for the person setting it up. */
function curlExample(origin: string, token: string): string {
  return [
    `curl -X POST '${origin}${INGEST_PATH}' \\`,
    `  -H 'Authorization: Bearer ${token}' \\`,
    `  -H 'Content-Type: application/x-ndjson' \\`,
    `  --data-binary @events.ndjson`,
  ].join('\n');
}

const LOGSOURCE_FIELDS = [
  ['product', 'Product'],
  ['category', 'Category'],
  ['service', 'Service'],
] as const;

interface SourceValues {
  readonly name: string;
  readonly protocol: IngestProtocol;
  readonly product: string;
  readonly category: string;
  readonly service: string;
  readonly shape: EventShape | null;
}

function toRequest(values: SourceValues): SourceCreate {
  const logsource: LogSource = {
    ...(values.product.trim() === '' ? {} : { product: values.product.trim() }),
    ...(values.category.trim() === '' ? {} : { category: values.category.trim() }),
    ...(values.service.trim() === '' ? {} : { service: values.service.trim() }),
  };
  return {
    name: values.name.trim(),
    protocol: values.protocol,
    ...(Object.keys(logsource).length === 0 ? {} : { logsource }),
    ...(values.shape === null ? {} : { shape: values.shape }),
  };
}

/** The token of a new HTTP source, shown this once, with a command that uses it. */
function TokenOnce({ token, onClose }: { readonly token: string; readonly onClose: () => void }) {
  const example = curlExample(window.location.origin, token);
  return (
    <Stack gap="md">
      <Text size="sm">Senders authenticate with this token as a bearer token.</Text>
      <Group gap="xs" wrap="nowrap">
        <Code data-testid="source-token" fz="sm" py={6} px="sm" style={{ wordBreak: 'break-all' }}>
          {token}
        </Code>
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button size="compact-sm" variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Alert color="yellow">This token is shown only once. Wardline keeps only its hash.</Alert>
      <Text size="sm">Send events, one JSON object a line:</Text>
      <Code block data-testid="curl-example">
        {example}
      </Code>
      <Group justify="flex-end">
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

function SourceFields(props: {
  readonly values: SourceValues;
  readonly set: (change: Partial<SourceValues>) => void;
}) {
  const { values, set } = props;
  return (
    <>
      <TextInput
        label="Name"
        required
        value={values.name}
        onChange={(e) => {
          set({ name: e.currentTarget.value });
        }}
      />
      <Select
        label="Protocol"
        allowDeselect={false}
        data={PROTOCOL_OPTIONS}
        value={values.protocol}
        onChange={(value) => {
          set({ protocol: INGEST_PROTOCOLS.find((p) => p === value) ?? values.protocol });
        }}
      />
      <Text size="sm" fw={500}>
        Log source (leave empty to infer it from each event)
      </Text>
      <SimpleGrid cols={3}>
        {LOGSOURCE_FIELDS.map(([key, label]) => (
          <TextInput
            key={key}
            label={label}
            value={values[key]}
            onChange={(e) => {
              set({ [key]: e.currentTarget.value });
            }}
          />
        ))}
      </SimpleGrid>
      <Select
        label="Event shape"
        placeholder="Inferred from each event"
        clearable
        data={SHAPE_OPTIONS}
        value={values.shape}
        onChange={(value) => {
          set({ shape: EVENT_SHAPES.find((s) => s === value) ?? null });
        }}
      />
    </>
  );
}

/** Declares a new event source; for HTTP, shows its token once. */
export function SourceCreateModal({ onClose }: { readonly onClose: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SourceValues>({
    name: '',
    protocol: 'http',
    product: '',
    category: '',
    service: '',
    shape: null,
  });
  const create = useMutation({
    mutationFn: api.detect.sources.create,
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['event-sources'] });
      if (created.token === undefined) onClose();
    },
  });
  const token = create.data?.token;
  return (
    <Modal
      opened
      onClose={onClose}
      title={token === undefined ? 'Add an event source' : 'Source token'}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {token !== undefined ? (
        <TokenOnce token={token} onClose={onClose} />
      ) : (
        <form
          aria-label="Add an event source"
          onSubmit={(e) => {
            e.preventDefault();
            if (values.name.trim() !== '') create.mutate(toRequest(values));
          }}
        >
          <Stack gap="sm">
            <SourceFields
              values={values}
              set={(change) => {
                setValues({ ...values, ...change });
              }}
            />
            <ErrorAlert error={create.error} title="The source was not added" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={values.name.trim() === ''}>
                Add source
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
