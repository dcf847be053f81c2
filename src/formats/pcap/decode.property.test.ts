import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode.js';
import { aggregateFlows } from './flows.js';
import { buildFrame } from './frame-builder.js';
import type { CapturedPacket } from './packet.js';

const LINK_TYPES = [0, 1, 101, 113, 228, 229, 276, 147];

function captured(data: Uint8Array, linkType: number, cut: number): CapturedPacket {
  return {
    index: 0,
    offset: 0,
    timestampMicros: 0n,
    linkType,
    interfaceId: 0,
    capturedLength: data.length,
    originalLength: data.length + cut,
    data,
  };
}

const ipv4 = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
  .map((parts) => parts.join('.'));
const frameArb = fc
  .record({
    vlanIds: fc.array(fc.nat(4095), { maxLength: 3 }),
    srcIp: ipv4,
    dstIp: ipv4,
    srcPort: fc.nat(65535),
    dstPort: fc.nat(65535),
    kind: fc.constantFrom('tcp' as const, 'udp' as const),
    payload: fc.uint8Array({ maxLength: 64 }),
  })
  .map(({ kind, srcPort, dstPort, ...rest }) =>
    buildFrame({ ...rest, transport: { kind, srcPort, dstPort } }),
  );

describe('decodePacket properties', () => {
  it('never throws on arbitrary bytes, for every link type', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom(...LINK_TYPES),
        fc.nat(10),
        (data, linkType, cut) => {
          const { packet, diagnostics } = decodePacket(captured(data, linkType, cut));
          expect(packet.payload.length).toBeLessThanOrEqual(data.length);
          expect(diagnostics.every((d) => d.code.startsWith('WL_PCAP_'))).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('decodes every built frame, and any cut or corrupted version without throwing', () => {
    fc.assert(
      fc.property(
        frameArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (frame, cut, at, value) => {
          const whole = decodePacket(captured(frame, 1, 0));
          expect(whole.diagnostics).toEqual([]);
          expect(whole.packet.transport).not.toBeNull();
          const shorter = frame.subarray(0, cut % (frame.length + 1));
          decodePacket(captured(shorter, 1, frame.length - shorter.length));
          const corrupted = frame.slice();
          corrupted[at % frame.length] = value;
          const decoded = [decodePacket(captured(corrupted, 1, 0)).packet];
          expect(() => aggregateFlows(decoded)).not.toThrow();
        },
      ),
    );
  });
});
