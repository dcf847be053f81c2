import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionStage } from '../api/types';
import type { Role } from '../api/vocabulary';
import type { RouteKind } from './route-guard';
import { canAccess, redirectFor, returnPath } from './route-guard';

function session(
  stage: SessionStage,
  roles: Role[] = ['security-analyst'],
  mustChangePassword = false,
): SessionInfo {
  return {
    stage,
    csrfToken: 't',
    user: {
      id: 'usr_1',
      username: 'ana',
      displayName: 'Ana',
      roles,
      mfaEnrolled: stage === 'full',
      mustChangePassword,
      passkeyCount: 0,
    },
    secondFactors: ['totp'],
    idleExpiresAt: '2026-01-01T00:00:00.000Z',
    absoluteExpiresAt: '2026-01-01T08:00:00.000Z',
  };
}

const KINDS: RouteKind[] = ['bootstrap', 'login', 'enroll', 'app', 'password-change'];

describe('redirectFor', () => {
  it('lets a visitor without a session only sign in or set up', () => {
    expect(KINDS.map((kind) => redirectFor(kind, null))).toEqual([
      null,
      null,
      '/login',
      '/login',
      '/login',
    ]);
  });

  it('keeps a session in stage enroll on the enrollment page, whatever it asks for', () => {
    expect(KINDS.map((kind) => redirectFor(kind, session('enroll')))).toEqual([
      '/enroll',
      '/enroll',
      null,
      '/enroll',
      '/enroll',
    ]);
  });

  it('keeps a session waiting for its second factor on the sign-in page', () => {
    expect(KINDS.map((kind) => redirectFor(kind, session('password')))).toEqual([
      '/login',
      null,
      '/login',
      '/login',
      '/login',
    ]);
  });

  it('sends a signed-in user away from the sign-in pages into the app', () => {
    expect(KINDS.map((kind) => redirectFor(kind, session('full')))).toEqual([
      '/',
      '/',
      '/',
      null,
      '/',
    ]);
  });

  it('keeps a user with a temporary password on the password page until they choose their own', () => {
    expect(KINDS.map((kind) => redirectFor(kind, session('full', ['admin'], true)))).toEqual([
      '/change-password',
      '/change-password',
      '/change-password',
      '/change-password',
      null,
    ]);
  });
});

describe('canAccess', () => {
  it('shows Admin to admins only and the audit log to admins and auditors', () => {
    expect(canAccess(['admin'], 'admin')).toBe(true);
    expect(canAccess(['auditor'], 'admin')).toBe(false);
    expect(canAccess(['auditor'], 'audit')).toBe(true);
    expect(canAccess(['admin'], 'audit')).toBe(true);
    expect(canAccess(['clinical-engineer', 'incident-lead'], 'audit')).toBe(false);
    expect(canAccess([], 'any')).toBe(true);
  });
});

describe('returnPath', () => {
  it('returns to an in-app path with its query', () => {
    expect(returnPath('/assets?zoneId=zon_1')).toBe('/assets?zoneId=zon_1');
  });

  it.each([
    undefined,
    42,
    'https://evil.example/',
    '//evil.example',
    '/\\evil',
    '/login',
    '/enroll?x=1',
  ])('falls back to the overview for %j', (from) => {
    expect(returnPath(from)).toBe('/');
  });
});
