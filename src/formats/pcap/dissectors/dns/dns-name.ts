/**
 * Reads a domain name in DNS wire format (RFC 1035 §3.1, §4.1.4), following compression pointers.
 * Pointers must point backwards and are followed at most `maxPointerJumps` times, so a pointer
 * loop ends in an error instead of a hang; label and name lengths are checked against RFC 1035.
 */
import { DNS_LIMITS } from './limits.js';
import { labelText } from './text.js';

/** A name and the offset after it, or why it could not be read. */
export type NameRead =
  | { readonly ok: true; readonly name: string; readonly next: number }
  | { readonly ok: false; readonly reason: string };

const fail = (reason: string): NameRead => ({ ok: false, reason });

/**
 * The name at `offset` as presentation text without the trailing dot (`''` for the root), and the
 * offset just past it in the original position (after the first pointer, if any).
 *
 * @example
 *   readName(Uint8Array.of(3, 0x77, 0x77, 0x77, 0), 0) // { ok: true, name: 'www', next: 5 }
 */
export function readName(message: Uint8Array, offset: number): NameRead {
  const labels: string[] = [];
  let pos = offset;
  let next = -1;
  let jumps = 0;
  let wireLength = 1;
  for (;;) {
    const length = message[pos];
    if (length === undefined) return fail('a name runs past the end of the message');
    if (length >= 0xc0) {
      const low = message[pos + 1];
      if (low === undefined) return fail('a compression pointer is cut short');
      const target = ((length & 0x3f) << 8) | low;
      if (next < 0) next = pos + 2;
      jumps++;
      if (jumps > DNS_LIMITS.maxPointerJumps) return fail('too many compression pointers');
      if (target >= pos) return fail('a compression pointer does not point backwards');
      pos = target;
      continue;
    }
    if (length >= 0x40) return fail(`label type 0x${length.toString(16)} is not supported`);
    if (length === 0) return { ok: true, name: labels.join('.'), next: next < 0 ? pos + 1 : next };
    wireLength += 1 + length;
    if (wireLength > DNS_LIMITS.maxNameBytes) {
      return fail(`a name is longer than ${DNS_LIMITS.maxNameBytes} bytes`);
    }
    if (pos + 1 + length > message.length) return fail('a label runs past the end of the message');
    labels.push(labelText(message.subarray(pos + 1, pos + 1 + length)));
    pos += 1 + length;
  }
}
