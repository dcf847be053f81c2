import { Button, FileInput, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { RuleUploadResult } from '../api/detect-types';
import { ErrorAlert } from './error-alert';

/** Rule text the form sends at most; the server caps it as well. */
const MAX_RULE_TEXT_BYTES = 1_048_576;

/** The text of a chosen file, or a reason it will not be sent. */
async function readTextFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) {
    throw new Error(`${file.name} is larger than ${String(Math.round(maxBytes / 1024))} KB.`);
  }
  return file.text();
}

function UploadOutcome({ result }: { readonly result: RuleUploadResult }) {
  return (
    <Stack gap={4} data-testid="rule-upload-result" role="status">
      <Text size="sm">
        {result.rules.length === 1
          ? `Stored 1 rule: ${result.rules[0]?.title ?? ''}.`
          : `Stored ${String(result.rules.length)} rules.`}
      </Text>
      {result.problems.length > 0 && (
        <List size="sm" c="red" data-testid="rule-upload-problems">
          {result.problems.map((problem, i) => (
            <List.Item key={i}>{problem}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Adds Sigma rules, pasted or from a YAML file (several documents separated by `---`). */
export function RuleUpload() {
  const queryClient = useQueryClient();
  const [yaml, setYaml] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: async () =>
      api.detect.rules.upload(file === null ? yaml : await readTextFile(file, MAX_RULE_TEXT_BYTES)),
    onSuccess: async (result) => {
      if (result.rules.length > 0) {
        setYaml('');
        setFile(null);
      }
      await queryClient.invalidateQueries({ queryKey: ['detection-rules'] });
    },
  });
  const empty = file === null && yaml.trim() === '';
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Upload rules"
        onSubmit={(e) => {
          e.preventDefault();
          if (!empty) upload.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Upload rules
          </Title>
          <Text size="sm" c="dimmed">
            Sigma rules in YAML. A rule with the same id replaces the uploaded one before it.
          </Text>
          <Textarea
            label="Rule YAML"
            placeholder={'title: …\nlogsource:\n  product: windows\ndetection: …'}
            autosize
            minRows={6}
            maxRows={18}
            ff="monospace"
            disabled={file !== null}
            value={yaml}
            onChange={(e) => {
              setYaml(e.currentTarget.value);
            }}
          />
          <Group align="flex-end">
            <FileInput
              label="Or a YAML file"
              placeholder="Choose a .yml file"
              accept=".yml,.yaml,text/yaml"
              clearable
              w={320}
              value={file}
              onChange={setFile}
            />
            <Button type="submit" loading={upload.isPending} disabled={empty}>
              Upload rules
            </Button>
          </Group>
          <ErrorAlert error={upload.error} title="The rules were not stored" />
          {upload.data && <UploadOutcome result={upload.data} />}
        </Stack>
      </form>
    </Paper>
  );
}
