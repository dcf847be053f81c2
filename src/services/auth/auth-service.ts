/** The sign-in service: one object the API and CLI call, composed from the steps of signing in. */
import type { AuthContext } from '../../domain/session.js';
import type { AuditService } from '../audit-service.js';
import { actorOf, auditedBy, type ServiceContext } from '../context.js';
import { createBootstrap } from './bootstrap.js';
import { createEnrollment } from './enrollment.js';
import { createSessionManager } from './sessions.js';
import { createSignIn } from './sign-in.js';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(ctx: ServiceContext, audit: AuditService) {
  const sessions = createSessionManager(ctx);
  const bootstrap = createBootstrap(ctx, audit, sessions);
  const signIn = createSignIn(ctx, audit, sessions);
  const enrollment = createEnrollment(ctx, audit, sessions);

  return {
    resolve: sessions.resolve,
    describe: sessions.describe,
    purgeExpiredSessions: sessions.purgeExpired,
    bootstrapNeeded: bootstrap.needed,
    issueBootstrapToken: bootstrap.issueToken,
    bootstrap: bootstrap.complete,
    login: signIn.login,
    verifySecondFactor: signIn.verifySecondFactor,
    passkeySignInOptions: signIn.passkeyOptions,
    verifyPasskeySignIn: signIn.verifyPasskey,
    startTotpEnrollment: enrollment.startTotp,
    confirmTotpEnrollment: enrollment.confirmTotp,
    passkeyRegistrationOptions: enrollment.passkeyRegistrationOptions,
    registerPasskey: enrollment.registerPasskey,
    changePassword: enrollment.changePassword,
    async logout(auth: AuthContext, client: { ip: string }): Promise<void> {
      await sessions.end(auth);
      await audit.record({ ...auditedBy(actorOf(auth, client.ip)), action: 'logout' });
    },
    async logoutEverywhere(auth: AuthContext, client: { ip: string }): Promise<number> {
      const ended = await sessions.endAllFor(auth.user.id);
      await audit.record({
        ...auditedBy(actorOf(auth, client.ip)),
        action: 'logout.everywhere',
        details: { ended },
      });
      return ended;
    },
  };
}
