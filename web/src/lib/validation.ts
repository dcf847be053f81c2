/** Checks the UI makes before sending, mirroring what the server enforces anyway. */

export const MIN_PASSWORD_LENGTH = 12;

/** Digits only, spaces removed: authenticator apps often show `123 456`. */
export function normalizeTotpCode(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isTotpCode(value: string): boolean {
  return /^\d{6}$/.test(normalizeTotpCode(value));
}

/** Why a new password is not acceptable, or null when it is. */
export function passwordProblem(password: string, confirmation?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (confirmation !== undefined && confirmation !== password) {
    return 'The two passwords differ.';
  }
  return null;
}
