import { Badge, Group } from '@mantine/core';
import type { FindingStatus, SsvcDecision } from '../api/vuln-types';
import { DECISION_INFO, FINDING_STATUS_INFO } from '../api/vuln-vocabulary';

/** The SSVC decision: Act red, Attend orange, Track* yellow, Track grey. */
export function DecisionBadge({ decision }: { readonly decision: SsvcDecision }) {
  const info = DECISION_INFO[decision];
  return (
    <Badge color={info.color} variant="filled" data-testid="decision" data-decision={decision}>
      {info.label}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { readonly status: FindingStatus }) {
  const info = FINDING_STATUS_INFO[status];
  return (
    <Badge color={info.color} variant="light" data-testid="finding-status" data-status={status}>
      {info.label}
    </Badge>
  );
}

/** KEV and known ransomware use, when they apply; nothing otherwise. */
export function ExploitBadges(props: { readonly kev: boolean; readonly ransomware: boolean }) {
  if (!props.kev && !props.ransomware) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {props.kev && (
        <Badge
          color="red"
          variant="outline"
          size="sm"
          title="In CISA's Known Exploited Vulnerabilities catalog"
        >
          KEV
        </Badge>
      )}
      {props.ransomware && (
        <Badge color="dark" variant="filled" size="sm" title="Known use in ransomware campaigns">
          Ransomware
        </Badge>
      )}
    </Group>
  );
}

/** The due date, red when it has passed. */
export function DueDate(props: { readonly due: string | null; readonly overdue: boolean }) {
  if (props.due === null) return <>—</>;
  const day = props.due.slice(0, 10);
  if (!props.overdue) return <>{day}</>;
  return (
    <Group gap={4} wrap="nowrap">
      <span>{day}</span>
      <Badge color="red" variant="light" size="sm">
        Overdue
      </Badge>
    </Group>
  );
}
