/**
 * `parseCpe`: either binding, chosen by its prefix, within the length cap.
 */
import { MAX_CPE_LENGTH } from './limits.js';
import { parseFormattedString } from './parse-fs.js';
import { parseUri } from './parse-uri.js';
import { CpeParseError, type CpeName } from './types.js';

/**
 * Parses a CPE 2.3 formatted string (`cpe:2.3:…`) or a CPE URI (`cpe:/…`) into a name in
 * Wardline's canonical form (lower-case; see `CpeName`). Never throws: a text that is not a CPE
 * name gives a `CpeParseError` with a code and the offset of the problem.
 *
 * @example parseCpe('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*')
 *   → { part: 'a', vendor: 'microsoft', product: 'internet_explorer', version: '8.*', update: 'sp?', … }
 * @example parseCpe('cpe:/a:foo:bar:12.%02.1234') → CpeParseError { code: 'WL_CPE_WILDCARD', … }
 */
export function parseCpe(text: string): CpeName | CpeParseError {
  if (text.length > MAX_CPE_LENGTH) {
    return new CpeParseError(
      'WL_CPE_TOO_LONG',
      MAX_CPE_LENGTH,
      `longer than ${MAX_CPE_LENGTH} characters`,
    );
  }
  if (text.startsWith('cpe:2.3:')) return parseFormattedString(text);
  if (text.slice(0, 5).toLowerCase() === 'cpe:/') return parseUri(text);
  return new CpeParseError('WL_CPE_PREFIX', 0, 'a CPE name starts with cpe:2.3: or cpe:/');
}
