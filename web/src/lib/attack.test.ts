import { describe, expect, it } from 'vitest';
import { isTechniqueId, techniqueUrl } from './attack';

describe('techniqueUrl', () => {
  it('links a technique and a sub-technique to their ATT&CK pages', () => {
    expect(techniqueUrl('T1490')).toBe('https://attack.mitre.org/techniques/T1490/');
    expect(techniqueUrl('T1059.001')).toBe('https://attack.mitre.org/techniques/T1059/001/');
  });

  it('refuses anything else, so a tag cannot become an arbitrary link', () => {
    for (const bad of ['t1490', 'T149', 'T1490.1', 'T1490/../../x', 'javascript:alert(1)', '']) {
      expect(techniqueUrl(bad)).toBeNull();
      expect(isTechniqueId(bad)).toBe(false);
    }
  });
});
