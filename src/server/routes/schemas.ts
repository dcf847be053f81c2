/** TypeBox schemas shared by the routes: the API's vocabulary, mirrored in docs/api.md. */
import { Type, type TSchema } from '@sinclair/typebox';
import { ROLES } from '../../domain/roles.js';
import { SESSION_STAGES } from '../../domain/user.js';
import { OPTIONAL_BODY } from '../validation.js';

/** A string that is one of `values`, typed as their union. */
export const literals = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z]{3}_[0-9a-z]+$' });
export const IdParams = Strict({ id: Id });
export const RoleSchema = literals(ROLES);
export const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' });
export const DisplayName = Type.String({ minLength: 1, maxLength: 128 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const IsoTime = Type.String({ format: 'date-time' });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer() });

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  passkeyCount: Type.Integer(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const SessionInfoSchema = Type.Object({
  stage: literals(SESSION_STAGES),
  csrfToken: Type.String(),
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    mfaEnrolled: Type.Boolean(),
    mustChangePassword: Type.Boolean(),
    passkeyCount: Type.Integer(),
  }),
  secondFactors: Type.Array(literals(['totp', 'passkey'])),
  idleExpiresAt: Type.String(),
  absoluteExpiresAt: Type.String(),
});

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});

/**
 * A body that may also be absent (the validator lets `undefined` and `null` through), for routes
 * whose input is optional; unknown properties are still refused.
 */
export const OptionalBody = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: false, [OPTIONAL_BODY]: true });

/** For routes that take no input: an absent body or `{}`, nothing else. */
export const NoBody = OptionalBody({});

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** Any JSON object a WebAuthn browser API returned; @simplewebauthn/server checks its shape. */
export const WebAuthnResponse = Type.Object({}, { additionalProperties: true });
