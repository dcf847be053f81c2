import type { Role } from '../../domain/roles.js';
import type { SessionStage, User } from '../../domain/user.js';

/** What the API tells a browser about its session (docs/api.md, `SessionInfo`). */
export interface SessionInfo {
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly user: {
    readonly id: string;
    readonly username: string;
    readonly displayName: string;
    readonly roles: readonly Role[];
    readonly mfaEnrolled: boolean;
    readonly mustChangePassword: boolean;
    readonly passkeyCount: number;
  };
  readonly secondFactors: readonly ('totp' | 'passkey')[];
  readonly idleExpiresAt: string;
  readonly absoluteExpiresAt: string;
}

/** A session just created or upgraded: the cookie token (shown once) and what to tell the browser. */
export interface SignedIn {
  readonly token: string;
  readonly session: SessionInfo;
}

export function secondFactorsOf(user: User): ('totp' | 'passkey')[] {
  const factors: ('totp' | 'passkey')[] = [];
  if (user.mfaEnrolled) factors.push('totp');
  if (user.passkeyCount > 0) factors.push('passkey');
  return factors;
}
