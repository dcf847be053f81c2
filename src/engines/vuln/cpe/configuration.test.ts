/**
 * NVD `cpeMatch` semantics (version bounds) and configuration evaluation (AND/OR, negate,
 * platform criteria).
 */
import { describe, expect, it } from 'vitest';
import type { CpeCriterion, VersionBounds } from '../../../domain/vulnerability.js';
import { evaluateConfiguration } from './configuration.js';
import { cpeMatches } from './criterion.js';
import { parseCpe } from './parse.js';
import { CpeParseError, type CpeName } from './types.js';

const OPEN: VersionBounds = {
  startIncluding: null,
  startExcluding: null,
  endIncluding: null,
  endExcluding: null,
};

function name(text: string): CpeName {
  const parsed = parseCpe(text);
  if (parsed instanceof CpeParseError) throw new Error(text);
  return parsed;
}

function criterion(
  cpe: string,
  bounds: Partial<VersionBounds> = {},
  vulnerable = true,
): CpeCriterion {
  return { cpe, vulnerable, bounds: { ...OPEN, ...bounds } };
}

const log4j = criterion('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', {
  startIncluding: '2.0.0',
  endExcluding: '2.17.1',
});

describe('cpeMatches', () => {
  it('applies bounds to the target version', () => {
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'))).toBe(true);
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:2.17.1:*:*:*:*:*:*:*'))).toBe(false);
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:1.2.17:*:*:*:*:*:*:*'))).toBe(false);
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:2.10.0:beta:*:*:*:*:*:*'))).toBe(true);
  });

  it('refuses a target whose version is ANY or NA against a bounded criterion', () => {
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*'))).toBe(false);
    expect(cpeMatches(log4j, name('cpe:2.3:a:apache:log4j:-:*:*:*:*:*:*:*'))).toBe(false);
  });

  it('matches an unbounded criterion by name alone, and never a bad criterion', () => {
    const exact = criterion('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*');
    expect(cpeMatches(exact, name('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*'))).toBe(true);
    expect(cpeMatches(exact, name('cpe:2.3:a:apache:log4j:2.14.2:*:*:*:*:*:*:*'))).toBe(false);
    expect(
      cpeMatches(criterion('cpe:2.3:a:apache'), name('cpe:2.3:a:apache:log4j:1:*:*:*:*:*:*:*')),
    ).toBe(false);
  });

  it('orders versions with the scheme it is given', () => {
    const deb = criterion('cpe:2.3:a:debian:openssl:*:*:*:*:*:*:*:*', {
      endExcluding: '1.1.1n-0+deb11u4',
    });
    const target = name('cpe:2.3:a:debian:openssl:1.1.1n-0\\+deb11u3:*:*:*:*:*:*:*');
    expect(cpeMatches(deb, target, 'deb')).toBe(true);
  });
});

describe('evaluateConfiguration', () => {
  const firmware = criterion('cpe:2.3:o:acme:pump_firmware:*:*:*:*:*:*:*:*', {
    endExcluding: '3.0',
  });
  const pump = criterion('cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*', {}, false);
  const andConfig = {
    operator: 'AND' as const,
    nodes: [
      { operator: 'OR' as const, negate: false, matches: [firmware] },
      { operator: 'OR' as const, negate: false, matches: [pump] },
    ],
  };

  it('needs the platform criterion satisfied by some platform name', () => {
    const fw = name('cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*');
    const hw = name('cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*');
    expect(evaluateConfiguration(andConfig, [fw, hw])).toEqual({
      matched: true,
      vulnerableMatches: [firmware],
    });
    expect(evaluateConfiguration(andConfig, [fw])).toEqual({
      matched: false,
      vulnerableMatches: [],
    });
    expect(
      evaluateConfiguration(andConfig, [
        fw,
        hw,
        name('cpe:2.3:o:acme:pump_firmware:3.1:*:*:*:*:*:*:*'),
      ]).matched,
    ).toBe(true);
  });

  it('never matches on platform criteria alone', () => {
    const onlyPlatform = {
      operator: 'OR' as const,
      nodes: [{ operator: 'OR' as const, negate: false, matches: [pump] }],
    };
    expect(
      evaluateConfiguration(onlyPlatform, [name('cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*')]).matched,
    ).toBe(false);
  });

  it('honours negated nodes and AND nodes', () => {
    const negated = {
      operator: 'AND' as const,
      nodes: [
        { operator: 'OR' as const, negate: false, matches: [firmware] },
        {
          operator: 'OR' as const,
          negate: true,
          matches: [criterion('cpe:2.3:a:acme:hotfix:*:*:*:*:*:*:*:*', {}, false)],
        },
      ],
    };
    const fw = name('cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*');
    expect(evaluateConfiguration(negated, [fw]).matched).toBe(true);
    expect(
      evaluateConfiguration(negated, [fw, name('cpe:2.3:a:acme:hotfix:1:*:*:*:*:*:*:*')]).matched,
    ).toBe(false);
    const both = {
      operator: 'OR' as const,
      nodes: [{ operator: 'AND' as const, negate: false, matches: [firmware, pump] }],
    };
    expect(evaluateConfiguration(both, [fw]).matched).toBe(false);
    expect(
      evaluateConfiguration(both, [fw, name('cpe:2.3:h:acme:pump:-:*:*:*:*:*:*:*')]).matched,
    ).toBe(true);
    expect(evaluateConfiguration({ operator: 'OR', nodes: [] }, [fw]).matched).toBe(false);
  });
});
