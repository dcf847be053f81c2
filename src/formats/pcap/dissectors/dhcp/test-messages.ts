/** Builds BOOTP/DHCP messages for tests. */
import { parseIpv4, parseMac } from '../../addresses.js';

/** An option code and its value bytes. */
export type TestOption = readonly [code: number, value: readonly number[]];

/** A BOOTP/DHCP message to build. */
export interface TestDhcpMessage {
  readonly op?: number;
  readonly htype?: number;
  readonly hlen?: number;
  readonly chaddr?: string;
  readonly ciaddr?: string;
  readonly yiaddr?: string;
  /** Options in order; End is appended unless `raw` is given. */
  readonly options?: readonly TestOption[];
  /** Bytes placed after the cookie as they are. */
  readonly raw?: readonly number[];
  readonly cookie?: boolean;
  readonly sname?: readonly number[];
  readonly file?: readonly number[];
}

/** Latin-1 bytes of a text. */
export const text = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
/** The four bytes of a dotted IPv4 address. */
export const ip = (s: string): number[] => Array.from(parseIpv4(s));

/** A BOOTP/DHCP message with the given fields and options. */
export function dhcpMessage(spec: TestDhcpMessage): Uint8Array {
  const options = spec.raw ?? [
    ...(spec.options ?? []).flatMap(([c, v]) => [c, v.length, ...v]),
    255,
  ];
  const out = new Uint8Array(240 + options.length);
  out[0] = spec.op ?? 1;
  out[1] = spec.htype ?? 1;
  out[2] = spec.hlen ?? 6;
  new DataView(out.buffer).setUint32(4, 0x3903f326);
  if (spec.ciaddr !== undefined) out.set(parseIpv4(spec.ciaddr), 12);
  if (spec.yiaddr !== undefined) out.set(parseIpv4(spec.yiaddr), 16);
  out.set(parseMac(spec.chaddr ?? '00:1b:63:84:45:e6'), 28);
  if (spec.sname !== undefined) out.set(spec.sname, 44);
  if (spec.file !== undefined) out.set(spec.file, 108);
  if (spec.cookie !== false) out.set([0x63, 0x82, 0x53, 0x63], 236);
  out.set(options, 240);
  return out;
}

/** Option 53 with a message type number. */
export const type = (n: number): TestOption => [53, [n]];
