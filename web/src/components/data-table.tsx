import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column: its header and how a row fills its cell. */
export interface Column<T> {
  readonly header: ReactNode;
  readonly cell: (row: T) => ReactNode;
  /** Addresses, ports, hashes, identifiers. */
  readonly mono?: boolean;
  readonly align?: 'left' | 'right';
  /** Keep the cell on one line: badges, times, ports. */
  readonly nowrap?: boolean;
}

interface DataTableProps<T> {
  /** The table's accessible name. */
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T, index: number) => string;
  /** What to say when there are no rows. */
  readonly empty: string;
  readonly minWidth?: number;
  /** Extra attributes of a row, e.g. a warning background. */
  readonly rowProps?: (row: T) => { bg?: string; 'data-testid'?: string };
  readonly testId?: string;
}

/** A dense, striped, horizontally scrolling table of records, with its empty state. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { label, rows, columns, rowKey, empty, minWidth = 720, rowProps, testId } = props;
  if (rows.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid={testId === undefined ? undefined : `${testId}-empty`}>
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover aria-label={label} data-testid={testId} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index} ta={column.align}>
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, rowIndex) => (
            <Table.Tr key={rowKey(row, rowIndex)} {...rowProps?.(row)}>
              {columns.map((column, index) => (
                <Table.Td
                  key={index}
                  ta={column.align}
                  ff={column.mono === true ? 'monospace' : undefined}
                  style={column.nowrap === true ? { whiteSpace: 'nowrap' } : undefined}
                >
                  {column.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
