import {
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { RuleTestResult } from '../api/detect-types';
import { formatCount } from '../lib/format';
import { DetectionsTable } from './detections-table';
import { ErrorAlert } from './error-alert';

function TestOutcome({ result }: { readonly result: RuleTestResult }) {
  return (
    <Stack gap="sm" data-testid="rule-test-result">
      <Text size="sm" role="status">
        {formatCount(result.events)} {result.events === 1 ? 'event' : 'events'} read,{' '}
        {formatCount(result.detections.length)}{' '}
        {result.detections.length === 1 ? 'detection' : 'detections'}
        {result.rejected.length > 0
          ? `, ${formatCount(result.rejected.length)} ${result.rejected.length === 1 ? 'line' : 'lines'} rejected`
          : ''}
        .
      </Text>
      {result.problems.length > 0 && (
        <List size="sm" c="red" data-testid="rule-test-problems">
          {result.problems.map((problem, i) => (
            <List.Item key={i}>{problem}</List.Item>
          ))}
        </List>
      )}
      {result.rejected.length > 0 && (
        <List size="sm" c="orange" data-testid="rule-test-rejected">
          {result.rejected.map((r) => (
            <List.Item key={r.line}>
              Line {r.line}: {r.message}
            </List.Item>
          ))}
        </List>
      )}
      <DetectionsTable
        detections={result.detections}
        label="Test detections"
        empty="The rule did not fire on these events."
        testId="rule-test-detections"
      />
    </Stack>
  );
}

/** Runs rule YAML over pasted events without storing either: to write and check a rule. */
export function RuleTestPanel() {
  const [yaml, setYaml] = useState('');
  const [events, setEvents] = useState('');
  const test = useMutation({ mutationFn: api.detect.rules.test });
  return (
    <Paper withBorder p="md" radius="md">
      <form
        aria-label="Test a rule"
        onSubmit={(e) => {
          e.preventDefault();
          test.mutate({ yaml, events });
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Test a rule
          </Title>
          <Text size="sm" c="dimmed">
            Paste a Sigma rule and sample events, one JSON object a line (or a JSON array). Nothing
            is stored and no alert is raised.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label="Rule to test"
              autosize
              minRows={8}
              maxRows={24}
              ff="monospace"
              value={yaml}
              onChange={(e) => {
                setYaml(e.currentTarget.value);
              }}
            />
            <Textarea
              label="Events (NDJSON)"
              autosize
              minRows={8}
              maxRows={24}
              ff="monospace"
              value={events}
              onChange={(e) => {
                setEvents(e.currentTarget.value);
              }}
            />
          </SimpleGrid>
          <Group>
            <Button
              type="submit"
              loading={test.isPending}
              disabled={yaml.trim() === '' || events.trim() === ''}
            >
              Run test
            </Button>
          </Group>
          <ErrorAlert error={test.error} title="The test did not run" />
          {test.data && <TestOutcome result={test.data} />}
        </Stack>
      </form>
    </Paper>
  );
}
