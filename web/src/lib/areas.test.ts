import { describe, expect, it } from 'vitest';
import { DETECT_NAV, isActiveItem, NAV_ITEMS, PLANNED_AREA_KEYS } from './areas';

describe('navigation', () => {
  it('lists Detect as a real area with its sections, no longer a planned one', () => {
    expect(NAV_ITEMS).toContain(DETECT_NAV);
    expect(DETECT_NAV.children?.map((c) => c.label)).toEqual([
      'Alerts',
      'Rules',
      'Sources',
      'Hunt',
    ]);
    expect(PLANNED_AREA_KEYS).not.toContain('detections');
  });

  it('marks the Detect area active on any of its pages and nowhere else', () => {
    expect(isActiveItem(DETECT_NAV, '/alerts/alr_1')).toBe(true);
    expect(isActiveItem(DETECT_NAV, '/detection/hunt')).toBe(true);
    expect(isActiveItem(DETECT_NAV, '/alertsx')).toBe(false);
    expect(isActiveItem(DETECT_NAV, '/vulnerabilities')).toBe(false);
  });
});
