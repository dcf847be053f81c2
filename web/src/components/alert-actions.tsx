import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { AlertDetail, AlertStatus } from '../api/detect-types';
import { ALERT_TRANSITIONS, STATUS_ACTION_LABELS } from '../api/detect-vocabulary';
import type { DetectAccess } from '../lib/detect-access';
import { ALERT_KEYS, AlertStatusModal } from './alert-status-modal';
import { ErrorAlert } from './error-alert';
import { SuppressModal } from './suppress-modal';

type Dialog = { readonly kind: 'status'; readonly to: AlertStatus } | { readonly kind: 'suppress' };

interface AlertActionsProps {
  readonly alert: AlertDetail;
  readonly access: DetectAccess;
}

/** The incident the alert opened, once it has one. */
function IncidentLine({ incidentId }: { readonly incidentId: string }) {
  return (
    <Text size="sm" data-testid="incident-opened">
      Incident{' '}
      <Text span ff="monospace" fw={600} data-testid="incident-id">
        {incidentId}
      </Text>{' '}
      opened from this alert.
    </Text>
  );
}

interface ActionButtonsProps extends AlertActionsProps {
  readonly showIncident: boolean;
  readonly incidentPending: boolean;
  readonly onStatus: (to: AlertStatus) => void;
  readonly onSuppress: () => void;
  readonly onIncident: () => void;
}

function ActionButtons(props: ActionButtonsProps) {
  const { alert, access, showIncident, incidentPending, onStatus, onSuppress, onIncident } = props;
  return (
    <Group gap="sm" wrap="wrap" data-testid="alert-actions">
      {access.workAlerts &&
        ALERT_TRANSITIONS[alert.status].map((to) => (
          <Button
            key={to}
            size="xs"
            variant={to === 'acknowledged' ? 'filled' : 'light'}
            onClick={() => {
              onStatus(to);
            }}
          >
            {STATUS_ACTION_LABELS[to]}
          </Button>
        ))}
      {access.suppress && (
        <Button size="xs" variant="default" onClick={onSuppress}>
          Suppress
        </Button>
      )}
      {access.workAlerts && showIncident && (
        <Button
          size="xs"
          variant="outline"
          color="red"
          loading={incidentPending}
          onClick={onIncident}
        >
          Open incident
        </Button>
      )}
    </Group>
  );
}

/**
 * What this user may do with the alert: the status changes its status allows, a suppression and
 * an incident. A role without the right sees no control at all.
 */
export function AlertActions({ alert, access }: AlertActionsProps) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [suppressed, setSuppressed] = useState(false);
  const incident = useMutation({
    mutationFn: () => api.detect.alerts.openIncident(alert.id),
    onSuccess: async () => {
      await Promise.all(
        ALERT_KEYS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })),
      );
    },
  });
  const incidentId = incident.data?.incidentId ?? alert.incidentId;
  if (!access.workAlerts && !access.suppress) {
    return incidentId === null ? null : <IncidentLine incidentId={incidentId} />;
  }
  const close = () => {
    setDialog(null);
  };
  return (
    <>
      <ActionButtons
        alert={alert}
        access={access}
        showIncident={incidentId === null}
        incidentPending={incident.isPending}
        onStatus={(to) => {
          setDialog({ kind: 'status', to });
        }}
        onSuppress={() => {
          setDialog({ kind: 'suppress' });
        }}
        onIncident={() => {
          incident.mutate();
        }}
      />
      {incidentId !== null && <IncidentLine incidentId={incidentId} />}
      {suppressed && (
        <Text size="sm" role="status" data-testid="suppression-saved">
          Suppression saved: matching detections raise no alert until its end date.
        </Text>
      )}
      <ErrorAlert error={incident.error} title="No incident was opened" />
      {dialog?.kind === 'status' && (
        <AlertStatusModal alert={alert} to={dialog.to} onClose={close} />
      )}
      {dialog?.kind === 'suppress' && (
        <SuppressModal
          alert={alert}
          onClose={close}
          onDone={() => {
            setSuppressed(true);
            close();
          }}
        />
      )}
    </>
  );
}
