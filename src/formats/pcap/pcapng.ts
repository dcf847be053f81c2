/**
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks `type, total length, body, total length`,
 * 32-bit aligned. Each Section Header Block sets the byte order (byte-order magic) and starts a new
 * list of interfaces; Enhanced and Simple Packet Blocks refer to an interface for their link type
 * and timestamp resolution. Unknown blocks are skipped by their length.
 *
 * A block whose length fields are impossible (too small, unaligned, above the cap, or the trailing
 * copy disagrees) is reported and the reader slides forward 4 bytes at a time until a known block
 * with consistent lengths appears, so one corrupt block does not lose the rest of the capture.
 */
import { WardlineError } from '../../domain/errors.js';
import { view } from './byte-stream.js';
import { pcapDiagnostic, type PcapDiagnosticCode } from './diagnostics.js';
import type { CapturedPacket, ReaderContext } from './packet.js';
import { readInterfaceOptions, toMicros, type Interface } from './pcapng-interface.js';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 0x00000001;
const SPB = 0x00000003;
const EPB = 0x00000006;
/** Block types defined by the draft; only these are accepted while resynchronizing. */
const KNOWN_BLOCK_TYPES = new Set([PCAPNG_SHB, 1, 2, 3, 4, 5, 6, 7, 9, 10, 0x0bad, 0x40000bad]);
const MIN_BLOCK_LENGTH = 12;

interface Block {
  readonly type: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
  readonly data: DataView;
  readonly le: boolean;
}

export async function* readPcapng(ctx: ReaderContext): AsyncGenerator<CapturedPacket> {
  const reader = new PcapngReader(ctx);
  await reader.checkFirstSection();
  for (;;) {
    const block = await reader.nextBlock();
    if (block === undefined) return;
    const packet = reader.handle(block);
    if (packet !== undefined) yield packet;
  }
}

class PcapngReader {
  readonly #ctx: ReaderContext;
  #le = true;
  #interfaces: Interface[] = [];
  #resyncStart: number | null = null;
  #stopped = false;

  constructor(ctx: ReaderContext) {
    this.#ctx = ctx;
  }

  async checkFirstSection(): Promise<void> {
    const { stream, source } = this.#ctx;
    const ok = await stream.ensure(28);
    const head = ok ? stream.peek(28) : undefined;
    if (head === undefined || byteOrderOf(head) === undefined) {
      throw new WardlineError(
        'WL_PCAP_UNREADABLE',
        'The pcapng section header is cut short or lacks its byte-order magic.',
        { details: { source } },
      );
    }
    const major = view(head).getUint16(12, byteOrderOf(head));
    if (major !== 1) {
      throw new WardlineError('WL_PCAP_UNREADABLE', `pcapng major version ${major} is not 1.`, {
        details: { source },
      });
    }
  }

  /** The next block with consistent lengths, consumed from the stream; undefined at the end. */
  async nextBlock(): Promise<Block | undefined> {
    const { stream } = this.#ctx;
    while (!this.#stopped) {
      const offset = stream.offset;
      if (!(await stream.ensure(MIN_BLOCK_LENGTH))) {
        this.#end();
        return;
      }
      const head = stream.peek(MIN_BLOCK_LENGTH);
      const type = view(head).getUint32(0, this.#le);
      const le = type === PCAPNG_SHB ? byteOrderOf(head) : this.#le;
      if (le === undefined) {
        this.#lost(offset, 'WL_PCAP_BLOCK_INVALID', 'Section header without byte-order magic.');
        continue;
      }
      const length = view(head).getUint32(4, le);
      const problem = this.#lengthProblem(length);
      if (problem !== undefined) {
        this.#lost(offset, 'WL_PCAP_BLOCK_INVALID', problem);
        continue;
      }
      const block = await this.#readBlock(type, offset, length, le);
      if (block !== undefined) return block;
    }
    return undefined;
  }

  async #readBlock(type: number, offset: number, length: number, le: boolean) {
    const { stream } = this.#ctx;
    if (this.#resyncStart !== null && !KNOWN_BLOCK_TYPES.has(type)) {
      this.#lost(offset, 'WL_PCAP_BLOCK_INVALID', 'Unknown block while resynchronizing.');
      return undefined;
    }
    if (!(await stream.ensure(length))) {
      this.#lost(offset, 'WL_PCAP_TRUNCATED_RECORD', `Block of ${length} bytes runs past the end.`);
      return undefined;
    }
    // The trailing copy is checked before the block is viewed, so a run of plausible headers in
    // garbage costs 4 bytes of reading each, not a block-sized copy each.
    if (view(stream.peek(4, length - 4)).getUint32(0, le) !== length) {
      this.#lost(offset, 'WL_PCAP_BLOCK_INVALID', 'Block length and trailing length differ.');
      return undefined;
    }
    const bytes = stream.peek(length);
    this.#found(offset);
    stream.skip(length);
    return { type, offset, bytes, data: view(bytes), le };
  }

