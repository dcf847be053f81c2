/** Builds DICOM Upper Layer PDUs (PS3.8 §9.3) for the tests. */
import { concatBytes } from '../../tcp-reassembly-harness.js';

/** SOP class and transfer syntax UIDs the tests use. */
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
export const VERIFICATION = '1.2.840.10008.1.1';
export const EXPLICIT_LE = '1.2.840.10008.1.2.1';
export const IMPLICIT_LE = '1.2.840.10008.1.2';
export const APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';

const encoder = new TextEncoder();

function u16(n: number): number[] {
  return [(n >>> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}

/** A PDU: type, reserved, 32-bit length, body. */
export function pdu(type: number, body: Uint8Array | readonly number[]): Uint8Array {
  const bytes = body instanceof Uint8Array ? body : Uint8Array.from(body);
  return concatBytes([Uint8Array.from([type, 0, ...u32(bytes.length)]), bytes]);
}

/** An item or sub-item: type, reserved, 16-bit length, value. */
export function item(type: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? encoder.encode(value) : value;
  return concatBytes([Uint8Array.from([type, 0, ...u16(bytes.length)]), bytes]);
}

function aeField(title: string): Uint8Array {
  return encoder.encode(title.padEnd(16, ' ').slice(0, 16));
}

/** The fields of a test A-ASSOCIATE-RQ or -AC; all have defaults. */
export interface AssociateSpec {
  readonly called?: string;
  readonly calling?: string;
  readonly contexts?: readonly {
    readonly id: number;
    readonly abstractSyntax: string;
    readonly transferSyntaxes?: readonly string[];
  }[];
  readonly results?: readonly {
    readonly id: number;
    readonly result: number;
    readonly transferSyntax?: string;
  }[];
  readonly implementationClassUid?: string;
  readonly implementationVersionName?: string;
  readonly maxLength?: number;
  /** Extra items appended after the user information item. */
  readonly extra?: readonly Uint8Array[];
}

function fixedPart(spec: AssociateSpec): Uint8Array {
  return concatBytes([
    Uint8Array.from([0, 1, 0, 0]),
    aeField(spec.called ?? 'PACS_MAIN'),
    aeField(spec.calling ?? 'CT_LARKSPUR1'),
    new Uint8Array(32),
  ]);
}

function userInformation(spec: AssociateSpec): Uint8Array {
  return item(
    0x50,
    concatBytes([
      item(0x51, Uint8Array.from(u32(spec.maxLength ?? 16_384))),
      item(0x52, spec.implementationClassUid ?? '1.2.276.0.7230010.3.0.3.6.7'),
      item(0x55, spec.implementationVersionName ?? 'OFFIS_DCMTK_367'),
    ]),
  );
}

/** An A-ASSOCIATE-RQ from CT_LARKSPUR1 to PACS_MAIN proposing CT Image Storage by default. */
export function associateRq(spec: AssociateSpec = {}): Uint8Array {
  const contexts = (
    spec.contexts ?? [{ id: 1, abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_LE] }]
  ).map((c) =>
    item(
      0x20,
      concatBytes([
        Uint8Array.from([c.id, 0, 0, 0]),
        item(0x30, c.abstractSyntax),
        ...(c.transferSyntaxes ?? [IMPLICIT_LE]).map((t) => item(0x40, t)),
      ]),
    ),
  );
  return pdu(
    1,
    concatBytes([
      fixedPart(spec),
      item(0x10, APPLICATION_CONTEXT),
      ...contexts,
      userInformation(spec),
      ...(spec.extra ?? []),
    ]),
  );
}

/** An A-ASSOCIATE-AC accepting presentation context 1 by default. */
export function associateAc(spec: AssociateSpec = {}): Uint8Array {
  const results = (spec.results ?? [{ id: 1, result: 0, transferSyntax: EXPLICIT_LE }]).map((r) =>
    item(
      0x21,
      concatBytes([
        Uint8Array.from([r.id, 0, r.result, 0]),
        item(0x40, r.transferSyntax ?? EXPLICIT_LE),
      ]),
    ),
  );
  return pdu(
    2,
    concatBytes([
      fixedPart(spec),
      item(0x10, APPLICATION_CONTEXT),
      ...results,
      userInformation({
        implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
        implementationVersionName: 'OFFIS_DCMTK_367',
        ...spec,
      }),
    ]),
  );
}

/** An A-ASSOCIATE-RJ: by default rejected-permanent, called AE title not recognized. */
export function associateRj(result = 1, source = 1, reason = 7): Uint8Array {
  return pdu(3, [0, result, source, reason]);
}

/** A P-DATA-TF PDU with one PDV of `length` data bytes (context id 1, last command fragment). */
export function pdata(length: number, fill = 0xaa): Uint8Array {
  const data = new Uint8Array(length).fill(fill);
  return pdu(4, concatBytes([Uint8Array.from([...u32(length + 2), 1, 0x03]), data]));
}

/** A-RELEASE-RQ, A-RELEASE-RP and A-ABORT PDUs. */
export const releaseRq = (): Uint8Array => pdu(5, [0, 0, 0, 0]);
export const releaseRp = (): Uint8Array => pdu(6, [0, 0, 0, 0]);
export const abort = (source = 0, reason = 0): Uint8Array => pdu(7, [0, 0, source, reason]);
