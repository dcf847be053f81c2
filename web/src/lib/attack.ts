/** MITRE ATT&CK technique ids as Sigma tags carry them, and where ATT&CK documents each. */

const TECHNIQUE = /^T(\d{4})(?:\.(\d{3}))?$/;

/** Whether a text is a technique or sub-technique id, `T1490` or `T1059.001`. */
export function isTechniqueId(value: string): boolean {
  return TECHNIQUE.test(value);
}

/**
 * The technique's page on attack.mitre.org (`T1059.001` → `/techniques/T1059/001/`), or null for
 * anything that is not a technique id, so a hostile tag never becomes a link.
 */
export function techniqueUrl(value: string): string | null {
  const match = TECHNIQUE.exec(value);
  if (match === null) return null;
  const [, technique, sub] = match;
  return sub === undefined
    ? `https://attack.mitre.org/techniques/T${technique ?? ''}/`
    : `https://attack.mitre.org/techniques/T${technique ?? ''}/${sub}/`;
}
