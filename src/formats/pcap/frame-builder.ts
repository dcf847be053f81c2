/**
 * Builds Ethernet II / 802.1Q / IPv4 / TCP or UDP frames for tests. The IPv4 header checksum is
 * computed; TCP and UDP checksums are left 0 (the decoder does not check them).
 */
import { parseIpv4, parseMac } from './addresses.js';

export interface FrameSpec {
  readonly srcMac?: string;
  readonly dstMac?: string;
  /** Outermost first; two ids make a QinQ frame (outer tag 0x88a8). */
  readonly vlanIds?: readonly number[];
  readonly srcIp: string;
  readonly dstIp: string;
  readonly ttl?: number;
  readonly ipId?: number;
  readonly transport:
    | {
        readonly kind: 'tcp';
        readonly srcPort: number;
        readonly dstPort: number;
        readonly seq?: number;
        readonly ack?: number;
        readonly flags?: number;
      }
    | { readonly kind: 'udp'; readonly srcPort: number; readonly dstPort: number };
  readonly payload?: Uint8Array;
}

export function buildFrame(spec: FrameSpec): Uint8Array {
  const payload = spec.payload ?? new Uint8Array(0);
  const segment = spec.transport.kind === 'tcp' ? tcp(spec.transport, payload) : udp(spec, payload);
  const protocol = spec.transport.kind === 'tcp' ? 6 : 17;
  return ethernet(spec, ipv4(spec, protocol, segment));
}

function ethernet(spec: FrameSpec, ip: Uint8Array): Uint8Array {
  const vlanIds = spec.vlanIds ?? [];
  const out = new Uint8Array(14 + vlanIds.length * 4 + ip.length);
  const data = new DataView(out.buffer);
  out.set(parseMac(spec.dstMac ?? '02:00:00:00:00:02'), 0);
  out.set(parseMac(spec.srcMac ?? '02:00:00:00:00:01'), 6);
  let at = 12;
  vlanIds.forEach((id, i) => {
    data.setUint16(at, i === 0 && vlanIds.length > 1 ? 0x88a8 : 0x8100);
    data.setUint16(at + 2, id & 0x0fff);
    at += 4;
  });
  data.setUint16(at, 0x0800);
  out.set(ip, at + 2);
  return out;
}

function ipv4(spec: FrameSpec, protocol: number, segment: Uint8Array): Uint8Array {
  const out = new Uint8Array(20 + segment.length);
  const data = new DataView(out.buffer);
  out[0] = 0x45;
  data.setUint16(2, out.length);
  data.setUint16(4, spec.ipId ?? 1);
  data.setUint16(6, 0x4000); // don't fragment
  out[8] = spec.ttl ?? 64;
  out[9] = protocol;
  out.set(parseIpv4(spec.srcIp), 12);
  out.set(parseIpv4(spec.dstIp), 16);
  data.setUint16(10, checksum(out.subarray(0, 20)));
  out.set(segment, 20);
  return out;
}

function tcp(
  t: { srcPort: number; dstPort: number; seq?: number; ack?: number; flags?: number },
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(20 + payload.length);
  const data = new DataView(out.buffer);
  data.setUint16(0, t.srcPort);
  data.setUint16(2, t.dstPort);
  data.setUint32(4, t.seq ?? 0);
  data.setUint32(8, t.ack ?? 0);
  out[12] = 5 << 4;
  out[13] = (t.flags ?? 0x18) & 0xff;
  data.setUint16(14, 65_535);
  out.set(payload, 20);
  return out;
}

function udp(spec: FrameSpec, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const data = new DataView(out.buffer);
  data.setUint16(0, spec.transport.srcPort);
  data.setUint16(2, spec.transport.dstPort);
  data.setUint16(4, out.length);
  out.set(payload, 8);
  return out;
}

/** RFC 1071 ones'-complement sum. */
function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < header.length; i += 2) sum += ((header[i] ?? 0) << 8) | (header[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
