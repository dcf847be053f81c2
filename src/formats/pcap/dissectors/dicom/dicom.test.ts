import { describe, expect, it } from 'vitest';
import { concatBytes, feedInChunks, RecordingSink } from '../../tcp-reassembly-harness.js';
import {
  DICOM_DIAGNOSTIC_CODES,
  DICOM_LIMITS,
  DICOM_SOP_CLASSES,
  dicomDissectorFactory,
  dicomSopClass,
  parseAssociate,
  probeDicom,
} from './index.js';
import {
  abort,
  associateAc,
  associateRj,
  associateRq,
  CT_IMAGE_STORAGE,
  item,
  MR_IMAGE_STORAGE,
  pdata,
  pdu,
  releaseRp,
  releaseRq,
  VERIFICATION,
} from './test-helpers.js';

const C2S = 'client-to-server';
const S2C = 'server-to-client';
const at = (offset = 0) => ({ source: 'ward.pcap', offset });

function run(
  client: readonly Uint8Array[],
  server: readonly Uint8Array[],
  chunk?: number,
): RecordingSink {
  const sink = new RecordingSink();
  const dissector = dicomDissectorFactory.create(sink);
  const send = (direction: typeof C2S | typeof S2C, bytes: Uint8Array) => {
    if (chunk === undefined) dissector.data(direction, bytes, at());
    else feedInChunks(dissector, direction, bytes, [chunk]);
  };
  for (let i = 0; i < Math.max(client.length, server.length); i++) {
    if (client[i] !== undefined) send(C2S, client[i]!);
    if (server[i] !== undefined) send(S2C, server[i]!);
  }
  dissector.end();
  return sink;
}

const STORE = {
  client: [associateRq(), concatBytes([pdata(200), pdata(5_000)]), releaseRq()],
  server: [associateAc({ calling: 'IGNORED', called: 'ECHOED' }), pdata(60), releaseRp()],
};

describe('DICOM dissector: an association', () => {
  it('reports the SCU and the SCP, and counts every PDU', () => {
    const sink = run(STORE.client, STORE.server);
    expect(sink.identified).toEqual([{ protocol: 'dicom', encrypted: false }]);
    expect(sink.merged('client', 'dicom')).toEqual({
      aeTitles: ['CT_LARKSPUR1'],
      roles: ['scu'],
      implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
      implementationVersionName: 'OFFIS_DCMTK_367',
      sopClasses: [CT_IMAGE_STORAGE],
    });
    expect(sink.merged('server', 'dicom')).toEqual({
      aeTitles: ['PACS_MAIN'],
      roles: ['scp'],
      implementationClassUid: '1.2.276.0.7230010.3.0.3.6.7',
      implementationVersionName: 'OFFIS_DCMTK_367',
      sopClasses: [CT_IMAGE_STORAGE],
    });
    expect(Object.fromEntries(sink.counters)).toEqual({
      'dicom.associate-rq': 1,
      'dicom.associate-ac': 1,
      'dicom.p-data': 3,
      'dicom.release': 1,
      'dicom.release-rp': 1,
    });
    expect(sink.diagnostics).toEqual([]);
  });

  it('gives the same result fed one byte, or seven bytes, at a time', () => {
    const whole = run(STORE.client, STORE.server);
    for (const size of [1, 7]) {
      const chunked = run(STORE.client, STORE.server, size);
      expect(chunked.facts).toEqual(whole.facts);
      expect(chunked.counters).toEqual(whole.counters);
      expect(chunked.diagnostics).toEqual([]);
    }
  });

  it('maps accepted presentation context ids back to the proposed abstract syntaxes', () => {
    const rq = associateRq({
      contexts: [
        { id: 1, abstractSyntax: CT_IMAGE_STORAGE },
        { id: 3, abstractSyntax: MR_IMAGE_STORAGE },
        { id: 5, abstractSyntax: VERIFICATION },
      ],
    });
    const ac = associateAc({
      results: [
        { id: 1, result: 3 },
        { id: 3, result: 0 },
        { id: 5, result: 0 },
        { id: 7, result: 0 }, // never proposed
      ],
      implementationClassUid: '1.2.3.4',
      implementationVersionName: 'PACS_9',
    });
    const sink = run([rq], [ac]);
    expect(sink.merged('client', 'dicom')?.sopClasses).toEqual([
      CT_IMAGE_STORAGE,
      MR_IMAGE_STORAGE,
      VERIFICATION,
    ]);
    expect(sink.merged('server', 'dicom')).toMatchObject({
      sopClasses: [MR_IMAGE_STORAGE, VERIFICATION],
      implementationClassUid: '1.2.3.4',
      implementationVersionName: 'PACS_9',
    });
  });

  it('reports the requestor as the SCU even when it is the side taken as server', () => {
    const sink = run([], [associateRq()]);
    expect(sink.merged('server', 'dicom')?.roles).toEqual(['scu']);
    expect(sink.merged('client', 'dicom')).toBeUndefined();
  });

  it('counts a rejection and says why, and counts aborts', () => {
    const sink = run([associateRq(), abort(0, 0)], [associateRj(1, 1, 7)]);
    expect(sink.counters.get('dicom.associate-rj')).toBe(1);
    expect(sink.counters.get('dicom.abort')).toBe(1);
    expect(sink.diagnostics).toEqual([
      expect.objectContaining({
        code: 'WL_DICOM_ASSOCIATION_REJECTED',
        severity: 'info',
        message: expect.stringContaining('called-AE-title-not-recognized') as unknown,
      }),
    ]);
    expect(sink.merged('server', 'dicom')).toBeUndefined();
  });
});

