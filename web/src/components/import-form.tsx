import {
  Button,
  FileInput,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { IMPORT_KIND_INFO, IMPORT_KINDS } from '../api/inventory-vocabulary';
import type { ImportKind, ImportUpload, Job } from '../api/types';
import { formatBytes } from '../lib/format';
import {
  EMPTY_IMPORT_FORM,
  prepareImport,
  type ImportFormProblems,
  type ImportFormValues,
} from '../lib/import-form';
import { ErrorAlert } from './error-alert';

const KIND_OPTIONS = IMPORT_KINDS.map((value) => ({
  value,
  label: IMPORT_KIND_INFO[value].label,
}));

const MAPPING_EXAMPLE = `# YAML or JSON, e.g.
delimiter: ";"
fields:
  assetTag: Inventar-Nr.
  serial: Seriennummer
categories:
  Infusomat: infusion-pump`;

function renderKindOption({ option }: { option: { value: string; label: string } }) {
  const info = IMPORT_KIND_INFO[option.value as ImportKind];
  return (
    <Stack gap={0}>
      <Text size="sm">{info.label}</Text>
      <Text size="xs" c="dimmed">
        {info.description}
      </Text>
    </Stack>
  );
}

interface SbomFieldsProps {
  readonly values: ImportFormValues;
  readonly problems: ImportFormProblems;
  readonly set: (change: Partial<ImportFormValues>) => void;
}

function SbomFields({ values, problems, set }: SbomFieldsProps) {
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="sbom-target-label">
        This SBOM describes
      </Text>
      <SegmentedControl
        aria-labelledby="sbom-target-label"
        value={values.sbomTarget}
        onChange={(value) => {
          set({ sbomTarget: value });
        }}
        data={[
          { value: 'asset', label: 'One asset' },
          { value: 'model', label: 'Every device of a model' },
        ]}
      />
      {values.sbomTarget === 'asset' ? (
        <TextInput
          label="Asset"
          description="The asset's Wardline ID (ast_…), or paste the address of its page."
          value={values.assetId}
          error={problems.assetId}
          onChange={(e) => {
            set({ assetId: e.currentTarget.value });
          }}
        />
      ) : (
        <Group grow align="flex-start">
          <TextInput
            label="Vendor"
            value={values.vendor}
            error={problems.vendor}
            onChange={(e) => {
              set({ vendor: e.currentTarget.value });
            }}
          />
          <TextInput
            label="Model"
            value={values.model}
            error={problems.model}
            onChange={(e) => {
              set({ model: e.currentTarget.value });
            }}
          />
        </Group>
      )}
    </Stack>
  );
}

interface ImportFormProps {
  /** Values to start from, e.g. an SBOM for the asset the user came from. */
  readonly initial?: Partial<ImportFormValues>;
  readonly onStarted: (job: Job, upload: ImportUpload) => void;
}

/** Choose what kind of file it is and the file; the import then runs as a job. */
export function ImportForm({ initial, onStarted }: ImportFormProps) {
  const [values, setValues] = useState<ImportFormValues>({ ...EMPTY_IMPORT_FORM, ...initial });
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<ImportFormProblems>({});
  const set = (change: Partial<ImportFormValues>) => {
    setValues({ ...values, ...change });
  };

  const upload = useMutation({
    mutationFn: async ({ request, body }: { request: ImportUpload; body: File }) => ({
      job: await api.imports.upload(request, body),
      request,
    }),
    onSuccess: ({ job, request }) => {
      onStarted(job, request);
      setFile(null);
      setValues({ ...values, fileName: null });
    },
  });

  const submit = async () => {
    const prepared = await prepareImport({ ...values, fileName: file?.name ?? null });
    if ('problems' in prepared) {
      setProblems(prepared.problems);
      return;
    }
    setProblems({});
    if (file !== null) upload.mutate({ request: prepared.upload, body: file });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Import a file"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <Select
              label="Kind of file"
              placeholder="Choose what the file is"
              data={KIND_OPTIONS}
              value={values.kind}
              error={problems.kind}
              renderOption={renderKindOption}
              description={
                values.kind === null ? undefined : IMPORT_KIND_INFO[values.kind].description
              }
              onChange={(value) => {
                set({ kind: value });
              }}
            />
            <FileInput
              label="File"
              placeholder="Choose a file"
              clearable
              value={file}
              error={problems.file}
              description={
                file === null
                  ? 'Files stay on this network: Wardline reads them here.'
                  : formatBytes(file.size)
              }
              onChange={setFile}
              data-testid="import-file"
            />
          </Group>
          {values.kind === 'inventory' && (
            <Textarea
              label="Column mapping (optional)"
              description="Which column holds which field, when Wardline does not recognize the headers. YAML or JSON."
              placeholder={MAPPING_EXAMPLE}
              autosize
              minRows={4}
              maxRows={16}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={values.mapping}
              error={problems.mapping}
              onChange={(e) => {
                set({ mapping: e.currentTarget.value });
              }}
            />
          )}
          {values.kind === 'sbom' && <SbomFields values={values} problems={problems} set={set} />}
          <ErrorAlert error={upload.error} title="The upload did not start" />
          <Group>
            <Button type="submit" loading={upload.isPending}>
              Import
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
