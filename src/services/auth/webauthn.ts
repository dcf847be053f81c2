/** The WebAuthn relying party is Wardline at its public origin; passkeys bind to its host name. */
export function relyingParty(origin: string): { id: string; name: string; origin: string } {
  const url = new URL(origin);
  return { id: url.hostname, name: 'Wardline', origin: url.origin };
}
