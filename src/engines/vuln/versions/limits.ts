/**
 * Caps on version strings. A real version is a few dozen characters; anything past these is
 * rejected before any parsing, so a hostile feed cannot make ordering slow.
 */

/** Longest version string any scheme accepts (Debian and RPM EVRs stay well under 100). */
export const MAX_VERSION_LENGTH = 256;

/** Most numeric/alphabetic segments a version may split into (generic, deb, rpm, Maven). */
export const MAX_VERSION_SEGMENTS = 64;

/**
 * Most parsed versions kept per scheme by `parseVersion`; past it the scheme's cache is emptied
 * and refilled, so memory stays bounded whatever a feed or inventory holds.
 */
export const MAX_CACHED_VERSIONS = 50_000;
