/**
 * Caps for the prioritization engine. Vectors and explanations come from feeds Wardline does not
 * control, so each string it parses is bounded before any work is done on it.
 */

/**
 * The longest CVSS vector accepted, in characters. A full CVSS 4.0 vector with every base, threat,
 * environmental and supplemental metric is about 250 characters; anything much longer is not a
 * vector.
 */
export const MAX_CVSS_VECTOR_LENGTH = 512;

/** The most metrics one vector may carry (CVSS 4.0 defines 32). */
export const MAX_CVSS_METRICS = 40;

/** The default EPSS probability at or above which exploitation counts as at least `poc`. */
export const DEFAULT_EPSS_POC_THRESHOLD = 0.1;