describe('DICOM dissector: malformed PDUs', () => {
  it('reports a bad item with its source and offset, and keeps the items around it', () => {
    const badContext = item(
      0x20,
      concatBytes([Uint8Array.from([1, 0, 0, 0]), Uint8Array.from([0x30, 0, 0x7f, 0xff, 0x31])]),
    );
    const good = associateRq({ contexts: [{ id: 3, abstractSyntax: MR_IMAGE_STORAGE }] });
    // Splice the bad context in before the good one (after the application context item).
    const body = good.subarray(6);
    const spliced = pdu(1, concatBytes([body.subarray(0, 68 + 25), badContext, body.subarray(93)]));
    const sink = new RecordingSink();
    const dissector = dicomDissectorFactory.create(sink);
    dissector.data(C2S, spliced, at(4_096));
    dissector.data(C2S, releaseRq(), at(5_000));
    expect(sink.codes()).toEqual(['WL_DICOM_ITEM_MALFORMED', 'WL_DICOM_ITEM_MALFORMED']);
    expect(sink.diagnostics[0]).toMatchObject({ source: 'ward.pcap', offset: 4_096 });
    expect(sink.diagnostics[0]?.message).toContain('stream byte 107'); // the 0x30 sub-item
    expect(sink.merged('client', 'dicom')).toMatchObject({
      aeTitles: ['CT_LARKSPUR1'],
      sopClasses: [MR_IMAGE_STORAGE],
      implementationVersionName: 'OFFIS_DCMTK_367',
    });
    expect(sink.counters.get('dicom.release')).toBe(1);
  });

  it('rejects UIDs and AE titles that are not what PS3.5 allows, keeping the rest', () => {
    const rq = associateRq({
      calling: 'CT\x01BAD',
      contexts: [{ id: 1, abstractSyntax: '1.2.abc' }],
      implementationClassUid: '1.2.3',
    });
    const sink = run([rq], []);
    expect(sink.codes()).toEqual([
      'WL_DICOM_AE_TITLE_INVALID',
      'WL_DICOM_UID_INVALID',
      'WL_DICOM_ITEM_MALFORMED',
    ]);
    expect(sink.merged('client', 'dicom')).toMatchObject({
      aeTitles: [],
      sopClasses: [],
      implementationClassUid: '1.2.3',
    });
  });

  it('skips an A-ASSOCIATE PDU above the cap unread and reads the next one', () => {
    const huge = associateRq({ extra: [item(0x77, new Uint8Array(65_535)), item(0x77, 'x')] });
    const sink = run([huge, releaseRq()], []);
    expect(sink.codes()).toEqual(['WL_DICOM_PDU_TOO_LARGE']);
    expect(sink.counters.get('dicom.release')).toBe(1);
    expect(sink.merged('client', 'dicom')).toBeUndefined();
  });

  it('takes a fixed-size PDU with another length as lost framing, not as a length to skip', () => {
    const bad = pdu(5, new Uint8Array(4_000)); // an A-RELEASE-RQ is 4 bytes long
    const sink = run([associateRq(), bad, pdata(10), releaseRq()], []);
    expect(sink.codes()).toEqual(['WL_DICOM_RESYNCED']);
    expect(sink.counters.get('dicom.release')).toBe(1);
  });

  it('resynchronizes after garbage, in one diagnostic', () => {
    const garbage = new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const sink = run([associateRq(), garbage, pdata(10), releaseRq()], []);
    expect(sink.codes()).toEqual(['WL_DICOM_RESYNCED']);
    expect(sink.counters.get('dicom.p-data')).toBe(1);
    expect(sink.counters.get('dicom.release')).toBe(1);
  });

  it('abandons a stream with no plausible PDU in one diagnostic, and never throws', () => {
    const sink = new RecordingSink();
    const dissector = dicomDissectorFactory.create(sink);
    const noise = new Uint8Array(DICOM_LIMITS.maxResyncBytes + 100_000).fill(0x41);
    noise[0] = 0x09;
    feedInChunks(dissector, C2S, noise, [65_536]);
    dissector.data(C2S, releaseRq(), at());
    dissector.end();
    expect(sink.codes()).toEqual(['WL_DICOM_STREAM_ABANDONED']);
    expect(sink.diagnostics[0]?.severity).toBe('error');
    expect(sink.counters.size).toBe(0);
  });

  it('caps the diagnostics of one conversation and says how many were left out', () => {
    // Each request has two problems: a UID that is not one, so no implementation class UID.
    const bad = associateRq({ implementationClassUid: 'none' });
    const sink = run(
      Array.from({ length: 40 }, () => bad),
      [],
    );
    expect(sink.diagnostics).toHaveLength(DICOM_LIMITS.maxDiagnostics + 1);
    expect(sink.diagnostics.at(-1)).toMatchObject({
      code: 'WL_DICOM_DIAGNOSTICS_SUPPRESSED',
      message: expect.stringContaining('48 more') as unknown,
    });
    expect(sink.counters.get('dicom.associate-rq')).toBe(40);
  });
});

