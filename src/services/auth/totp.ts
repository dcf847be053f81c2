/**
 * TOTP (RFC 6238) with the otpauth library: SHA-1, 6 digits, 30-second steps, the parameters
 * every authenticator app understands. A code is accepted within one step of drift, and never twice:
 * the caller stores the last accepted step and passes it back.
 */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD_SECONDS = 30;
const DIGITS = 6;

export interface TotpEnrollment {
  readonly secret: string;
  readonly otpauthUrl: string;
  readonly qrDataUrl: string;
}

function totpFor(secret: string, label = 'user'): TOTP {
  return new TOTP({
    issuer: 'Wardline',
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function describeTotpEnrollment(
  secret: string,
  username: string,
): Promise<TotpEnrollment> {
  const otpauthUrl = totpFor(secret, username).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrDataUrl };
}

/**
 * Returns the time step the code belongs to, or null when it matches no step within the window
 * or matches a step at or before `lastAcceptedStep` (a replay).
 */
export function acceptTotp(
  secret: string,
  code: string,
  now: Date,
  lastAcceptedStep: number | null,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  if (lastAcceptedStep !== null && step <= lastAcceptedStep) return null;
  return step;
}

/** The current code for a secret; used by tests and by `wardline` itself nowhere else. */
export function currentTotp(secret: string, now: Date = new Date()): string {
  return totpFor(secret).generate({ timestamp: now.getTime() });
}
