/**
 * Second-factor enrollment and credential changes of the signed-in user: TOTP (mandatory for every
 * account; recovery codes issued with it), passkeys as an additional factor, password change.
 */
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { AuditEvent } from '../../domain/audit.js';
import { WardlineError } from '../../domain/errors.js';
import type { AuthContext } from '../../domain/session.js';
import * as passkeyRepo from '../../store/passkey-repo.js';
import * as sessionRepo from '../../store/session-repo.js';
import * as userRepo from '../../store/user-repo.js';
import type { AuditService } from '../audit-service.js';
import { actorOf, auditedBy, type ServiceContext } from '../context.js';
import { LOCKED_MESSAGE, createLockout } from './lockout.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.js';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.js';
import type { SessionInfo } from './session-info.js';
import type { Client, SessionManager } from './sessions.js';
import { acceptTotp, describeTotpEnrollment, newTotpSecret, type TotpEnrollment } from './totp.js';
import { relyingParty } from './webauthn.js';

export function createEnrollment(
  ctx: ServiceContext,
  audit: AuditService,
  sessions: SessionManager,
) {
  const { db, keyring, clock, settings } = ctx;
  const event = (
    auth: AuthContext,
    action: string,
    outcome: 'success' | 'failure',
    client: Client,
    details: Record<string, unknown> = {},
  ): AuditEvent => ({
    ...auditedBy(actorOf(auth, client.ip), outcome),
    action,
    targetType: 'user',
    targetId: auth.user.id,
    details,
  });
  const record = (...args: Parameters<typeof event>) => audit.record(event(...args));

  const lockout = createLockout(ctx, audit);

  /** The user proves they are still at the keyboard; a wrong password counts toward lockout. */
  const confirmPassword = async (
    auth: AuthContext,
    password: string | undefined,
    client: Client,
    action: string,
  ): Promise<void> => {
    const secrets = await userRepo.getUserSecrets(db, keyring, auth.user.id);
    if (secrets === undefined) throw new WardlineError('WL_AUTH_REQUIRED', 'Sign in again.');
    await lockout.assertNotLocked(secrets, client, action);
    if (password !== undefined && (await verifyPassword(password, secrets.passwordHash))) return;
    const locked = await lockout.countFailure(auth.user.id);
    await record(auth, action, 'failure', client, {
      reason: password === undefined ? 'current password missing' : 'wrong current password',
    });
    if (locked) {
      await sessionRepo.deleteSessionsForUser(db, auth.user.id);
      throw new WardlineError('WL_AUTH_LOCKED', LOCKED_MESSAGE);
    }
    throw new WardlineError('WL_AUTH_INVALID_CREDENTIALS', 'The current password is wrong.');
  };

  return {
    /**
     * Starts TOTP enrollment. Replacing the authenticator of a signed-in account needs the current
     * password, so that a session left open cannot move the second factor to someone else's phone.
     */
    startTotp: async (
      auth: AuthContext,
      currentPassword: string | undefined,
      client: Client,
    ): Promise<TotpEnrollment> => {
      if (auth.session.stage === 'full') {
        await confirmPassword(auth, currentPassword, client, 'mfa.totp-replace');
      }
      const secret = newTotpSecret();
      await sessionRepo.setPendingTotp(db, keyring, auth.token, secret);
      return describeTotpEnrollment(secret, auth.user.username);
    },

    confirmTotp: async (
      auth: AuthContext,
      code: string,
      client: Client,
    ): Promise<{ token: string; session: SessionInfo; recoveryCodes: string[] }> => {
      const secret = await sessionRepo.getPendingTotp(db, keyring, auth.token);
      const step = secret === null ? null : acceptTotp(secret, code, clock(), null);
      if (secret === null || step === null) {
        await record(auth, 'mfa.totp-enroll', 'failure', client, {
          reason: secret === null ? 'no enrollment started' : 'wrong code',
        });
        throw new WardlineError(
          'WL_AUTH_INVALID_CREDENTIALS',
          'That code does not match; check the clock of the device and try again.',
        );
      }
      const recoveryCodes = generateRecoveryCodes();
      await audit.recordChange(
        async (trx) => {
          await userRepo.setTotp(trx, keyring, auth.user.id, {
            secret,
            lastStep: step,
            recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
            enrolledAt: clock().toISOString(),
          });
          // At the `enroll` stage this completes a sign-in: earlier failures stop counting.
          if (auth.session.stage === 'enroll') {
            await userRepo.recordSuccessfulLogin(trx, auth.user.id, clock().toISOString());
            return 0;
          }
          // A replaced authenticator: sessions opened elsewhere with the old one end.
          return sessionRepo.deleteOtherSessions(trx, auth.user.id, auth.token);
        },
        (ended) =>
          event(auth, 'mfa.totp-enroll', 'success', client, {
            replaced: auth.session.stage === 'full',
            otherSessionsEnded: ended,
          }),
      );
      const signedIn = await sessions.advance(auth, 'full', client);
      return { ...signedIn, recoveryCodes };
    },

    /** Starts passkey registration; adding a second factor needs the current password. */
    passkeyRegistrationOptions: async (
      auth: AuthContext,
      currentPassword: string | undefined,
      client: Client,
    ) => {
      await confirmPassword(auth, currentPassword, client, 'mfa.passkey-register');
      const rp = relyingParty(settings.origin);
      const existing = await passkeyRepo.listPasskeys(db, auth.user.id);
      const options = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: auth.user.username,
        userDisplayName: auth.user.displayName,
        userID: new TextEncoder().encode(auth.user.id),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await sessionRepo.setWebauthnChallenge(db, auth.token, options.challenge);
      return options;
    },

    registerPasskey: async (
      auth: AuthContext,
      name: string,
      response: unknown,
      client: Client,
    ): Promise<{ id: string; name: string }> => {
      const challenge = await sessionRepo.takeWebauthnChallenge(db, auth.token);
      const rp = relyingParty(settings.origin);
      let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
      try {
        if (challenge === null) throw new Error('no registration was started');
        const result = await verifyRegistrationResponse({
          response: response as RegistrationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
        });
        info = result.verified ? result.registrationInfo : undefined;
      } catch (cause) {
        await record(auth, 'mfa.passkey-register', 'failure', client, { reason: String(cause) });
        throw new WardlineError('WL_AUTH_WEBAUTHN_FAILED', 'The passkey could not be verified.', {
          cause,
        });
      }
      if (info === undefined) {
        await record(auth, 'mfa.passkey-register', 'failure', client, { reason: 'not verified' });
        throw new WardlineError('WL_AUTH_WEBAUTHN_FAILED', 'The passkey could not be verified.');
      }
      const credential = info.credential;
      const passkey = await audit.recordChange(
        (trx) =>
          passkeyRepo.addPasskey(trx, {
            userId: auth.user.id,
            credentialId: credential.id,
            publicKey: credential.publicKey,
            counter: credential.counter,
            transports: credential.transports ?? [],
            name,
            createdAt: clock().toISOString(),
          }),
        (added) =>
          event(auth, 'mfa.passkey-register', 'success', client, { passkeyId: added.id, name }),
      );
      return { id: passkey.id, name: passkey.name };
    },

    changePassword: async (
      auth: AuthContext,
      current: string,
      next: string,
      client: Client,
    ): Promise<void> => {
      await confirmPassword(auth, current, client, 'user.password-change');
      checkPasswordStrength(next);
      const passwordHash = await hashPassword(next, settings.passwordCost);
      await audit.recordChange(
        async (trx) => {
          await userRepo.setPasswordHash(trx, auth.user.id, passwordHash, clock().toISOString());
          // Other sessions may belong to whoever knew the old password.
          return sessionRepo.deleteOtherSessions(trx, auth.user.id, auth.token);
        },
        (ended) =>
          event(auth, 'user.password-change', 'success', client, { otherSessionsEnded: ended }),
      );
    },
  };
}
