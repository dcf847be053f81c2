import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDateTime, orDash, rangeLabel } from './format';
import { offsetOfPage, pageCount, pageOfOffset } from './paging';
import { isTotpCode, passwordProblem } from './validation';

describe('format', () => {
  it('writes times in UTC, saying so', () => {
    expect(formatDateTime('2026-03-04T05:06:07.000Z')).toBe('2026-03-04 05:06 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a time')).toBe('not a time');
    expect(orDash('')).toBe('—');
  });

  it('labels the rows shown of a list', () => {
    expect(rangeLabel(0, 50, 1234)).toBe('1–50 of 1,234');
    expect(rangeLabel(1200, 34, 1234)).toBe('1,201–1,234 of 1,234');
    expect(rangeLabel(0, 0, 0)).toBe('0 of 0');
  });

  it('writes sizes and counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatBytes(2 * 1024 ** 5)).toBe('2048.0 TB');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('paging', () => {
  it('converts between 1-based pages and offsets', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(101, 50)).toBe(3);
    expect(pageOfOffset(100, 50)).toBe(3);
    expect(offsetOfPage(3, 50)).toBe(100);
  });
});

describe('validation', () => {
  it('accepts six digits, with the space authenticator apps show', () => {
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('12345a')).toBe(false);
  });

  it('asks for at least 12 characters and matching confirmation', () => {
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('long enough pass', 'long enough pasz')).toMatch(/differ/);
    expect(passwordProblem('long enough pass', 'long enough pass')).toBeNull();
  });
});
