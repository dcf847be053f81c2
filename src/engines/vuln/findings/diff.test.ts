import { describe, expect, it } from 'vitest';
import { diffMatches, findingKey } from './diff.js';

describe('diffMatches', () => {
  it('sorts every key into new, fixed, regressed and unchanged', () => {
    const previous = [
      { key: findingKey('pump-1', 'CVE-2024-1'), status: 'open' as const },
      { key: findingKey('pump-1', 'CVE-2024-2'), status: 'fixed' as const },
      { key: findingKey('pump-1', 'CVE-2024-3'), status: 'verified_fixed' as const },
      { key: findingKey('pump-1', 'CVE-2024-4'), status: 'verified_fixed' as const },
      { key: findingKey('pump-1', 'CVE-2024-5'), status: 'risk_accepted' as const },
      { key: findingKey('pump-1', 'CVE-2024-6'), status: 'fixed' as const },
    ];
    const current = [
      { key: 'pump-1|CVE-2024-2' },
      { key: 'pump-1|CVE-2024-3' },
      { key: 'pump-1|CVE-2024-5' },
      { key: 'pacs|CVE-2024-1' },
      { key: 'pacs|CVE-2024-1' },
    ];
    expect(diffMatches(previous, current)).toEqual({
      new: ['pacs|CVE-2024-1'],
      fixed: ['pump-1|CVE-2024-1', 'pump-1|CVE-2024-6'],
      regressed: ['pump-1|CVE-2024-2', 'pump-1|CVE-2024-3'],
      unchanged: ['pump-1|CVE-2024-5', 'pump-1|CVE-2024-4'],
    });
  });

  it('takes the last status of a key recorded twice', () => {
    const previous = [
      { key: 'a|b', status: 'open' as const },
      { key: 'a|b', status: 'fixed' as const },
    ];
    expect(diffMatches(previous, [{ key: 'a|b' }]).regressed).toEqual(['a|b']);
  });

  it('handles empty sides', () => {
    expect(diffMatches([], [])).toEqual({ new: [], fixed: [], regressed: [], unchanged: [] });
    expect(diffMatches([], [{ key: 'a|b' }]).new).toEqual(['a|b']);
    expect(diffMatches([{ key: 'a|b', status: 'in_progress' }], []).fixed).toEqual(['a|b']);
  });
});
