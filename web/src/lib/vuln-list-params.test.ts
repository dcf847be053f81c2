import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VULN_LIST,
  readDecisions,
  readVulnList,
  toVulnQuery,
  updateVulnList,
  writeVulnList,
} from './vuln-list-params';

describe('vulnerability list state in the URL', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    const state = readVulnList(new URLSearchParams());
    expect(state).toEqual(DEFAULT_VULN_LIST);
    expect(writeVulnList(state).toString()).toBe('');
    expect(toVulnQuery(state)).toEqual({ limit: 50, offset: 0 });
  });

  it('round-trips every filter and sends the flags that are set', () => {
    const params = new URLSearchParams(
      'q=openssl&kev=1&ransomware=1&overdue=1&includeClosed=1&decision=attend,act&zoneId=zon_1&category=pacs&limit=100&offset=200',
    );
    const state = readVulnList(params);
    expect(writeVulnList(state).toString()).toBe(params.toString());
    expect(toVulnQuery(state)).toEqual({
      limit: 100,
      offset: 200,
      q: 'openssl',
      kev: true,
      ransomware: true,
      overdue: true,
      includeClosed: true,
      decision: 'attend,act',
      zoneId: 'zon_1',
      category: 'pacs',
    });
  });

  it('keeps known decisions once, in the domain order, and drops the rest', () => {
    expect(readDecisions('act,bogus,track*,act, attend')).toEqual(['track*', 'attend', 'act']);
    expect(readDecisions(null)).toEqual([]);
  });

  it('starts at the first page when a filter changes, keeps the filters when paging', () => {
    const paged = { ...DEFAULT_VULN_LIST, kev: true, offset: 100 };
    expect(updateVulnList(paged, { decisions: ['act'] }).offset).toBe(0);
    expect(updateVulnList(paged, { offset: 150 })).toEqual({ ...paged, offset: 150 });
  });
});
