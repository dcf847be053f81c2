import { Group, Pagination, Select, Text } from '@mantine/core';
import { rangeLabel } from '../lib/format';
import { offsetOfPage, PAGE_SIZES, pageCount, pageOfOffset } from '../lib/paging';

const CONTROL_LABELS = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
} as const;

interface PagerProps {
  readonly total: number;
  readonly shown: number;
  readonly limit: number;
  readonly offset: number;
  readonly onOffsetChange: (offset: number) => void;
  readonly onLimitChange: (limit: number) => void;
}

/** Paging for a server-side list: where we are, pages, and how many rows per page. */
export function Pager({ total, shown, limit, offset, onOffsetChange, onLimitChange }: PagerProps) {
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="range-label">
        {rangeLabel(offset, shown, total)}
      </Text>
      <Group gap="sm">
        <Select
          aria-label="Rows per page"
          size="xs"
          w={90}
          allowDeselect={false}
          data={PAGE_SIZES.map((size) => ({ value: String(size), label: String(size) }))}
          value={String(limit)}
          onChange={(value) => {
            if (value !== null) onLimitChange(Number(value));
          }}
        />
        <Pagination
          size="sm"
          total={pageCount(total, limit)}
          value={pageOfOffset(offset, limit)}
          onChange={(page) => {
            onOffsetChange(offsetOfPage(page, limit));
          }}
          getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
          getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
        />
      </Group>
    </Group>
  );
}
