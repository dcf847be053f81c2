/** pcapng interface options (if_tsresol, if_tsoffset) and the timestamp conversion they drive. */

const OPTION_TSRESOL = 9;
const OPTION_TSOFFSET = 14;

export interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** if_tsresol: units are 10^-exponent s (decimal) or 2^-exponent s (binary). */
  readonly decimal: boolean;
  readonly exponent: number;
  /** if_tsoffset, in seconds. */
  readonly offsetSeconds: bigint;
}

/** The parts of a block the option walker reads. */
interface OptionBlock {
  readonly data: DataView;
  readonly le: boolean;
}

interface InterfaceOptions {
  decimal: boolean;
  exponent: number;
  offsetSeconds: bigint;
  corrupt: boolean;
}

export function readInterfaceOptions(
  block: OptionBlock,
  start: number,
  end: number,
): InterfaceOptions {
  const result: InterfaceOptions = {
    decimal: true,
    exponent: 6,
    offsetSeconds: 0n,
    corrupt: false,
  };
  let at = start;
  while (at + 4 <= end) {
    const code = block.data.getUint16(at, block.le);
    const length = block.data.getUint16(at + 2, block.le);
    if (code === 0) break;
    if (at + 4 + length > end) {
      result.corrupt = true;
      break;
    }
    applyInterfaceOption(result, block, code, at + 4, length);
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return result;
}

function applyInterfaceOption(
  result: InterfaceOptions,
  block: OptionBlock,
  code: number,
  at: number,
  length: number,
): void {
  if (code === OPTION_TSRESOL && length >= 1) {
    const value = block.data.getUint8(at);
    result.decimal = (value & 0x80) === 0;
    result.exponent = value & 0x7f;
  } else if (code === OPTION_TSOFFSET && length >= 8) {
    result.offsetSeconds = block.data.getBigInt64(at, block.le);
  }
}

export function toMicros(units: bigint, iface: Interface): bigint {
  const offset = iface.offsetSeconds * 1_000_000n;
  if (!iface.decimal) return offset + ((units * 1_000_000n) >> BigInt(iface.exponent));
  const shift = iface.exponent - 6;
  if (shift === 0) return offset + units;
  if (shift < 0) return offset + units * 10n ** BigInt(-shift);
  return offset + units / 10n ** BigInt(shift);
}
