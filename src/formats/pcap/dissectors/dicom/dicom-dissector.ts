/**
 * The DICOM stream dissector: reads the Upper Layer PDUs (PS3.8 §9.3) of one TCP conversation and
 * reports who each side is. The requestor (A-ASSOCIATE-RQ sender) is an SCU with its calling AE
 * title, implementation class UID and version name and the SOP classes it proposes; the acceptor
 * (A-ASSOCIATE-AC sender) is an SCP with the called AE title, its implementation and the SOP
 * classes it accepted. P-DATA-TF, release, abort and reject PDUs are counted.
 *
 * @example
 *   const dissector = dicomDissectorFactory.create(sink);
 *   dissector.data('client-to-server', associateRq, at);
 *   // sink.identify('dicom');
 *   // sink.fact('client', { dicom: { aeTitles: ['CT_LARKSPUR1'], roles: ['scu'],
 *   //   implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
 *   //   implementationVersionName: 'OFFIS_DCMTK_367', sopClasses: ['1.2.840.10008.5.1.4.1.1.2'] } });
 *   // sink.count('dicom.associate-rq');
 */
import type { DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type { ProtocolFacts } from '../../../../domain/observation.js';
import type {
  BytePosition,
  DissectorSink,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';
import type { DicomDiagnosticCode } from './diagnostics.js';
import { DICOM_LIMITS } from './limits.js';
import { probeDicom } from './plausible.js';
import {
  describeReject,
  parseAssociate,
  PDU_TYPE,
  type DicomAssociateAccept,
  type DicomAssociateRequest,
} from './pdu.js';
import { pduName, PduStream, type PduPosition } from './pdu-stream.js';

type DicomFacts = NonNullable<ProtocolFacts['dicom']>;

/** Counters reported through `sink.count`, one per PDU of that kind. */
const COUNTERS: Readonly<Record<number, string>> = {
  [PDU_TYPE.ASSOCIATE_RQ]: 'dicom.associate-rq',
  [PDU_TYPE.ASSOCIATE_AC]: 'dicom.associate-ac',
  [PDU_TYPE.ASSOCIATE_RJ]: 'dicom.associate-rj',
  [PDU_TYPE.P_DATA_TF]: 'dicom.p-data',
  [PDU_TYPE.RELEASE_RQ]: 'dicom.release',
  [PDU_TYPE.RELEASE_RP]: 'dicom.release-rp',
  [PDU_TYPE.ABORT]: 'dicom.abort',
};

/** Dissects one DICOM conversation; made by `dicomDissectorFactory.create`. */
export class DicomStreamDissector implements StreamDissector {
  readonly protocol = 'dicom' as const;
  readonly #sink: DissectorSink;
  readonly #streams: Readonly<Record<StreamDirection, PduStream>>;
  #source = 'capture';
  #identified = false;
  #request: DicomAssociateRequest | null = null;
  #diagnostics = 0;
  #suppressed = 0;
  #lastOffset = 0;

  constructor(sink: DissectorSink) {
    this.#sink = sink;
    this.#streams = {
      'client-to-server': new PduStream(this.#events('client-to-server'), 'client-to-server'),
      'server-to-client': new PduStream(this.#events('server-to-client'), 'server-to-client'),
    };
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    this.#source = at.source;
    this.#lastOffset = at.offset;
    this.#streams[direction].data(bytes, at.offset);
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    this.#source = at.source;
    this.#lastOffset = at.offset;
    this.#streams[direction].gap(length, at.offset);
  }

  end(): void {
    this.#streams['client-to-server'].end();
    this.#streams['server-to-client'].end();
    if (this.#suppressed > 0) {
      this.#sink.diagnostic({
        source: this.#source,
        offset: this.#lastOffset,
        code: 'WL_DICOM_DIAGNOSTICS_SUPPRESSED',
        severity: 'info',
        message: `${this.#suppressed} more DICOM diagnostics in this conversation were not reported.`,
      });
    }
  }

  #events(direction: StreamDirection) {
    return {
      pdu: (type: number, body: Uint8Array, at: PduPosition) => {
        this.#pdu(direction, type, body, at);
      },
      pdata: () => {
        this.#identify();
        this.#sink.count('dicom.p-data');
      },
      problem: (
        code: DicomDiagnosticCode,
        severity: DiagnosticSeverity,
        message: string,
        at: PduPosition,
      ) => {
        this.#report(code, severity, message, at.captureOffset);
      },
    };
  }

  #pdu(direction: StreamDirection, type: number, body: Uint8Array, at: PduPosition): void {
    this.#identify();
    const counter = COUNTERS[type];
    if (counter !== undefined) this.#sink.count(counter);
    const subject = direction === 'client-to-server' ? 'client' : 'server';
    const report = (code: DicomDiagnosticCode, message: string, offset: number) => {
      this.#report(
        code,
        'warning',
        `${direction}: ${pduName(type)} at stream byte ${at.streamOffset + offset}: ${message}`,
        at.captureOffset,
      );
    };
    if (type === PDU_TYPE.ASSOCIATE_RQ) {
      this.#requested(subject, parseAssociate('rq', body, report), at, direction);
    } else if (type === PDU_TYPE.ASSOCIATE_AC) {
      this.#accepted(subject, parseAssociate('ac', body, report));
    } else if (type === PDU_TYPE.ASSOCIATE_RJ) {
      this.#report(
        'WL_DICOM_ASSOCIATION_REJECTED',
        'info',
        `${direction}: A-ASSOCIATE-RJ at stream byte ${at.streamOffset}: ${describeReject(body)}.`,
        at.captureOffset,
      );
    }
  }

  #requested(
    subject: 'client' | 'server',
    request: DicomAssociateRequest,
    at: PduPosition,
    direction: StreamDirection,
  ): void {
    this.#request = request;
    if (request.userInformation.implementationClassUid === null) {
      this.#report(
        'WL_DICOM_PDU_MALFORMED',
        'warning',
        `${direction}: A-ASSOCIATE-RQ at stream byte ${at.streamOffset} has no implementation class UID, which PS3.7 D.3.3.2 requires.`,
        at.captureOffset,
      );
    }
    const sopClasses = request.presentationContexts.flatMap((c) =>
      c.abstractSyntax === null ? [] : [c.abstractSyntax],
    );
    this.#sink.fact(subject, {
      dicom: facts(request.callingAeTitle, request, 'scu', sopClasses),
    });
  }

  #accepted(subject: 'client' | 'server', accept: DicomAssociateAccept): void {
    const proposed = new Map<number, string>();
    for (const context of this.#request?.presentationContexts ?? []) {
      if (context.abstractSyntax !== null) proposed.set(context.id, context.abstractSyntax);
    }
    const sopClasses = accept.presentationContexts.flatMap((c) => {
      const abstractSyntax = c.result === 0 ? proposed.get(c.id) : undefined;
      return abstractSyntax === undefined ? [] : [abstractSyntax];
    });
    // The AC's AE title fields only echo the request and are not to be tested (PS3.8 §9.3.3):
    // the acceptor answers to the called AE title the requestor used.
    const aeTitle = this.#request?.calledAeTitle ?? accept.calledAeTitle;
    this.#sink.fact(subject, { dicom: facts(aeTitle, accept, 'scp', sopClasses) });
  }

  #identify(): void {
    if (this.#identified) return;
    this.#identified = true;
    this.#sink.identify('dicom');
  }

  #report(
    code: DicomDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    offset: number,
  ): void {
    if (this.#diagnostics >= DICOM_LIMITS.maxDiagnostics) {
      this.#suppressed++;
      return;
    }
    this.#diagnostics++;
    this.#sink.diagnostic({ source: this.#source, offset, code, severity, message });
  }
}

function facts(
  aeTitle: string | null,
  pdu: DicomAssociateRequest | DicomAssociateAccept,
  role: 'scu' | 'scp',
  sopClasses: readonly string[],
): DicomFacts {
  return {
    aeTitles: aeTitle === null ? [] : [aeTitle],
    implementationClassUid: pdu.userInformation.implementationClassUid,
    implementationVersionName: pdu.userInformation.implementationVersionName,
    sopClasses: [...new Set(sopClasses)],
    roles: [role],
  };
}

/**
 * Recognizes DICOM by content on any port (an A-ASSOCIATE-RQ or -AC with protocol version 1 and
 * printable AE titles, or a P-DATA-TF when the capture starts mid-association) and creates a
 * `DicomStreamDissector` per conversation.
 */
export const dicomDissectorFactory: StreamDissectorFactory = {
  protocol: 'dicom',
  probe: (first) => probeDicom(first),
  create: (sink) => new DicomStreamDissector(sink),
};