describe('DICOM dissector: lost bytes', () => {
  it('stays in step when bytes are lost inside a P-DATA-TF, which is never buffered', () => {
    const sink = new RecordingSink();
    const dissector = dicomDissectorFactory.create(sink);
    // A 50 MB P-DATA-TF: its header and PDV header arrive, the rest of its body is lost.
    const header = Uint8Array.of(4, 0, 0x02, 0xfa, 0xf0, 0x86, 0x02, 0xfa, 0xf0, 0x82, 1, 0);
    dissector.data(C2S, associateRq(), at());
    dissector.data(C2S, header, at());
    dissector.gap(C2S, 50_000_006 - 6, at());
    dissector.data(C2S, releaseRq(), at());
    dissector.end();
    expect(sink.diagnostics).toEqual([]);
    expect(sink.counters.get('dicom.release')).toBe(1);
  });

  it('loses only the PDU whose body a gap falls in', () => {
    const rq = associateRq();
    const sink = new RecordingSink();
    const dissector = dicomDissectorFactory.create(sink);
    dissector.data(C2S, rq.subarray(0, 40), at());
    dissector.gap(C2S, 20, at());
    dissector.data(C2S, rq.subarray(60), at());
    dissector.data(C2S, releaseRq(), at());
    dissector.end();
    expect(sink.codes()).toEqual(['WL_DICOM_PDU_LOST']);
    expect(sink.counters.get('dicom.associate-rq')).toBeUndefined();
    expect(sink.counters.get('dicom.release')).toBe(1);
  });

  it('finds the next PDU when a gap swallows a header', () => {
    const sink = new RecordingSink();
    const dissector = dicomDissectorFactory.create(sink);
    dissector.data(C2S, associateRq(), at());
    dissector.gap(C2S, 100, at());
    dissector.data(C2S, new Uint8Array(30).fill(0x55), at());
    dissector.data(C2S, concatBytes([pdata(100), releaseRq()]), at());
    dissector.end();
    expect(sink.codes()).toEqual(['WL_DICOM_RESYNCED']);
    expect(sink.counters.get('dicom.release')).toBe(1);
  });
});

