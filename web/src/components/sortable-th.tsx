import { Table, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SortOrder } from '../api/types';

interface SortableThProps {
  readonly children: ReactNode;
  /** The order when this column is the sort key, otherwise null. */
  readonly sorted: SortOrder | null;
  readonly onSort: () => void;
}

const ARROWS: Record<SortOrder, string> = { asc: '▲', desc: '▼' };

/** A column header that sorts the list on click and says so to assistive technology. */
export function SortableTh({ children, sorted, onSort }: SortableThProps) {
  const ariaSort = sorted === null ? 'none' : sorted === 'asc' ? 'ascending' : 'descending';
  return (
    <Table.Th aria-sort={ariaSort}>
      <UnstyledButton onClick={onSort} fw={600} fz="sm">
        {children} <span aria-hidden="true">{sorted === null ? '↕' : ARROWS[sorted]}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