  #lengthProblem(length: number): string | undefined {
    if (length < MIN_BLOCK_LENGTH || length % 4 !== 0) {
      return `Block length ${length} is below 12 or not a multiple of 4.`;
    }
    if (length > this.#ctx.limits.maxBlockLength) {
      return `Block length ${length} is above the ${this.#ctx.limits.maxBlockLength}-byte cap.`;
    }
    return undefined;
  }

  /** Reports the first bad block of a run, then slides 4 bytes (blocks are 32-bit aligned). */
  #lost(offset: number, code: PcapDiagnosticCode, reason: string): void {
    const { stream, source, report, limits } = this.#ctx;
    if (this.#resyncStart === null) {
      this.#resyncStart = offset;
      report(
        pcapDiagnostic(source, offset, code, 'error', `${reason} Looking for the next block.`),
      );
    } else if (offset - this.#resyncStart >= limits.maxResyncBytes) {
      report(
        pcapDiagnostic(
          source,
          this.#resyncStart,
          'WL_PCAP_RESYNC_FAILED',
          'error',
          `No valid block within ${limits.maxResyncBytes} bytes; reading stops.`,
        ),
      );
      this.#stopped = true;
      return;
    }
    stream.skip(Math.min(4, stream.buffered));
  }

  #found(offset: number): void {
    if (this.#resyncStart === null) return;
    const { source, report } = this.#ctx;
    report(
      pcapDiagnostic(
        source,
        this.#resyncStart,
        'WL_PCAP_RESYNCED',
        'warning',
        `Skipped ${offset - this.#resyncStart} bytes to the next valid block at offset ${offset}.`,
      ),
    );
    this.#resyncStart = null;
  }

  #end(): undefined {
    const { stream, source, report } = this.#ctx;
    if (this.#resyncStart !== null) {
      report(
        pcapDiagnostic(
          source,
          this.#resyncStart,
          'WL_PCAP_RESYNC_FAILED',
          'warning',
          `No valid block in the last ${stream.offset + stream.buffered - this.#resyncStart} bytes.`,
        ),
      );
    } else if (stream.buffered > 0) {
      report(
        pcapDiagnostic(
          source,
          stream.offset,
          'WL_PCAP_TRUNCATED_RECORD',
          'error',
          `The capture ends inside a block header (${stream.buffered} bytes left).`,
        ),
      );
    }
    return undefined;
  }

  handle(block: Block): CapturedPacket | undefined {
    switch (block.type) {
      case PCAPNG_SHB:
        this.#le = block.le;
        this.#interfaces = [];
        return undefined;
      case IDB:
        this.#addInterface(block);
        return undefined;
      case EPB:
        return this.#enhancedPacket(block);
      case SPB:
        return this.#simplePacket(block);
      default:
        return undefined;
    }
  }

  #corrupt(block: Block, code: PcapDiagnosticCode, message: string): undefined {
    this.#ctx.report(pcapDiagnostic(this.#ctx.source, block.offset, code, 'warning', message));
    return undefined;
  }

  #addInterface(block: Block): void {
    if (block.bytes.length < 20) {
      this.#corrupt(block, 'WL_PCAP_CORRUPT_RECORD', 'Interface block shorter than 20 bytes.');
      return;
    }
    if (this.#interfaces.length >= this.#ctx.limits.maxInterfaces) {
      this.#corrupt(
        block,
        'WL_PCAP_TOO_MANY_INTERFACES',
        `More than ${this.#ctx.limits.maxInterfaces} interfaces in one section; this one is ignored.`,
      );
      return;
    }
    const options = readInterfaceOptions(block, 16, block.bytes.length - 4);
    if (options.corrupt) {
      this.#corrupt(block, 'WL_PCAP_CORRUPT_RECORD', 'Interface options overrun the block.');
    }
    this.#interfaces.push({
      linkType: block.data.getUint16(8, block.le),
      snapLength: block.data.getUint32(12, block.le),
      decimal: options.decimal,
      exponent: options.exponent,
      offsetSeconds: options.offsetSeconds,
    });
  }

  #enhancedPacket(block: Block): CapturedPacket | undefined {
    const { data, le, bytes } = block;
    if (bytes.length < 32) {
      this.#corrupt(block, 'WL_PCAP_CORRUPT_RECORD', 'Packet block shorter than 32 bytes.');
      return;
    }
    const interfaceId = data.getUint32(8, le);
    const capturedLength = data.getUint32(20, le);
    const originalLength = data.getUint32(24, le);
    const iface = this.#interfaces[interfaceId];
    if (iface === undefined) {
      this.#corrupt(
        block,
        'WL_PCAP_UNKNOWN_INTERFACE',
        `Packet refers to interface ${interfaceId}, which no interface block defined.`,
      );
      return;
    }
    if (capturedLength > this.#ctx.limits.maxCapturedLength) {
      this.#corrupt(
        block,
        'WL_PCAP_RECORD_TOO_LARGE',
        `Packet claims ${capturedLength} captured bytes, above the ${this.#ctx.limits.maxCapturedLength}-byte cap; skipped.`,
      );
      return;
    }
    if (28 + capturedLength > bytes.length - 4) {
      this.#corrupt(block, 'WL_PCAP_CORRUPT_RECORD', 'Packet data overruns its block.');
      return;
    }
    const units = (BigInt(data.getUint32(12, le)) << 32n) | BigInt(data.getUint32(16, le));
    return {
      index: this.#ctx.nextIndex++,
      offset: block.offset,
      timestampMicros: toMicros(units, iface),
      linkType: iface.linkType,
      interfaceId,
      capturedLength,
      originalLength: Math.max(originalLength, capturedLength),
      data: new Uint8Array(bytes.subarray(28, 28 + capturedLength)),
    };
  }

  #simplePacket(block: Block): CapturedPacket | undefined {
    const iface = this.#interfaces[0];
    if (iface === undefined) {
      this.#corrupt(block, 'WL_PCAP_UNKNOWN_INTERFACE', 'Simple packet without interface 0.');
      return;
    }
    if (block.bytes.length < 16) {
      this.#corrupt(block, 'WL_PCAP_CORRUPT_RECORD', 'Simple packet shorter than 16 bytes.');
      return;
    }
    const originalLength = block.data.getUint32(8, block.le);
    const room = Math.min(block.bytes.length - 16, this.#ctx.limits.maxCapturedLength);
    const snap = iface.snapLength > 0 ? iface.snapLength : Number.MAX_SAFE_INTEGER;
    const capturedLength = Math.min(originalLength, snap, room);
    return {
      index: this.#ctx.nextIndex++,
      offset: block.offset,
      timestampMicros: null,
      linkType: iface.linkType,
      interfaceId: 0,
      capturedLength,
      originalLength: Math.max(originalLength, capturedLength),
      data: new Uint8Array(block.bytes.subarray(12, 12 + capturedLength)),
    };
  }
}

function byteOrderOf(head: Uint8Array): boolean | undefined {
  const data = view(head);
  if (data.getUint32(8, true) === BYTE_ORDER_MAGIC) return true;
  if (data.getUint32(8, false) === BYTE_ORDER_MAGIC) return false;
  return undefined;
}
