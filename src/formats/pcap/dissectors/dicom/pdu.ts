/**
 * DICOM Upper Layer PDUs (PS3.8 §9.3): the fixed fields and items of A-ASSOCIATE-RQ, -AC and -RJ
 * and A-ABORT, read from one complete PDU body. Every length is checked against its parent; a bad
 * item is reported and skipped when its length still allows it, never thrown.
 *
 * @example
 *   parseAssociate('rq', body, report);
 *   // { kind: 'associate-rq', calledAeTitle: 'PACS_MAIN', callingAeTitle: 'CT_LARKSPUR1',
 *   //   applicationContext: '1.2.840.10008.3.1.1.1',
 *   //   presentationContexts: [{ id: 1, abstractSyntax: '1.2.840.10008.5.1.4.1.1.2',
 *   //                            transferSyntaxes: ['1.2.840.10008.1.2.1'] }],
 *   //   userInformation: { maxLength: 16384, implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
 *   //                      implementationVersionName: 'OFFIS_DCMTK_367' } }
 */
import type { DicomDiagnosticCode } from './diagnostics.js';
import { DICOM_LIMITS } from './limits.js';

/** PDU types (PS3.8 Table 9-11 and §9.3.1). */
export const PDU_TYPE = {
  ASSOCIATE_RQ: 0x01,
  ASSOCIATE_AC: 0x02,
  ASSOCIATE_RJ: 0x03,
  P_DATA_TF: 0x04,
  RELEASE_RQ: 0x05,
  RELEASE_RP: 0x06,
  ABORT: 0x07,
} as const;

/** Item and sub-item types (PS3.8 §9.3.2, PS3.7 Annex D.3.3). */
const ITEM = {
  APPLICATION_CONTEXT: 0x10,
  PRESENTATION_CONTEXT_RQ: 0x20,
  PRESENTATION_CONTEXT_AC: 0x21,
  ABSTRACT_SYNTAX: 0x30,
  TRANSFER_SYNTAX: 0x40,
  USER_INFORMATION: 0x50,
  MAXIMUM_LENGTH: 0x51,
  IMPLEMENTATION_CLASS_UID: 0x52,
  IMPLEMENTATION_VERSION_NAME: 0x55,
} as const;

/** Bytes of an A-ASSOCIATE-RQ/AC after the PDU header and before its items. */
export const ASSOCIATE_FIXED_LENGTH = 68;
/** Type, reserved byte and 32-bit length. */
export const PDU_HEADER_LENGTH = 6;

/** The user information item (0x50) sub-items Wardline reads. */
export interface DicomUserInformation {
  /** Maximum length of P-DATA-TF PDUs the sender receives; 0 means unlimited. */
  readonly maxLength: number | null;
  readonly implementationClassUid: string | null;
  readonly implementationVersionName: string | null;
}

/** A presentation context item of an A-ASSOCIATE-RQ (0x20). */
export interface DicomProposedContext {
  readonly id: number;
  readonly abstractSyntax: string | null;
  readonly transferSyntaxes: readonly string[];
}

/** A presentation context item of an A-ASSOCIATE-AC (0x21). */
export interface DicomContextResult {
  readonly id: number;
  /** 0 acceptance, 1 user rejection, 2 no reason, 3 abstract syntax or 4 transfer syntaxes not supported. */
  readonly result: number;
  readonly transferSyntax: string | null;
}

interface AssociateFields {
  /** AE titles as sent, spaces trimmed; null when empty or not valid AE text. */
  readonly calledAeTitle: string | null;
  readonly callingAeTitle: string | null;
  readonly applicationContext: string | null;
  readonly userInformation: DicomUserInformation;
}

/** An A-ASSOCIATE-RQ as read. */
export interface DicomAssociateRequest extends AssociateFields {
  readonly kind: 'associate-rq';
  readonly presentationContexts: readonly DicomProposedContext[];
}

/** An A-ASSOCIATE-AC as read. */
export interface DicomAssociateAccept extends AssociateFields {
  readonly kind: 'associate-ac';
  readonly presentationContexts: readonly DicomContextResult[];
}

/** Reports a problem `at` bytes from the start of the PDU (its header included). */
export type PduReport = (code: DicomDiagnosticCode, message: string, at: number) => void;

