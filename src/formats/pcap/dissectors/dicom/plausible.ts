/**
 * Whether bytes look like the start of a DICOM Upper Layer PDU (PS3.8 §9.3), from the fixed fields
 * every PDU type has. Used to recognize DICOM on any port and to find the next PDU after bytes
 * were lost. The checks go beyond what a receiver must test, to keep false matches rare in pixel
 * data: reserved bytes zero, lengths the type allows, known enumerated values.
 */
import { DICOM_LIMITS } from './limits.js';
import { ASSOCIATE_FIXED_LENGTH, PDU_TYPE, u16, u32 } from './pdu.js';

type Check = (bytes: Uint8Array, at: number, length: number) => boolean;

const associate: Check = (bytes, at, length) =>
  length >= ASSOCIATE_FIXED_LENGTH &&
  length <= DICOM_LIMITS.maxAssociatePduLength &&
  u16(bytes, at + 6) === 1;
const release: Check = (bytes, at, length) => length === 4 && u32(bytes, at + 6) === 0;

/** Per PDU type: the bytes needed after its start, and the check. */
const CHECKS: Readonly<Record<number, readonly [number, Check]>> = {
  [PDU_TYPE.ASSOCIATE_RQ]: [8, associate],
  [PDU_TYPE.ASSOCIATE_AC]: [8, associate],
  // A-ASSOCIATE-RJ: result 1–2, source 1–3 (PS3.8 §9.3.4).
  [PDU_TYPE.ASSOCIATE_RJ]: [
    10,
    (bytes, at, length) => length === 4 && oneOf(bytes[at + 7], 1, 2) && oneOf(bytes[at + 8], 1, 3),
  ],
  [PDU_TYPE.P_DATA_TF]: [12, (bytes, at, length) => plausiblePdata(bytes, at, length)],
  [PDU_TYPE.RELEASE_RQ]: [10, release],
  [PDU_TYPE.RELEASE_RP]: [10, release],
  // A-ABORT: source 0, 1 or 2; reason 0–6 (PS3.8 §9.3.8).
  [PDU_TYPE.ABORT]: [
    10,
    (bytes, at, length) => length === 4 && oneOf(bytes[at + 8], 0, 2) && (bytes[at + 9] ?? 0) <= 6,
  ],
};

/** The largest number of bytes `plausiblePduAt` may need. */
export const PLAUSIBLE_LOOKAHEAD = 12;

/**
 * `true` when a PDU plausibly starts at `at`, `false` when not, `more` when the bytes end before
 * that can be told.
 */
export function plausiblePduAt(bytes: Uint8Array, at: number): boolean | 'more' {
  const check = CHECKS[bytes[at] ?? 0];
  if (check === undefined) return false;
  if (bytes.length - at < 2) return 'more';
  if (bytes[at + 1] !== 0) return false;
  if (bytes.length - at < check[0]) return 'more';
  return check[1](bytes, at, u32(bytes, at + 2));
}

/** P-DATA-TF: the first PDV item fits, its context id is odd, its control header uses 2 bits. */
function plausiblePdata(bytes: Uint8Array, at: number, length: number): boolean {
  if (length < 6 || length > DICOM_LIMITS.maxPlausiblePdataLength) return false;
  const pdvLength = u32(bytes, at + 6);
  const contextId = bytes[at + 10] ?? 0;
  const control = bytes[at + 11] ?? 0;
  return pdvLength >= 2 && pdvLength + 4 <= length && (contextId & 1) === 1 && control <= 3;
}

function oneOf(value: number | undefined, min: number, max: number): boolean {
  return value !== undefined && value >= min && value <= max;
}

/**
 * Decides from a conversation's first bytes whether it speaks DICOM: an A-ASSOCIATE-RQ (or -AC
 * when the request was not captured) with protocol version 1 and printable AE titles, or a
 * P-DATA-TF when the capture starts inside an association.
 */
export function probeDicom(first: Uint8Array): 'yes' | 'no' | 'more' {
  if (first.length === 0) return 'more';
  const type = first[0];
  if (type !== PDU_TYPE.ASSOCIATE_RQ && type !== PDU_TYPE.ASSOCIATE_AC) {
    return type === PDU_TYPE.P_DATA_TF ? answer(plausiblePduAt(first, 0)) : 'no';
  }
  const header = plausiblePduAt(first, 0);
  if (header !== true) return answer(header);
  // Called and calling AE titles: 32 bytes from offset 10.
  if (first.length < 42) return aeTitlesPrintable(first, first.length) ? 'more' : 'no';
  return aeTitlesPrintable(first, 42) && !blank(first, 10, 26) ? 'yes' : 'no';
}

function answer(plausible: boolean | 'more'): 'yes' | 'no' | 'more' {
  if (plausible === 'more') return 'more';
  return plausible ? 'yes' : 'no';
}

function aeTitlesPrintable(bytes: Uint8Array, end: number): boolean {
  for (let i = 10; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 || b > 0x7e || b === 0x5c) return false;
  }
  return true;
}

function blank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0x20) return false;
  return true;
}
