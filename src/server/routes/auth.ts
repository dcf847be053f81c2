/** Sign-in: bootstrap, password, second factor (TOTP, recovery code, passkey), enrollment, sign-out. */
import { Type } from '@sinclair/typebox';
import type { RequestTypeProvider } from './type-provider.js';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.js';
import { PUBLIC, allow, allowWithTemporaryPassword, inStage } from '../access.js';
import { ANY_ROLE } from '../../domain/roles.js';
import {
  clearSessionCookie,
  clientOf,
  requireAuth,
  setSessionCookie,
  startSession,
} from '../session-cookie.js';
import {
  DisplayName,
  NoBody,
  OptionalBody,
  Ok,
  Password,
  SessionInfoSchema,
  Strict,
  Username,
  WebAuthnResponse,
} from './schemas.js';

/** The current password, for changes that move or add a second factor (absent at enrollment). */
const PasswordConfirmation = OptionalBody({ currentPassword: Type.Optional(Password) });

/** Routes with an optional body see `undefined` or `null` when none was sent. */
const currentPasswordOf = (body: { currentPassword?: string } | null | undefined) =>
  body?.currentPassword;

const TotpCode = Type.String({ minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' });
const RecoveryCode = Type.String({ minLength: 8, maxLength: 32 });

export function authRoutes(services: Services, signInRatePerMinute: number) {
  const { auth } = services;
  // Guessing is slowed twice: per IP here, per account by lockout in the service.
  const throttled = { rateLimit: { max: signInRatePerMinute, timeWindow: '1 minute' } };

  return (server: FastifyInstance, _options: unknown, done: () => void): void => {
    const app = server.withTypeProvider<RequestTypeProvider>();
    app.get(
      '/bootstrap',
      {
        config: { access: PUBLIC },
        schema: { response: { 200: Type.Object({ needed: Type.Boolean() }) } },
      },
      async () => ({ needed: await auth.bootstrapNeeded() }),
    );

    app.post(
      '/bootstrap',
      {
        config: { access: PUBLIC, ...throttled },
        schema: {
          body: Strict({
            token: Type.String({ minLength: 1, maxLength: 128 }),
            username: Username,
            displayName: DisplayName,
            password: Password,
          }),
          response: { 200: SessionInfoSchema },
        },
      },
      async (request, reply) =>
        startSession(reply, await auth.bootstrap(request.body, clientOf(request))),
    );

    app.post(
      '/auth/login',
      {
        config: { access: PUBLIC, ...throttled },
        schema: {
          body: Strict({ username: Username, password: Password }),
          response: { 200: SessionInfoSchema },
        },
      },
      async (request, reply) =>
        startSession(reply, await auth.login(request.body, clientOf(request))),
    );

    app.get(
      '/auth/session',
      {
        config: { access: inStage('password', 'enroll', 'full') },
        schema: { response: { 200: SessionInfoSchema } },
      },
      (request) => auth.describe(requireAuth(request)),
    );

    app.post(
      '/auth/totp',
      {
        config: { access: inStage('password'), ...throttled },
        schema: {
          body: Type.Union([Strict({ code: TotpCode }), Strict({ recoveryCode: RecoveryCode })]),
          response: { 200: SessionInfoSchema },
        },
      },
      async (request, reply) =>
        startSession(
          reply,
          await auth.verifySecondFactor(requireAuth(request), request.body, clientOf(request)),
        ),
    );

    app.post(
      '/auth/passkey/options',
      { config: { access: inStage('password'), ...throttled }, schema: { body: NoBody } },
      (request) => auth.passkeySignInOptions(requireAuth(request)),
    );

    app.post(
      '/auth/passkey/verify',
      {
        config: { access: inStage('password'), ...throttled },
        schema: {
          body: Strict({ response: WebAuthnResponse }),
          response: { 200: SessionInfoSchema },
        },
      },
      async (request, reply) =>
        startSession(
          reply,
          await auth.verifyPasskeySignIn(
            requireAuth(request),
            request.body.response,
            clientOf(request),
          ),
        ),
    );

    app.post(
      '/auth/enroll/totp',
      {
        config: { access: inStage('enroll', 'full'), ...throttled },
        schema: {
          body: PasswordConfirmation,
          response: {
            200: Type.Object({
              secret: Type.String(),
              otpauthUrl: Type.String(),
              qrDataUrl: Type.String(),
            }),
          },
        },
      },
      (request) =>
        auth.startTotpEnrollment(
          requireAuth(request),
          currentPasswordOf(request.body),
          clientOf(request),
        ),
    );

    app.post(
      '/auth/enroll/totp/confirm',
      {
        config: { access: inStage('enroll', 'full'), ...throttled },
        schema: {
          body: Strict({ code: TotpCode }),
          response: {
            200: Type.Object({
              session: SessionInfoSchema,
              recoveryCodes: Type.Array(Type.String()),
            }),
          },
        },
      },
      async (request, reply) => {
        const { code } = request.body;
        const enrolled = await auth.confirmTotpEnrollment(
          requireAuth(request),
          code,
          clientOf(request),
        );
        setSessionCookie(reply, enrolled.token, enrolled.session.absoluteExpiresAt);
        return { session: enrolled.session, recoveryCodes: enrolled.recoveryCodes };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: inStage('password', 'enroll', 'full') },
        schema: { body: NoBody, response: { 200: Ok } },
      },
      async (request, reply) => {
        await auth.logout(requireAuth(request), clientOf(request));
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    );

    app.post(
      '/auth/logout-all',
      {
        config: { access: allowWithTemporaryPassword(...ANY_ROLE) },
        schema: { body: NoBody, response: { 200: Type.Object({ ended: Type.Integer() }) } },
      },
      async (request, reply) => {
        const ended = await auth.logoutEverywhere(requireAuth(request), clientOf(request));
        clearSessionCookie(reply);
        return { ended };
      },
    );

    app.post(
      '/me/passkeys/options',
      {
        config: { access: allow(...ANY_ROLE), ...throttled },
        schema: { body: PasswordConfirmation },
      },
      (request) =>
        auth.passkeyRegistrationOptions(
          requireAuth(request),
          currentPasswordOf(request.body),
          clientOf(request),
        ),
    );

    app.post(
      '/me/passkeys',
      {
        config: { access: allow(...ANY_ROLE) },
        schema: {
          body: Strict({
            name: Type.String({ minLength: 1, maxLength: 64 }),
            response: WebAuthnResponse,
          }),
          response: { 200: Type.Object({ id: Type.String(), name: Type.String() }) },
        },
      },
      (request) => {
        const { name, response } = request.body;
        return auth.registerPasskey(requireAuth(request), name, response, clientOf(request));
      },
    );

    app.post(
      '/me/password',
      {
        config: { access: allowWithTemporaryPassword(...ANY_ROLE), ...throttled },
        schema: {
          body: Strict({ currentPassword: Password, newPassword: Password }),
          response: { 200: Ok },
        },
      },
      async (request) => {
        const { currentPassword, newPassword } = request.body;
        await auth.changePassword(
          requireAuth(request),
          currentPassword,
          newPassword,
          clientOf(request),
        );
        return { ok: true as const };
      },
    );
    done();
  };
}