/** Reads the body (the bytes after the 6-byte header) of an A-ASSOCIATE-RQ or -AC. */
export function parseAssociate(
  kind: 'rq',
  body: Uint8Array,
  report: PduReport,
): DicomAssociateRequest;
export function parseAssociate(
  kind: 'ac',
  body: Uint8Array,
  report: PduReport,
): DicomAssociateAccept;
export function parseAssociate(
  kind: 'rq' | 'ac',
  body: Uint8Array,
  report: PduReport,
): DicomAssociateRequest | DicomAssociateAccept {
  const reader = new ItemReader(body, report);
  if ((u16(body, 0) & 1) === 0) {
    report(
      'WL_DICOM_PDU_MALFORMED',
      `protocol version 0x${u16(body, 0).toString(16)} lacks bit 0 (version 1).`,
      6,
    );
  }
  const calledAeTitle = reader.aeTitle(4, 'called AE title');
  const callingAeTitle = reader.aeTitle(20, 'calling AE title');
  let applicationContext: string | null = null;
  let userInformation: DicomUserInformation = {
    maxLength: null,
    implementationClassUid: null,
    implementationVersionName: null,
  };
  const proposed: DicomProposedContext[] = [];
  const results: DicomContextResult[] = [];
  const contextItem = kind === 'rq' ? ITEM.PRESENTATION_CONTEXT_RQ : ITEM.PRESENTATION_CONTEXT_AC;
  reader.items(ASSOCIATE_FIXED_LENGTH, body.length, 'A-ASSOCIATE', (type, start, end) => {
    if (type === ITEM.APPLICATION_CONTEXT) {
      applicationContext = reader.uid(start, end, 'application context name');
    } else if (type === contextItem) {
      const room = proposed.length + results.length < DICOM_LIMITS.maxPresentationContexts;
      if (room && kind === 'rq') reader.proposedContext(start, end, proposed);
      else if (room) reader.contextResult(start, end, results);
    } else if (type === ITEM.USER_INFORMATION) {
      userInformation = reader.userInformation(start, end);
    }
    // Other item types are ignored, as PS3.8 §9.3.2 asks of unrecognized items.
  });
  const fields = { calledAeTitle, callingAeTitle, applicationContext, userInformation };
  return kind === 'rq'
    ? { kind: 'associate-rq', ...fields, presentationContexts: proposed }
    : { kind: 'associate-ac', ...fields, presentationContexts: results };
}

/** Walks items and reads their values, reporting offsets from the start of the PDU. */
class ItemReader {
  constructor(
    private readonly body: Uint8Array,
    private readonly report: PduReport,
  ) {}

