/**
 * The DICOM dissector on real traffic: dcmtk's storescu and echoscu talking to storescp on
 * loopback, captured by tcpdump (test/support/dcmtk-capture.ts), then read, decoded, reassembled
 * and dissected as discovery does.
 */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  captureDcmtkTraffic,
  describeWithDcmtk,
  freePort,
  type DcmtkCapture,
} from '../../../../../test/support/dcmtk-capture.js';
import { dissectCapture, type DissectedConnection } from '../../tcp-reassembly-harness.js';
import { dicomDissectorFactory } from './index.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
const VERIFICATION = '1.2.840.10008.1.1';
const DCMTK_CLASS_UID = /^1\.2\.276\.0\.7230010\.3\.0\.\d+\.\d+\.\d+$/;
const DCMTK_VERSION = /^OFFIS_DCMTK_\d+$/;

async function dissect(capture: DcmtkCapture): Promise<DissectedConnection[]> {
  const { connections } = await dissectCapture(
    createReadStream(capture.pcapPath),
    [dicomDissectorFactory],
    'dcmtk.pcap',
  );
  return connections;
}

function withSopClass(connections: DissectedConnection[], uid: string): DissectedConnection {
  const found = connections.find((c) => {
    const sopClasses = c.sink.merged('client', 'dicom')?.sopClasses as string[] | undefined;
    return sopClasses?.includes(uid) === true;
  });
  if (found === undefined) throw new Error(`no association proposing ${uid}`);
  return found;
}

describeWithDcmtk('DICOM dissector on dcmtk traffic: storescu and echoscu to storescp', () => {
  let capture: DcmtkCapture;
  let connections: DissectedConnection[];

  beforeAll(async () => {
    capture = await captureDcmtkTraffic();
    connections = await dissect(capture);
  }, 60_000);
  afterAll(() => {
    capture.dispose();
  });

  it('recognizes both associations by content, with the SYN sender as client', () => {
    expect(connections).toHaveLength(2);
    for (const { connection, sink } of connections) {
      expect(connection.clientBy).toBe('syn');
      expect(connection.server.port).toBe(capture.port);
      expect(sink.identified).toEqual([{ protocol: 'dicom', encrypted: false }]);
      expect(sink.diagnostics).toEqual([]);
    }
  });

  it('C-STORE: the SCU with its AE title, dcmtk implementation and the CT SOP class', () => {
    const { sink } = withSopClass(connections, CT_IMAGE_STORAGE);
    const client = sink.merged('client', 'dicom');
    expect(client).toMatchObject({ aeTitles: ['CT_LARKSPUR1'], roles: ['scu'] });
    expect(client?.implementationClassUid).toMatch(DCMTK_CLASS_UID);
    expect(client?.implementationVersionName).toMatch(DCMTK_VERSION);
  });

  it('C-STORE: the SCP with the called AE title and the CT SOP class it accepted', () => {
    const { sink } = withSopClass(connections, CT_IMAGE_STORAGE);
    const server = sink.merged('server', 'dicom');
    expect(server).toMatchObject({ aeTitles: ['PACS_MAIN'], roles: ['scp'] });
    expect(server?.sopClasses).toContain(CT_IMAGE_STORAGE);
    expect(server?.implementationClassUid).toMatch(DCMTK_CLASS_UID);
    expect(server?.implementationVersionName).toMatch(DCMTK_VERSION);
  });

  it('C-STORE: P-DATA-TF PDUs counted (a 128 KiB image in 16 KiB PDUs) and the release', () => {
    const { sink } = withSopClass(connections, CT_IMAGE_STORAGE);
    expect(sink.counters.get('dicom.p-data')).toBeGreaterThanOrEqual(9);
    expect(sink.counters.get('dicom.associate-rq')).toBe(1);
    expect(sink.counters.get('dicom.associate-ac')).toBe(1);
    expect(sink.counters.get('dicom.release')).toBe(1);
    expect(sink.counters.get('dicom.release-rp')).toBe(1);
  });

  it('C-ECHO: Verification proposed and accepted', () => {
    const { sink } = withSopClass(connections, VERIFICATION);
    expect(sink.merged('client', 'dicom')?.sopClasses).toEqual([VERIFICATION]);
    expect(sink.merged('server', 'dicom')).toMatchObject({
      aeTitles: ['PACS_MAIN'],
      sopClasses: [VERIFICATION],
    });
    expect(sink.counters.get('dicom.p-data')).toBe(2);
  });
});

describeWithDcmtk('DICOM dissector on dcmtk traffic: a port that is neither 104 nor 11112', () => {
  let capture: DcmtkCapture;
  let connections: DissectedConnection[];

  beforeAll(async () => {
    capture = await captureDcmtkTraffic({
      port: await freePort(4242),
      scpAeTitle: 'ARCHIVE_B',
      scuAeTitle: 'MR_WEST_2',
      sopClassUid: MR_IMAGE_STORAGE,
      echo: false,
    });
    connections = await dissect(capture);
  }, 60_000);
  afterAll(() => {
    capture.dispose();
  });

  it('is recognized by its A-ASSOCIATE-RQ alone', () => {
    expect([104, 11112]).not.toContain(capture.port);
    expect(connections).toHaveLength(1);
    const { sink } = withSopClass(connections, MR_IMAGE_STORAGE);
    expect(sink.merged('client', 'dicom')?.aeTitles).toEqual(['MR_WEST_2']);
    const server = sink.merged('server', 'dicom');
    expect(server?.aeTitles).toEqual(['ARCHIVE_B']);
    // storescu proposes every storage SOP class it knows; storescp accepts them all.
    expect(server?.sopClasses).toContain(MR_IMAGE_STORAGE);
    expect(sink.counters.get('dicom.release')).toBe(1);
  });
});
