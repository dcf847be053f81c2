/**
 * Bytes to text for exports whose encoding nobody declared. A BOM decides (UTF-8, UTF-16LE/BE);
 * else the mapping's `encoding`; else the bytes from the first non-ASCII one to the end of the
 * chunk in hand (at least the first KiB): valid UTF-8 commits to UTF-8, anything else to
 * Windows-1252 (what Excel and older CMMS write on Windows). Before that byte both readings agree,
 * so nothing already decoded is ever read twice.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { WardlineError } from '../../domain/errors.js';
import type { InventoryEncoding } from './types.js';

/** What the decoder reports about the bytes. */
export type DecoderNotice = 'WL_INVENTORY_ENCODING_FALLBACK' | 'WL_INVENTORY_ENCODING_INVALID';

/** Bytes held at the start to look for a BOM and the marks of a file that is not text. */
const SNIFF_BYTES = 1024;

/**
 * Share of NUL bytes at the start that marks binary or BOM-less UTF-16 input (half its bytes are
 * NUL). A stray NUL in a damaged row stays a character of that row.
 */
const NUL_SHARE = 1 / 8;

const SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (an Excel .xlsx workbook?); export it as CSV',
  },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'an OLE document (an Excel .xls workbook?); export it as CSV',
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive; decompress it first' },
];

/**
 * Windows-1252 bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); the five
 * bytes the code page leaves undefined map to the C1 controls, as the WHATWG Encoding Standard
 * says. Node 20's `TextDecoder('windows-1252')` decodes this range as Latin-1 instead, so the range
 * is mapped here.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes as text; every byte is one character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Length of an unfinished UTF-8 sequence at the end of `bytes` (0–3). */
function unfinishedTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? back : 0;
    }
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i += 1) if ((bytes[i] ?? 0) >= 0x80) return i;
  return -1;
}

/** Decodes an export's bytes, choosing the encoding as described above; one per input. */
export class InventoryDecoder {
  /** `null` while every byte so far was ASCII and nothing was declared. */
  encoding: InventoryEncoding | null;
  private head: Uint8Array = new Uint8Array(0);
  private started = false;
  private pending: Uint8Array = new Uint8Array(0);
  private reportedInvalid = false;
  private utf16: TextDecoder | null = null;
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    declared: InventoryEncoding | undefined,
    private readonly source: string,
    private readonly notify: (code: DecoderNotice, message: string) => void,
  ) {
    this.encoding = declared ?? null;
  }

  /** Text for the next chunk; may hold back up to four bytes until it can tell what they are. */
  decode(chunk: Uint8Array | string): string {
    if (typeof chunk === 'string') return this.text(chunk);
    if (!this.started) {
      this.head = concat(this.head, chunk);
      if (this.head.length < SNIFF_BYTES) return '';
      return this.start(false);
    }
    return this.bytes(chunk);
  }

  /** The rest, at the end of the input. */
  end(): string {
    let text = this.started ? '' : this.start(true);
    if (this.utf16 !== null) return text + this.utf16.decode();
    if (this.pending.length > 0) {
      this.invalidSeen();
      text += this.utf8.decode(this.pending);
      this.pending = new Uint8Array(0);
    }
    return text;
  }

  private text(chunk: string): string {
    if (this.started) return chunk;
    this.started = true;
    this.encoding ??= 'utf-8';
    return chunk.replace(/^\uFEFF/, '');
  }

  private start(atEnd: boolean): string {
    this.started = true;
    let bytes = this.head;
    this.head = new Uint8Array(0);
    if (bytes.length === 0 && atEnd) return '';
    const [a, b, c] = bytes;
    if (a === 0xef && b === 0xbb && c === 0xbf) {
      this.encoding = 'utf-8';
      bytes = bytes.subarray(3);
    } else if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
      this.encoding = a === 0xff ? 'utf-16le' : 'utf-16be';
      bytes = bytes.subarray(2);
    }
    if (this.encoding === 'utf-16le' || this.encoding === 'utf-16be') {
      this.utf16 = new TextDecoder(this.encoding, { ignoreBOM: true });
    } else {
      this.refuseBinary(bytes);
    }
    return this.bytes(bytes);
  }

  /** A file that is not text at all is wholly unreadable: say what it looks like. */
  private refuseBinary(bytes: Uint8Array): void {
    for (const { bytes: magic, what } of SIGNATURES) {
      if (magic.every((byte, i) => bytes[i] === byte)) throw this.unreadable(`it is ${what}`);
    }
    const window = bytes.subarray(0, SNIFF_BYTES);
    const nuls = window.reduce((count, byte) => count + (byte === 0 ? 1 : 0), 0);
    if (nuls > 0 && nuls >= window.length * NUL_SHARE) {
      throw this.unreadable('it is binary, or UTF-16 without a byte order mark');
    }
  }

  private unreadable(reason: string): WardlineError {
    return new WardlineError(
      'WL_INVENTORY_UNREADABLE',
      `The inventory export is not text: ${reason}.`,
      {
        details: { source: this.source },
      },
    );
  }

  private bytes(chunk: Uint8Array): string {
    if (this.utf16 !== null) return this.utf16.decode(chunk, { stream: true });
    if (this.encoding === 'windows-1252') return decodeWindows1252(chunk);
    const data = concat(this.pending, chunk);
    if (this.encoding === null) return this.undecided(data);
    return this.utf8Text(data);
  }

  private undecided(data: Uint8Array): string {
    const at = firstNonAscii(data);
    if (at < 0) {
      this.pending = new Uint8Array(0);
      return this.utf8.decode(data);
    }
    const tail = unfinishedTail(data);
    const body = data.subarray(at, data.length - tail);
    if (body.length === 0) {
      this.pending = data.subarray(at);
      return this.utf8.decode(data.subarray(0, at));
    }
    if (isUtf8(body)) {
      this.encoding = 'utf-8';
      return this.utf8Text(data);
    }
    this.encoding = 'windows-1252';
    this.pending = new Uint8Array(0);
    this.notify(
      'WL_INVENTORY_ENCODING_FALLBACK',
      'The bytes are not valid UTF-8; the file is read as Windows-1252. Set encoding in the mapping if that is wrong.',
    );
    return decodeWindows1252(data);
  }

  private utf8Text(data: Uint8Array): string {
    const tail = unfinishedTail(data);
    const body = data.subarray(0, data.length - tail);
    this.pending = data.subarray(data.length - tail);
    if (!this.reportedInvalid && !isUtf8(body)) this.invalidSeen();
    return this.utf8.decode(body);
  }

  private invalidSeen(): void {
    if (this.reportedInvalid) return;
    this.reportedInvalid = true;
    this.notify(
      'WL_INVENTORY_ENCODING_INVALID',
      'Some bytes are not valid UTF-8; each was read as U+FFFD. Set encoding in the mapping if the file is Windows-1252.',
    );
  }
}
