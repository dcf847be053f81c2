/**
 * Caps on version strings. A real version is a few dozen characters; anything past these is
 * rejected before any parsing, so a hostile feed cannot make ordering slow.
 */

/** Longest version string any scheme accepts (Debian and RPM EVRs stay well under 100). */
export const MAX_VERSION_LENGTH = 256;

/** Most numeric/alphabetic segments a version may split into (generic, deb, rpm, Maven). */
export const MAX_VERSION_SEGMENTS = 64;
