import { Anchor, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { AlertDetail } from '../api/detect-types';
import { AlertActions } from '../components/alert-actions';
import { AlertHistory } from '../components/alert-history';
import { AlertPlace } from '../components/alerts-table';
import { AlertStatusBadge, LevelBadge, TechniqueLinks } from '../components/detect-badges';
import { ErrorAlert } from '../components/error-alert';
import type { Field } from '../components/field-list';
import { FieldList } from '../components/field-list';
import { EventViewer } from '../components/event-viewer';
import { formatCount, formatDateTime, orDash } from '../lib/format';
import { useDetectAccess } from '../session/use-detect-access';

function ruleFields(alert: AlertDetail): Field[] {
  return [
    { label: 'Asset or host', value: <AlertPlace alert={alert} /> },
    { label: 'ATT&CK', value: <TechniqueLinks techniques={alert.techniques} /> },
    {
      label: 'Rule',
      value: (
        <Text size="sm" ff="monospace" data-testid="alert-rule-id">
          {alert.ruleId}
        </Text>
      ),
    },
    { label: 'Kind', value: alert.kind === 'correlation' ? 'Correlation' : 'Single rule' },
    { label: 'Group key', value: orDash(alert.groupKey) },
    { label: 'Detections', value: formatCount(alert.count) },
    { label: 'First seen', value: formatDateTime(alert.firstSeen) },
    { label: 'Last seen', value: formatDateTime(alert.lastSeen) },
    { label: 'Tags', value: alert.tags.length === 0 ? '—' : alert.tags.join(', ') },
  ];
}

function Header({ alert }: { readonly alert: AlertDetail }) {
  return (
    <Stack gap={4}>
      <Group gap="sm" wrap="wrap">
        <Title order={1} size="h2" data-testid="alert-title">
          {alert.title}
        </Title>
        <LevelBadge level={alert.level} />
        <AlertStatusBadge status={alert.status} />
      </Group>
      {alert.description !== undefined && (
        <Text c="dimmed" maw={820} data-testid="alert-description">
          {alert.description}
        </Text>
      )}
      {alert.statusNote !== null && (
        <Text size="sm">
          <Text span fw={600}>
            Note:
          </Text>{' '}
          {alert.statusNote}
        </Text>
      )}
    </Stack>
  );
}

/** One alert: the rule that fired, where, the events that prove it, what was done about it. */
export function AlertDetailPage() {
  const { id = '' } = useParams();
  const access = useDetectAccess();
  const detail = useQuery({
    queryKey: ['alert', id],
    queryFn: () => api.detect.alerts.get(id),
  });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/alerts" size="sm">
        ← All alerts
      </Anchor>
      <ErrorAlert error={detail.error} title="Alert unavailable" />
      {detail.isPending && <Loader aria-label="Loading alert" />}
      {detail.data && (
        <>
          <Header alert={detail.data} />
          <AlertActions alert={detail.data} access={access} />
          <Paper withBorder p="md" radius="md">
            <FieldList fields={ruleFields(detail.data)} />
          </Paper>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Events ({formatCount(detail.data.events.length)})
            </Title>
            {detail.data.events.length < detail.data.count && (
              <Text size="xs" c="dimmed">
                The first events are kept with the alert; later detections only raise its count.
              </Text>
            )}
            <EventViewer events={detail.data.events} />
          </Stack>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              History
            </Title>
            <AlertHistory history={detail.data.history} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
