/**
 * Caps on CPE input. The longest names in the NVD dictionary are a few hundred characters; a text
 * longer than this is refused before any scanning.
 */
export const MAX_CPE_LENGTH = 1024;
