/**
 * Marks stray `&` before saxes sees them. saxes reads an entity name up to the next `;`, so one
 * bare `&` in a damaged file swallows every host up to the next semicolon. Each `&` that cannot
 * start a reference becomes `&wl-stray-amp;`: still an undefined-entity error (so the host holding
 * it is skipped and a diagnostic names the line), but saxes resumes right after it.
 *
 * Nmap writes no CDATA and Wardline ignores comments, so rewriting `&` inside those is harmless.
 */

/** A reference saxes can end cleanly: a name, a decimal or a hex character reference. */
const REFERENCE = /^&(?:[A-Za-z_:][\w:.-]{0,63}|#\d{1,10}|#x[\dA-Fa-f]{1,8});/;
/** An `&` with only name characters after it, at the end of a chunk, may still become one. */
const MAYBE_REFERENCE = /^&[\w:.#-]*$/;
const WINDOW = 72;
export const STRAY_AMPERSAND = '&wl-stray-amp;';

export class AmpersandRepair {
  private held = '';

  /** Returns the text to feed now; holds back a possible reference cut by the chunk edge. */
  push(chunk: string, final = false): string {
    const text = this.held + chunk;
    this.held = '';
    let out = '';
    let from = 0;
    for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
      const ahead = text.slice(at, at + WINDOW);
      if (REFERENCE.test(ahead)) continue;
      if (!final && ahead.length < WINDOW && MAYBE_REFERENCE.test(ahead)) {
        this.held = text.slice(at);
        return out + text.slice(from, at);
      }
      out += `${text.slice(from, at)}${STRAY_AMPERSAND}`;
      from = at + 1;
    }
    return out + text.slice(from);
  }
}
