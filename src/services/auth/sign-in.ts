/**
 * Signing in: the password step, then a second factor (TOTP code, recovery code or passkey).
 * Wrong passwords and wrong codes both count towards the account's lockout; every attempt, good
 * or bad, is written to the audit log.
 */
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from '@simplewebauthn/server';
import { WardlineError } from '../../domain/errors.js';
import type { AuthContext } from '../../domain/session.js';
import * as passkeyRepo from '../../store/passkey-repo.js';
import * as sessionRepo from '../../store/session-repo.js';
import * as userRepo from '../../store/user-repo.js';
import type { AuditService } from '../audit-service.js';
import { actorOf, auditedBy, type ServiceContext } from '../context.js';
import { LOCKED_MESSAGE, SIGN_IN_REFUSED, createLockout } from './lockout.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { spendRecoveryCode } from './recovery-codes.js';
import type { SignedIn } from './session-info.js';
import type { Client, SessionManager } from './sessions.js';
import { acceptTotp } from './totp.js';
import { relyingParty } from './webauthn.js';

export type SecondFactorInput = { readonly code: string } | { readonly recoveryCode: string };

export function createSignIn(ctx: ServiceContext, audit: AuditService, sessions: SessionManager) {
  const { db, keyring, clock, settings } = ctx;

  const lockout = createLockout(ctx, audit);
  const { countFailure, assertNotLocked, recordFailure: failure } = lockout;

  const succeed = async (auth: AuthContext, method: string, client: Client): Promise<SignedIn> => {
    await userRepo.recordSuccessfulLogin(db, auth.user.id, clock().toISOString());
    await audit.record({
      ...auditedBy(actorOf(auth, client.ip)),
      action: 'login.success',
      details: { method },
    });
    return sessions.advance(auth, 'full', client);
  };

  const rejectSecondFactor = async (
    auth: AuthContext,
    method: string,
    client: Client,
  ): Promise<never> => {
    const locked = await countFailure(auth.user.id);
    await failure(
      auth.user.id,
      auth.user.username,
      'login.second-factor',
      client,
      `${method} rejected`,
    );
    if (locked) {
      await sessions.end(auth);
      throw new WardlineError('WL_AUTH_LOCKED', LOCKED_MESSAGE);
    }
    throw new WardlineError('WL_AUTH_INVALID_CREDENTIALS', 'That code is not valid.');
  };

  return {
    login: async (
      input: { username: string; password: string },
      client: Client,
    ): Promise<SignedIn> => {
      const refused = () => new WardlineError('WL_AUTH_INVALID_CREDENTIALS', SIGN_IN_REFUSED);
      const secrets = await userRepo.getUserSecretsByUsername(db, keyring, input.username);
      if (secrets === undefined) {
        await verifyPassword(input.password, await decoyPasswordHash(settings.passwordCost));
        await failure(null, input.username, 'login.password', client, 'unknown user');
        throw refused();
      }
      const { user } = secrets;
      // Verified even when locked, so that a locked account costs the same time as any other.
      const passwordMatches = await verifyPassword(input.password, secrets.passwordHash);
      if (lockout.isLocked(secrets)) {
        await failure(user.id, user.username, 'login.password', client, 'locked');
        throw refused();
      }
      if (!passwordMatches) {
        await countFailure(user.id);
        await failure(user.id, user.username, 'login.password', client, 'wrong password');
        throw refused();
      }
      if (user.disabled) {
        await failure(user.id, user.username, 'login.password', client, 'disabled');
        throw new WardlineError('WL_AUTH_DISABLED', 'This account is disabled.');
      }
      const hasSecondFactor = user.mfaEnrolled || user.passkeyCount > 0;
      await audit.record({
        actorId: user.id,
        actorName: user.username,
        action: 'login.password',
        outcome: 'success',
        ip: client.ip,
        details: { next: hasSecondFactor ? 'second-factor' : 'enroll' },
      });
      return sessions.start(user, hasSecondFactor ? 'password' : 'enroll', client);
    },

    verifySecondFactor: async (
      auth: AuthContext,
      input: SecondFactorInput,
      client: Client,
    ): Promise<SignedIn> => {
      const secrets = await userRepo.getUserSecrets(db, keyring, auth.user.id);
      if (secrets === undefined) throw new WardlineError('WL_AUTH_REQUIRED', 'Sign in again.');
      await assertNotLocked(secrets, client, 'login.second-factor');
      if ('code' in input) {
        const step =
          secrets.totpSecret === null
            ? null
            : acceptTotp(secrets.totpSecret, input.code, clock(), secrets.totpLastStep);
        // Claiming the step is conditional: a code already spent meanwhile counts as a replay.
        if (step === null || !(await userRepo.setTotpLastStep(db, auth.user.id, step))) {
          return rejectSecondFactor(auth, 'totp', client);
        }
        return succeed(auth, 'totp', client);
      }
      const remaining = spendRecoveryCode(secrets.recoveryCodeHashes, input.recoveryCode);
      const spent =
        remaining !== null &&
        (await userRepo.replaceRecoveryCodeHashes(
          db,
          keyring,
          auth.user.id,
          secrets.recoveryCodeHashes,
          remaining,
        ));
      if (!spent) return rejectSecondFactor(auth, 'recovery-code', client);
      await audit.record({
        ...auditedBy(actorOf(auth, client.ip)),
        action: 'mfa.recovery-code-used',
        details: { remaining: remaining.length },
      });
      return succeed(auth, 'recovery-code', client);
    },

    passkeyOptions: async (auth: AuthContext) => {
      const passkeys = await passkeyRepo.listPasskeys(db, auth.user.id);
      const options = await generateAuthenticationOptions({
        rpID: relyingParty(settings.origin).id,
        userVerification: 'preferred',
        allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
      });
      await sessionRepo.setWebauthnChallenge(db, auth.token, options.challenge);
      return options;
    },

    verifyPasskey: async (
      auth: AuthContext,
      response: unknown,
      client: Client,
    ): Promise<SignedIn> => {
      const secrets = await userRepo.getUserSecrets(db, keyring, auth.user.id);
      if (secrets === undefined) throw new WardlineError('WL_AUTH_REQUIRED', 'Sign in again.');
      await assertNotLocked(secrets, client, 'login.second-factor');
      const challenge = await sessionRepo.takeWebauthnChallenge(db, auth.token);
      const answer = response as AuthenticationResponseJSON;
      const passkey =
        typeof answer.id === 'string'
          ? await passkeyRepo.getPasskeyByCredentialId(db, answer.id)
          : undefined;
      if (challenge === null || passkey === undefined || passkey.userId !== auth.user.id) {
        return rejectSecondFactor(auth, 'passkey', client);
      }
      const rp = relyingParty(settings.origin);
      let verified = false;
      let newCounter = passkey.counter;
      try {
        const result = await verifyAuthenticationResponse({
          response: answer,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.id,
          credential: {
            id: passkey.credentialId,
            publicKey: passkey.publicKey,
            counter: passkey.counter,
            transports: passkey.transports,
          },
        });
        verified = result.verified;
        newCounter = result.authenticationInfo.newCounter;
      } catch {
        verified = false;
      }
      if (!verified) return rejectSecondFactor(auth, 'passkey', client);
      await passkeyRepo.recordPasskeyUse(db, passkey.id, newCounter, clock().toISOString());
      return succeed(auth, 'passkey', client);
    },
  };
}
