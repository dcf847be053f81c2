/** Text from protocol bytes, safe to show and store: bounded, no control characters. */

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Control characters (C0, DEL, C1), which never belong in a name or identifier shown to people. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** What a label must escape: control characters, space, `.` and `\`. */
// eslint-disable-next-line no-control-regex
const ESCAPED_IN_LABEL = /[\u0000-\u0020\u007f-\u009f.\\]/g;

/**
 * Decodes UTF-8 (invalid sequences become U+FFFD), drops trailing NUL padding, replaces control
 * characters with U+FFFD, and keeps at most `maxBytes` input bytes.
 */
export function readableText(bytes: Uint8Array, maxBytes: number): string {
  let end = Math.min(bytes.length, maxBytes);
  while (end > 0 && bytes[end - 1] === 0) end--;
  return utf8.decode(bytes.subarray(0, end)).replace(CONTROL, '\uFFFD');
}

/** One DNS label as presentation text: `.`, `\`, space and control characters as `\DDD` (RFC 4343). */
export function labelText(label: Uint8Array): string {
  let plain = true;
  for (const byte of label) {
    if (byte <= 0x20 || byte >= 0x7f || byte === 0x2e || byte === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return String.fromCharCode(...label);
  return utf8.decode(label).replace(ESCAPED_IN_LABEL, (c) => {
    return `\\${c.charCodeAt(0).toString().padStart(3, '0')}`;
  });
}
