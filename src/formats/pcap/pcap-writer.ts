/**
 * Writes pcap and pcapng bytes, so tests can build captures and check `read(write(x))` equals `x`.
 * Small and in memory on purpose: Wardline writes captures only for tests and fixtures.
 */
import { PCAP_MAGIC_MICROS, PCAP_MAGIC_NANOS } from './pcap-classic.js';
import { PCAPNG_SHB } from './pcapng.js';

export interface PacketToWrite {
  /** Microseconds since the Unix epoch. */
  readonly timestampMicros: bigint;
  readonly data: Uint8Array;
  /** Defaults to the data length. */
  readonly originalLength?: number;
  /** pcapng: each distinct link type gets its own interface. Defaults to the file's link type. */
  readonly linkType?: number;
}

export type ByteOrder = 'little' | 'big';

export interface PcapWriteOptions {
  readonly byteOrder?: ByteOrder;
  readonly linkType?: number;
  /** Use the nanosecond magic (0xa1b23c4d) and store nanoseconds. */
  readonly nanoseconds?: boolean;
  readonly snapLength?: number;
}

export function writePcap(packets: readonly PacketToWrite[], options: PcapWriteOptions = {}) {
  const le = options.byteOrder !== 'big';
  const size = 24 + packets.reduce((sum, p) => sum + 16 + p.data.length, 0);
  const out = new Uint8Array(size);
  const data = new DataView(out.buffer);
  data.setUint32(0, options.nanoseconds === true ? PCAP_MAGIC_NANOS : PCAP_MAGIC_MICROS, le);
  data.setUint16(4, 2, le);
  data.setUint16(6, 4, le);
  data.setUint32(16, options.snapLength ?? 262_144, le);
  data.setUint32(20, options.linkType ?? 1, le);
  let at = 24;
  for (const packet of packets) {
    const seconds = packet.timestampMicros / 1_000_000n;
    const micros = Number(packet.timestampMicros % 1_000_000n);
    data.setUint32(at, Number(seconds), le);
    data.setUint32(at + 4, options.nanoseconds === true ? micros * 1000 : micros, le);
    data.setUint32(at + 8, packet.data.length, le);
    data.setUint32(at + 12, packet.originalLength ?? packet.data.length, le);
    out.set(packet.data, at + 16);
    at += 16 + packet.data.length;
  }
  return out;
}

export interface PcapngWriteOptions {
  readonly byteOrder?: ByteOrder;
  readonly linkType?: number;
  /** The if_tsresol byte: 6 (microseconds, the default; no option written), 9 nanoseconds… */
  readonly tsresol?: number;
}

export function writePcapng(packets: readonly PacketToWrite[], options: PcapngWriteOptions = {}) {
  const le = options.byteOrder !== 'big';
  const tsresol = options.tsresol ?? 6;
  const linkTypes: number[] = [];
  const blocks: Uint8Array[] = [sectionHeader(le)];
  for (const packet of packets) {
    const linkType = packet.linkType ?? options.linkType ?? 1;
    let interfaceId = linkTypes.indexOf(linkType);
    if (interfaceId < 0) {
      interfaceId = linkTypes.push(linkType) - 1;
      blocks.push(interfaceDescription(le, linkType, tsresol));
    }
    blocks.push(enhancedPacket(le, interfaceId, packet, tsresol));
  }
  return concat(blocks);
}

function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = body.length + ((4 - (body.length % 4)) % 4);
  const out = new Uint8Array(12 + padded);
  const data = new DataView(out.buffer);
  data.setUint32(0, type, le);
  data.setUint32(4, out.length, le);
  out.set(body, 8);
  data.setUint32(out.length - 4, out.length, le);
  return out;
}

function sectionHeader(le: boolean): Uint8Array {
  const body = new Uint8Array(16);
  const data = new DataView(body.buffer);
  data.setUint32(0, 0x1a2b3c4d, le);
  data.setUint16(4, 1, le);
  data.setUint16(6, 0, le);
  data.setBigInt64(8, -1n, le); // section length not specified
  return block(le, PCAPNG_SHB, body);
}

function interfaceDescription(le: boolean, linkType: number, tsresol: number): Uint8Array {
  const withOption = tsresol !== 6;
  const body = new Uint8Array(withOption ? 8 + 8 + 4 : 8);
  const data = new DataView(body.buffer);
  data.setUint16(0, linkType, le);
  data.setUint32(4, 262_144, le);
  if (withOption) {
    data.setUint16(8, 9, le); // if_tsresol
    data.setUint16(10, 1, le);
    data.setUint8(12, tsresol);
    // then opt_endofopt (code 0, length 0) at 16
  }
  return block(le, 1, body);
}

function enhancedPacket(
  le: boolean,
  interfaceId: number,
  packet: PacketToWrite,
  tsresol: number,
): Uint8Array {
  const body = new Uint8Array(20 + packet.data.length);
  const data = new DataView(body.buffer);
  const units = toUnits(packet.timestampMicros, tsresol);
  data.setUint32(0, interfaceId, le);
  data.setUint32(4, Number(units >> 32n), le);
  data.setUint32(8, Number(units & 0xffffffffn), le);
  data.setUint32(12, packet.data.length, le);
  data.setUint32(16, packet.originalLength ?? packet.data.length, le);
  body.set(packet.data, 20);
  return block(le, 6, body);
}

function toUnits(micros: bigint, tsresol: number): bigint {
  const exponent = tsresol & 0x7f;
  if ((tsresol & 0x80) !== 0) return (micros << BigInt(exponent)) / 1_000_000n;
  if (exponent >= 6) return micros * 10n ** BigInt(exponent - 6);
  return micros / 10n ** BigInt(6 - exponent);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
