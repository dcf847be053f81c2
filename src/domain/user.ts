import type { Role } from './roles.js';

/** A person who signs in to Wardline (not hospital staff at large: that is `Person`). */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  /** Set once the user has a working second factor (TOTP; passkeys come after). */
  readonly mfaEnrolled: boolean;
  /** The password was set by an administrator and must be changed before anything else. */
  readonly mustChangePassword: boolean;
  readonly passkeyCount: number;
  readonly lastLoginAt: string | null;
  readonly createdAt: string;
}

/**
 * How far a session has come: `password` passed the first factor and waits for the second;
 * `enroll` passed the password but has no second factor yet and may only enroll one; `full` is
 * signed in.
 */
export const SESSION_STAGES = ['password', 'enroll', 'full'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];
