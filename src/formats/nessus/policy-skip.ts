/**
 * Drops the contents of the `.nessus` `Policy` section before the XML parser sees them. The policy
 * (scan settings, and a plugin list that alone passes 1 MiB on current feeds) says nothing about
 * hosts, and skipping it as raw text costs one `indexOf` instead of a parse, and keeps the plugin
 * list from tripping the token cap. Newlines are kept so line numbers stay true; `skipped` counts
 * the other characters removed, so offsets can be corrected.
 *
 * Only a `<Policy` that comes before the first `<Report` is skipped. A start tag longer than
 * `MAX_POLICY_TAG_CHARS` is left alone, and then the XML parser reads the section as usual.
 */
const MAX_POLICY_TAG_CHARS = 4096;
const OPENER = /<(Policy|Report)[\s/>]/;
const CLOSER = '</Policy';

export class PolicySkipper {
  /** Characters removed so far, newlines not counted. */
  skipped = 0;
  private state: 'before' | 'inside' | 'after' = 'before';
  private held = '';

  /** Returns the text to feed now; holds back what a chunk edge may have cut. */
  push(chunk: string, final = false): string {
    let text = this.held + chunk;
    this.held = '';
    let out = '';
    while (text !== '' && this.state !== 'after') {
      const next = this.state === 'before' ? this.before(text, final) : this.inside(text, final);
      out += next.fed;
      text = next.rest;
      if (next.wait) return out;
    }
    return out + text;
  }

  /** Looks for `<Policy` (start skipping) or `<Report` (nothing to skip). */
  private before(text: string, final: boolean): Step {
    const match = OPENER.exec(text);
    if (match === null) {
      const keep = final ? 0 : openTail(text);
      this.held = text.slice(text.length - keep);
      return { fed: text.slice(0, text.length - keep), rest: '', wait: true };
    }
    if (match[1] === 'Report') {
      this.state = 'after';
      return { fed: '', rest: text, wait: false };
    }
    const close = text.indexOf('>', match.index);
    if (close === -1) {
      if (final || text.length - match.index > MAX_POLICY_TAG_CHARS) {
        this.state = 'after';
        return { fed: '', rest: text, wait: false };
      }
      this.held = text.slice(match.index);
      return { fed: text.slice(0, match.index), rest: '', wait: true };
    }
    // `<Policy/>` is empty: nothing to skip.
    this.state = text.charAt(close - 1) === '/' ? 'after' : 'inside';
    return { fed: text.slice(0, close + 1), rest: text.slice(close + 1), wait: false };
  }

  /** Drops everything but newlines up to `</Policy`. */
  private inside(text: string, final: boolean): Step {
    const end = text.indexOf(CLOSER);
    if (end === -1) {
      const keep = final ? 0 : closeTail(text);
      this.held = text.slice(text.length - keep);
      return { fed: this.drop(text.slice(0, text.length - keep)), rest: '', wait: true };
    }
    this.state = 'after';
    return { fed: this.drop(text.slice(0, end)), rest: text.slice(end), wait: false };
  }

  private drop(text: string): string {
    const newlines = text.replace(/[^\n]+/g, '');
    this.skipped += text.length - newlines.length;
    return newlines;
  }
}

interface Step {
  readonly fed: string;
  readonly rest: string;
  /** The text ran out: wait for the next chunk. */
  readonly wait: boolean;
}

/** Characters at the end that may start `<Policy ` or `<Report ` in the next chunk. */
function openTail(text: string): number {
  const at = text.lastIndexOf('<');
  return at !== -1 && text.length - at <= '<Report '.length ? text.length - at : 0;
}

/** Characters at the end that may start `</Policy` in the next chunk. */
function closeTail(text: string): number {
  for (let keep = Math.min(CLOSER.length - 1, text.length); keep > 0; keep -= 1) {
    if (CLOSER.startsWith(text.slice(text.length - keep))) return keep;
  }
  return 0;
}