describe('probeDicom', () => {
  const http = new TextEncoder().encode('GET / HTTP/1.1\r\n');
  it.each([
    ['an A-ASSOCIATE-RQ', associateRq(), 'yes'],
    ['an A-ASSOCIATE-AC', associateAc(), 'yes'],
    ['a P-DATA-TF', pdata(100), 'yes'],
    ['the first 41 bytes of an A-ASSOCIATE-RQ', associateRq().subarray(0, 41), 'more'],
    ['one byte 0x01', Uint8Array.of(1), 'more'],
    ['nothing', new Uint8Array(0), 'more'],
    ['HTTP', http, 'no'],
    ['a TLS ClientHello', Uint8Array.of(0x16, 3, 1, 0, 0x200, 1), 'no'],
    ['a reserved byte that is not 0', Uint8Array.of(1, 1, 0, 0, 0, 100, 0, 1), 'no'],
    ['protocol version 2', Uint8Array.of(1, 0, 0, 0, 0, 100, 0, 2), 'no'],
    ['a length below the fixed part', Uint8Array.of(1, 0, 0, 0, 0, 10, 0, 1), 'no'],
  ] as const)('%s', (_name, bytes, answer) => {
    expect(probeDicom(bytes)).toBe(answer);
    expect(dicomDissectorFactory.probe(bytes, C2S, { client: 1, server: 2 })).toBe(answer);
  });

  it('says no when an AE title has a control character or is blank', () => {
    const control = associateRq({ calling: 'CT\x07' });
    const blank = associateRq({ called: '' });
    expect(probeDicom(control)).toBe('no');
    expect(probeDicom(control.subarray(0, 35))).toBe('no');
    expect(probeDicom(blank)).toBe('no');
  });
});

describe('parseAssociate and the SOP class table', () => {
  it('reads transfer syntaxes and the maximum length', () => {
    const rq = associateRq({
      contexts: [{ id: 1, abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: ['1.2', '1.3'] }],
      maxLength: 0,
    });
    const parsed = parseAssociate('rq', rq.subarray(6), () => {});
    expect(parsed).toMatchObject({
      kind: 'associate-rq',
      applicationContext: '1.2.840.10008.3.1.1.1',
      presentationContexts: [
        { id: 1, abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: ['1.2', '1.3'] },
      ],
      userInformation: { maxLength: 0 },
    });
  });

  it('names well-known SOP classes with their modality', () => {
    expect(dicomSopClass(CT_IMAGE_STORAGE)).toEqual({
      name: 'CT Image Storage',
      modality: 'CT',
      service: 'storage',
    });
    expect(dicomSopClass('1.2.840.10008.5.1.4.1.1.1.1.1')?.modality).toBe('DX');
    expect(dicomSopClass('1.2.840.10008.5.1.4.31')?.service).toBe('worklist');
    expect(dicomSopClass('1.2.840.10008.3.1.2.3.3')?.service).toBe('mpps');
    expect(dicomSopClass('toString')).toBeNull();
    expect(Object.isFrozen(DICOM_SOP_CLASSES)).toBe(true);
    for (const uid of Object.keys(DICOM_SOP_CLASSES)) {
      expect(uid).toMatch(/^1\.2\.840\.10008(\.[0-9]+)+$/);
    }
  });

  it('lists every diagnostic code it can emit', () => {
    expect(new Set(DICOM_DIAGNOSTIC_CODES).size).toBe(DICOM_DIAGNOSTIC_CODES.length);
  });
});
