import {
  Badge,
  Button,
  Group,
  List,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { SAFETY_COLORS } from '../api/inventory-vocabulary';
import type { AssetDetail } from '../api/types';
import { categoryLabel, patientSafetyLabel } from '../api/vocabulary';
import { confidenceText } from '../lib/fact-format';

/** How sure Wardline is of the category; the reasons show on hover or keyboard focus. */
function Confidence({ asset }: { readonly asset: AssetDetail }) {
  const { confidence, reasons } = asset.classification;
  const overridden = asset.facts.some((f) => f.field === 'category' && f.overridden);
  const label = overridden ? 'set in Wardline' : `${confidenceText(confidence)} confidence`;
  return (
    <Tooltip
      multiline
      w={360}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
      label={
        reasons.length === 0 ? (
          'No evidence recorded for this category.'
        ) : (
          <List size="xs" spacing={2}>
            {reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        )
      }
    >
      <UnstyledButton aria-label={`Category ${label}. Why: ${reasons.join('; ') || 'no evidence'}`}>
        <Text size="xs" c="dimmed" td="underline dotted" data-testid="category-confidence">
          {label}
        </Text>
      </UnstyledButton>
    </Tooltip>
  );
}

/** Patient-safety impact, ePHI, and whether a person set them. */
export function CriticalityBadges({ asset }: { readonly asset: AssetDetail }) {
  const { patientSafety, holdsEphi, overridden } = asset.criticality;
  return (
    <Group gap={6} data-testid="criticality">
      <Badge color={SAFETY_COLORS[patientSafety] ?? 'gray'} variant="filled">
        Patient safety: {patientSafetyLabel(patientSafety)}
      </Badge>
      <Badge color={holdsEphi ? 'violet' : 'gray'} variant={holdsEphi ? 'filled' : 'light'}>
        {holdsEphi ? 'Holds ePHI' : 'No ePHI'}
      </Badge>
      {overridden && (
        <Tooltip label="A person set this criticality in Wardline; imports do not change it.">
          <Badge color="grape" variant="outline" tabIndex={0} data-testid="criticality-overridden">
            Overridden
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

interface AssetHeaderProps {
  readonly asset: AssetDetail;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
}

/** The asset's name, what it is and how sure Wardline is, and how critical it is. */
export function AssetHeader({ asset, canEdit, onEdit }: AssetHeaderProps) {
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap">
      <Stack gap={6}>
        <Title order={1} size="h2" data-testid="asset-name">
          {asset.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="blue" size="lg" data-testid="asset-category">
            {categoryLabel(asset.category)}
          </Badge>
          <Confidence asset={asset} />
        </Group>
        <CriticalityBadges asset={asset} />
      </Stack>
      {canEdit && <Button onClick={onEdit}>Edit</Button>}
    </Group>
  );
}
