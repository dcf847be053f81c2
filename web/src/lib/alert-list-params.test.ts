import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_LIST,
  readAlertList,
  toAlertQuery,
  updateAlertList,
  writeAlertList,
} from './alert-list-params';

describe('alert queue state in the URL', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    const state = readAlertList(new URLSearchParams());
    expect(state).toEqual(DEFAULT_ALERT_LIST);
    expect(writeAlertList(state).toString()).toBe('');
    expect(toAlertQuery(state)).toEqual({ limit: 50, offset: 0 });
  });

  it('round-trips every filter and sends the ones that are set', () => {
    const params = new URLSearchParams('q=vssadmin&status=new&level=high&limit=100&offset=200');
    const state = readAlertList(params);
    expect(writeAlertList(state).toString()).toBe(params.toString());
    expect(toAlertQuery(state)).toEqual({
      limit: 100,
      offset: 200,
      q: 'vssadmin',
      status: 'new',
      level: 'high',
    });
  });

  it('ignores a status or level it does not know', () => {
    const state = readAlertList(new URLSearchParams('status=open&level=severe&limit=9999'));
    expect(state.status).toBe('');
    expect(state.level).toBe('');
    expect(state.limit).toBe(50);
  });

  it('goes back to the first page when a filter changes, not when the page does', () => {
    const state = { ...DEFAULT_ALERT_LIST, offset: 100 };
    expect(updateAlertList(state, { status: 'closed' }).offset).toBe(0);
    expect(updateAlertList(state, { offset: 150 }).offset).toBe(150);
  });
});
