import type { Detection } from '../api/detect-types';
import { formatCount, formatDateTime, orDash } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { LevelBadge, TechniqueLinks } from './detect-badges';

/** The hosts a detection's events name, each once. */
function hostsOf(detection: Detection): string {
  const hosts = new Set(detection.events.flatMap((e) => (e.host === undefined ? [] : [e.host])));
  return orDash([...hosts].join(', '));
}

const COLUMNS: readonly Column<Detection>[] = [
  { header: 'Time', cell: (d) => formatDateTime(d.time), nowrap: true },
  { header: 'Level', cell: (d) => <LevelBadge level={d.level} />, nowrap: true },
  { header: 'Rule', cell: (d) => d.title },
  { header: 'ATT&CK', cell: (d) => <TechniqueLinks techniques={d.techniques} /> },
  { header: 'Host', cell: hostsOf, mono: true },
  { header: 'Events', cell: (d) => formatCount(d.events.length), align: 'right' },
  { header: 'Group', cell: (d) => orDash(d.groupKey), mono: true },
];

interface DetectionsTableProps {
  readonly detections: readonly Detection[];
  readonly label: string;
  readonly empty: string;
  readonly testId?: string;
}

/** What a rule test or a hunt found: one row per detection, as the engine reported it. */
export function DetectionsTable({ detections, label, empty, testId }: DetectionsTableProps) {
  return (
    <DataTable
      label={label}
      rows={detections}
      columns={COLUMNS}
      rowKey={(d, i) => `${d.ruleId}/${d.time}/${String(i)}`}
      empty={empty}
      minWidth={880}
      testId={testId}
      rowProps={() => ({ 'data-testid': 'detection-row' })}
    />
  );
}