  /** Calls `visit` for each item in [from, to); stops at one that overruns its parent. */
  items(
    from: number,
    to: number,
    parent: string,
    visit: (type: number, start: number, end: number) => void,
  ): void {
    let at = from;
    while (at < to) {
      if (to - at < 4) {
        this.#malformed(`${to - at} stray bytes after the last item of ${parent}.`, at);
        return;
      }
      const type = this.body[at] ?? 0;
      const end = at + 4 + u16(this.body, at + 2);
      if (end > to) {
        this.#malformed(
          `item 0x${hex(type)} of ${parent} is ${end - at - 4} bytes long; only ${to - at - 4} remain.`,
          at,
        );
        return;
      }
      visit(type, at + 4, end);
      at = end;
    }
  }

  proposedContext(start: number, end: number, out: DicomProposedContext[]): void {
    if (end - start < 4) {
      this.#malformed('a presentation context item shorter than 4 bytes.', start - 4);
      return;
    }
    const id = this.body[start] ?? 0;
    // Assigned in the callback below; the cast keeps the compiler from narrowing it to null.
    let abstractSyntax = null as string | null;
    const transferSyntaxes: string[] = [];
    this.items(start + 4, end, `presentation context ${id}`, (type, from, to) => {
      if (type === ITEM.ABSTRACT_SYNTAX) abstractSyntax = this.uid(from, to, 'abstract syntax');
      if (type !== ITEM.TRANSFER_SYNTAX) return;
      const uid = this.uid(from, to, 'transfer syntax');
      if (uid !== null && transferSyntaxes.length < DICOM_LIMITS.maxTransferSyntaxes) {
        transferSyntaxes.push(uid);
      }
    });
    if (abstractSyntax === null) {
      this.#malformed(`presentation context ${id} proposes no valid abstract syntax.`, start - 4);
    }
    out.push({ id, abstractSyntax, transferSyntaxes });
  }

  contextResult(start: number, end: number, out: DicomContextResult[]): void {
    if (end - start < 4) {
      this.#malformed('a presentation context item shorter than 4 bytes.', start - 4);
      return;
    }
    const id = this.body[start] ?? 0;
    const result = this.body[start + 2] ?? 0;
    let transferSyntax: string | null = null;
    this.items(start + 4, end, `presentation context ${id}`, (type, from, to) => {
      if (type === ITEM.TRANSFER_SYNTAX) transferSyntax = this.uid(from, to, 'transfer syntax');
    });
    out.push({ id, result, transferSyntax });
  }

  userInformation(start: number, end: number): DicomUserInformation {
    let maxLength: number | null = null;
    let implementationClassUid: string | null = null;
    let implementationVersionName: string | null = null;
    this.items(start, end, 'user information', (type, from, to) => {
      if (type === ITEM.MAXIMUM_LENGTH) {
        if (to - from === 4) maxLength = u32(this.body, from);
        else this.#malformed(`maximum length sub-item of ${to - from} bytes, not 4.`, from - 4);
      } else if (type === ITEM.IMPLEMENTATION_CLASS_UID) {
        implementationClassUid = this.uid(from, to, 'implementation class UID');
      } else if (type === ITEM.IMPLEMENTATION_VERSION_NAME) {
        implementationVersionName = this.versionName(from, to);
      }
    });
    return { maxLength, implementationClassUid, implementationVersionName };
  }

  /** A UID (PS3.5 §9.1): digits and dots, at most 64 characters; a trailing NUL pad is allowed. */
  uid(start: number, end: number, what: string): string | null {
    const text = ascii(this.body, start, end).replace(/[\0 ]+$/, '');
    if (text.length > 0 && text.length <= 64 && /^[0-9]+(\.[0-9]+)*$/.test(text)) return text;
    this.report(
      'WL_DICOM_UID_INVALID',
      `${what} ${JSON.stringify(text.slice(0, 80))} is not a UID (digits and dots, at most 64).`,
      start - 4 + 6,
    );
    return null;
  }

  /** An AE title (PS3.5 AE VR): 16 bytes of printable ASCII but `\`, padded with spaces. */
  aeTitle(start: number, what: string): string | null {
    if (start + 16 > this.body.length) return null;
    const text = ascii(this.body, start, start + 16)
      .replace(/\0+$/, '')
      .trim();
    if (text.length > 0 && /^[\x20-\x5b\x5d-\x7e]+$/.test(text)) return text;
    this.report(
      'WL_DICOM_AE_TITLE_INVALID',
      `${what} ${JSON.stringify(text)} is empty or not printable ASCII.`,
      start + 6,
    );
    return null;
  }

  /** Implementation version name (PS3.7 D.3.3.2.3): 1–16 printable characters. */
  versionName(start: number, end: number): string | null {
    const text = ascii(this.body, start, end).replace(/\0+$/, '').trim();
    if (text.length > 0 && end - start <= 16 && /^[\x20-\x7e]+$/.test(text)) return text;
    this.#malformed(
      `implementation version name ${JSON.stringify(text.slice(0, 80))} is not 1–16 printable characters.`,
      start - 4,
    );
    return null;
  }

  #malformed(message: string, bodyOffset: number): void {
    this.report('WL_DICOM_ITEM_MALFORMED', message, bodyOffset + PDU_HEADER_LENGTH);
  }
}

/** A-ASSOCIATE-RJ (PS3.8 §9.3.4): result, source and reason in words. */
export function describeReject(body: Uint8Array): string {
  const result = body[1] ?? 0;
  const source = body[2] ?? 0;
  const reason = body[3] ?? 0;
  const results: Record<number, string> = { 1: 'rejected-permanent', 2: 'rejected-transient' };
  const reasons: Record<number, Record<number, string>> = {
    1: {
      1: 'no-reason-given',
      2: 'application-context-name-not-supported',
      3: 'calling-AE-title-not-recognized',
      7: 'called-AE-title-not-recognized',
    },
    2: { 1: 'no-reason-given', 2: 'protocol-version-not-supported' },
    3: { 1: 'temporary-congestion', 2: 'local-limit-exceeded' },
  };
  const sources: Record<number, string> = {
    1: 'service-user',
    2: 'service-provider (ACSE)',
    3: 'service-provider (presentation)',
  };
  return (
    `${results[result] ?? `result ${result}`}, source ${sources[source] ?? String(source)}, ` +
    `reason ${reasons[source]?.[reason] ?? String(reason)}`
  );
}

/** Big-endian unsigned 16-bit value; 0 for bytes past the end. */
export function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

/** Big-endian unsigned 32-bit value; 0 for bytes past the end. */
export function u32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at] ?? 0) * 0x1000000 +
    ((bytes[at + 1] ?? 0) << 16) +
    ((bytes[at + 2] ?? 0) << 8) +
    (bytes[at + 3] ?? 0)
  );
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Bytes as text, one character per byte (non-ASCII bytes fail the callers' checks). */
function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, start + 4096)));
}
