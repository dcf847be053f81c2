import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASSET_LIST,
  readAssetList,
  toAssetQuery,
  toggleSort,
  updateAssetList,
  writeAssetList,
} from './asset-list-params';

describe('asset list state in the URL', () => {
  it('reads defaults from an empty query and writes nothing back', () => {
    const state = readAssetList(new URLSearchParams());
    expect(state).toEqual(DEFAULT_ASSET_LIST);
    expect(writeAssetList(state).toString()).toBe('');
  });

  it('round-trips a filtered, sorted page', () => {
    const params = new URLSearchParams(
      'q=pump&zoneId=zon_1&category=infusion-pump&criticality=high&source=nmap&seen=7d&sort=lastSeen&order=desc&limit=100&offset=200',
    );
    const state = readAssetList(params);
    expect(state).toMatchObject({ sort: 'lastSeen', order: 'desc', limit: 100, offset: 200 });
    expect(state).toMatchObject({ source: 'nmap', seen: '7d' });
    expect(readAssetList(writeAssetList(state))).toEqual(state);
  });

  it('ignores values the API would reject', () => {
    const state = readAssetList(
      new URLSearchParams('sort=ip&order=up&limit=9999&offset=-5&source=fax&seen=1y'),
    );
    expect(state).toMatchObject({ sort: 'name', order: 'asc', limit: 50, offset: 0 });
    expect(state).toMatchObject({ source: '', seen: '' });
  });

  it('returns to the first page on any change but paging', () => {
    const onPage3 = { ...DEFAULT_ASSET_LIST, offset: 100 };
    expect(updateAssetList(onPage3, { category: 'pacs' }).offset).toBe(0);
    expect(updateAssetList(onPage3, { offset: 150 }).offset).toBe(150);
  });

  it('sorts a new column ascending and flips the current one', () => {
    const byName = toggleSort(DEFAULT_ASSET_LIST, 'name');
    expect(byName).toMatchObject({ sort: 'name', order: 'desc' });
    expect(toggleSort(byName, 'lastSeen')).toMatchObject({ sort: 'lastSeen', order: 'asc' });
  });

  it('sends only the filters that are set', () => {
    const query = toAssetQuery({ ...DEFAULT_ASSET_LIST, q: '  ct ', zoneId: 'zon_2' });
    expect(query).toEqual({
      limit: 50,
      offset: 0,
      sort: 'name',
      order: 'asc',
      q: 'ct',
      zoneId: 'zon_2',
      category: undefined,
      criticality: undefined,
      source: undefined,
      seenSince: undefined,
    });
  });

  it('turns a last-seen window into an instant counted back from now', () => {
    const now = new Date('2026-03-10T12:00:00.000Z');
    const state = { ...DEFAULT_ASSET_LIST, source: 'capture' as const, seen: '24h' as const };
    expect(toAssetQuery(state, now)).toMatchObject({
      source: 'capture',
      seenSince: '2026-03-09T12:00:00.000Z',
    });
    expect(toAssetQuery({ ...state, seen: '30d' }, now).seenSince).toBe('2026-02-08T12:00:00.000Z');
  });
});
