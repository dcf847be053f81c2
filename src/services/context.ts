import type { Kysely } from 'kysely';
import type { AuthContext } from '../domain/session.js';
import type { Database } from '../store/schema.js';
import type { Keyring } from '../store/sealing.js';

/** Everything a service needs, handed in once at start-up. */
export interface ServiceContext {
  readonly db: Kysely<Database>;
  readonly keyring: Keyring;
  readonly clock: () => Date;
  readonly settings: ServiceSettings;
}

export interface ServiceSettings {
  /** The origin users type (`https://host:port`); WebAuthn binds passkeys to it. */
  readonly origin: string;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteMinutes: number;
  readonly maxFailedLogins: number;
  readonly lockMinutes: number;
  readonly bootstrapTokenMinutes: number;
  /** Where uploaded files wait for their import job; default a folder under the OS temp dir. */
  readonly importDir?: string;
  /** The largest file an upload may be; default 4 GiB. */
  readonly maxImportBytes?: number;
  /** scrypt cost; tests lower it, production keeps the default. */
  readonly passwordCost?: { readonly N: number; readonly r: number; readonly p: number };
}

/** Who is acting, for the audit log. */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
  readonly ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', ip: null };

/** The signed-in user as the audit log names them. */
export function actorOf(auth: AuthContext, ip: string | null): Actor {
  return { id: auth.user.id, name: auth.user.username, ip };
}

/** The audit fields that say who acted and how it ended; spread into an `AuditEvent`. */
export function auditedBy(actor: Actor, outcome: 'success' | 'failure' = 'success') {
  return { actorId: actor.id, actorName: actor.name, ip: actor.ip, outcome };
}
