import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, EMPTY_AUDIT_FILTERS, toAuditQuery } from './audit-filters';

describe('audit filters', () => {
  it('turns UTC days into an inclusive range of instants', () => {
    expect(dayStart('2026-03-04')).toBe('2026-03-04T00:00:00.000Z');
    expect(dayEnd('2026-03-04')).toBe('2026-03-04T23:59:59.999Z');
  });

  it('drops empty and malformed days', () => {
    expect(dayStart('')).toBeUndefined();
    expect(dayEnd('04/03/2026')).toBeUndefined();
    expect(dayStart('2026-13-45')).toBeUndefined();
  });

  it('sends only the filters that are set', () => {
    expect(
      toAuditQuery({ ...EMPTY_AUDIT_FILTERS, actor: ' ana ', outcome: 'failure' }, 50, 0),
    ).toEqual({
      limit: 50,
      offset: 0,
      action: undefined,
      actor: 'ana',
      outcome: 'failure',
      from: undefined,
      to: undefined,
    });
  });
});
