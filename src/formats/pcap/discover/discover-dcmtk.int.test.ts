/**
 * Discovery on real DICOM traffic: dcmtk's storescu (a CT image) and echoscu talking to storescp
 * on loopback, captured by tcpdump (test/support/dcmtk-capture.ts). On loopback both ends are
 * 127.0.0.1 and the frames carry zero MACs, so SCU and SCP are one device known by its address:
 * it holds both AE titles and both roles, and the SCP's port is its `dicom` service.
 */
import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  captureDcmtkTraffic,
  describeWithDcmtk,
  freePort,
  type DcmtkCapture,
} from '../../../../test/support/dcmtk-capture.js';
import { discoverCapture, type DiscoveryResult } from './index.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';
const VERIFICATION = '1.2.840.10008.1.1';
const DCMTK_CLASS_UID = /^1\.2\.276\.0\.7230010\.3\.0\.\d+\.\d+\.\d+$/;
const DCMTK_VERSION = /^OFFIS_DCMTK_\d+$/;

async function discover(capture: DcmtkCapture): Promise<DiscoveryResult> {
  return discoverCapture(createReadStream(capture.pcapPath), { source: 'dcmtk.pcap' });
}

describeWithDcmtk('discovery on dcmtk traffic: storescu and echoscu to storescp', () => {
  let capture: DcmtkCapture;
  let result: DiscoveryResult;

  beforeAll(async () => {
    capture = await captureDcmtkTraffic();
    result = await discover(capture);
  }, 60_000);
  afterAll(() => {
    capture.dispose();
  });

  it('the SCU: its AE title, the CT Image Storage SOP class and dcmtk implementation', () => {
    expect(result.observations).toHaveLength(1);
    const [device] = result.observations;
    expect(device?.identifiers).toMatchObject({ mac: null, ips: ['127.0.0.1'] });
    expect(device?.identifiers.aeTitles).toEqual(
      expect.arrayContaining([capture.scuAeTitle, capture.scpAeTitle]),
    );
    const dicom = device?.protocols.dicom;
    expect(dicom?.sopClasses).toEqual(expect.arrayContaining([CT_IMAGE_STORAGE, VERIFICATION]));
    expect(dicom?.roles).toEqual(expect.arrayContaining(['scu', 'scp']));
    expect(dicom?.implementationClassUid).toMatch(DCMTK_CLASS_UID);
    expect(dicom?.implementationVersionName).toMatch(DCMTK_VERSION);
  });

  it('the SCP: a dicom service on the port storescp listened on', () => {
    expect(result.observations[0]?.services).toEqual([
      {
        transport: 'tcp',
        port: capture.port,
        name: 'dicom',
        product: null,
        version: null,
        cpes: [],
        tls: false,
      },
    ]);
  });

  it('both associations in one conversation carrying ePHI', () => {
    expect(result.flows).toHaveLength(1);
    expect(result.flows[0]).toMatchObject({
      client: { ip: '127.0.0.1', mac: null },
      server: { ip: '127.0.0.1', mac: null, port: capture.port },
      transport: 'tcp',
      protocol: 'dicom',
      encrypted: false,
      carriesEphi: true,
    });
    expect(result.stats.counters).toMatchObject({
      'dicom.associate-rq': 2,
      'dicom.associate-ac': 2,
      'dicom.release': 2,
    });
    expect(result.stats.reassembly).toMatchObject({ connections: 2, gaps: 0 });
    expect(result.diagnostics).toEqual([]);
  });
});

describeWithDcmtk('discovery on dcmtk traffic: MR on a port that is neither 104 nor 11112', () => {
  let capture: DcmtkCapture;
  let result: DiscoveryResult;

  beforeAll(async () => {
    capture = await captureDcmtkTraffic({
      port: await freePort(4242),
      scpAeTitle: 'ARCHIVE_B',
      scuAeTitle: 'MR_WEST_2',
      sopClassUid: MR_IMAGE_STORAGE,
      echo: false,
    });
    result = await discover(capture);
  }, 60_000);
  afterAll(() => {
    capture.dispose();
  });

  it('recognizes DICOM by content and names the service by it', () => {
    expect([104, 11112]).not.toContain(capture.port);
    const [device] = result.observations;
    expect(device?.identifiers.aeTitles).toEqual(
      expect.arrayContaining(['MR_WEST_2', 'ARCHIVE_B']),
    );
    expect(device?.protocols.dicom?.sopClasses).toContain(MR_IMAGE_STORAGE);
    expect(device?.services).toMatchObject([{ port: capture.port, name: 'dicom' }]);
    expect(result.flows).toMatchObject([{ protocol: 'dicom', server: { port: capture.port } }]);
  });
});
