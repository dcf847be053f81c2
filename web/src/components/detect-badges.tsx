import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { AlertStatus, DetectionLevel } from '../api/detect-types';
import { ALERT_STATUS_INFO, LEVEL_INFO } from '../api/detect-vocabulary';
import { techniqueUrl } from '../lib/attack';

/** The rule's Sigma level: critical red down to informational grey. */
export function LevelBadge({ level }: { readonly level: DetectionLevel }) {
  const info = LEVEL_INFO[level];
  return (
    <Badge color={info.color} variant="filled" data-testid="alert-level" data-level={level}>
      {info.label}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { readonly status: AlertStatus }) {
  const info = ALERT_STATUS_INFO[status];
  return (
    <Badge color={info.color} variant="light" data-testid="alert-status" data-status={status}>
      {info.label}
    </Badge>
  );
}

/** ATT&CK technique ids, each linking to its page on attack.mitre.org. */
export function TechniqueLinks({ techniques }: { readonly techniques: readonly string[] }) {
  if (techniques.length === 0) return <>—</>;
  return (
    <Group gap={6} wrap="wrap">
      {techniques.map((technique) => {
        const url = techniqueUrl(technique);
        return url === null ? (
          <Text key={technique} size="sm" ff="monospace">
            {technique}
          </Text>
        ) : (
          <Anchor
            key={technique}
            href={url}
            target="_blank"
            rel="noopener noreferrer"
            size="sm"
            ff="monospace"
            title={`MITRE ATT&CK ${technique}`}
          >
            {technique}
          </Anchor>
        );
      })}
    </Group>
  );
}
