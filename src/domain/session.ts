import type { SessionStage, User } from './user.js';

/** A session as the rest of Wardline sees it; the cookie token itself is never stored. */
export interface SessionView {
  readonly id: string;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly idleExpiresAt: string;
  readonly absoluteExpiresAt: string;
}

/** Who is calling: the signed-in user and their session. */
export interface AuthContext {
  readonly user: User;
  readonly session: SessionView;
  /** The cookie token, for operations that replace or end the session itself. */
  readonly token: string;
}
