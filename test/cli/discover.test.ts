/**
 * `wardline discover` and `wardline ingest capture` over real DICOM traffic: dcmtk's storescu
 * sending a CT image to storescp on loopback, captured by tcpdump.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Discovery } from '../../src/services/discovery.js';
import { run } from '../support/cli-run.js';
import {
  captureDcmtkTraffic,
  describeWithDcmtk,
  type DcmtkCapture,
} from '../support/dcmtk-capture.js';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

describeWithDcmtk('wardline discover and ingest capture over real DICOM traffic', () => {
  let capture: DcmtkCapture;
  let dataDir: string;
  beforeAll(async () => {
    capture = await captureDcmtkTraffic({
      port: 11112,
      scuAeTitle: 'CT_LARKSPUR1',
      scpAeTitle: 'PACS_MAIN',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'wardline-discover-'));
    process.env['WARDLINE_MASTER_KEY'] ??= Buffer.alloc(32, 3).toString('base64');
  }, 120_000);
  afterAll(() => {
    capture.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the DICOM facts and a plaintext ePHI conversation as JSON', async () => {
    const result = await run('discover', capture.pcapPath, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const discovery = JSON.parse(result.stdout) as Discovery;
    const dicom = discovery.assets.flatMap((a) => (a.dicom === undefined ? [] : [a.dicom]));
    expect(dicom.flatMap((d) => d.aeTitles)).toEqual(
      expect.arrayContaining(['CT_LARKSPUR1', 'PACS_MAIN']),
    );
    expect(dicom.flatMap((d) => d.sopClasses)).toContain(CT_IMAGE_STORAGE);
    expect(dicom.map((d) => d.implementationVersionName).join(' ')).toMatch(/OFFIS_DCMTK/);
    expect(discovery.flows).toContainEqual(
      expect.objectContaining({
        protocol: 'dicom',
        transport: 'tcp',
        carriesEphi: true,
        encrypted: false,
        server: expect.objectContaining({ port: 11112 }) as unknown,
      }),
    );
  });

  it('imports the capture: the device carries its AE title and the conversation is on the map', async () => {
    const result = await run('--data', dataDir, 'ingest', 'capture', capture.pcapPath, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { counts: { flows: number; created: number } };
    expect(summary.counts.created).toBeGreaterThan(0);
    expect(summary.counts.flows).toBeGreaterThan(0);
  });
});
