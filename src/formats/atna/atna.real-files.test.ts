import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../cve/test-helpers.js';
import { asChunks, codesOf, collect, eventsOf } from '../entra/test-helpers.js';
import { readAtnaMessages } from './index.js';

const dir = new URL(
  '../../../../shared/data/atna-audit-messages/dcm4chee-arc-cs-docs/',
  import.meta.url,
);
const present = existsSync(dir);

async function readOne(name: string) {
  const url = new URL(name, dir);
  return collect(readAtnaMessages(fileChunks(url.pathname), { source: name }));
}

describe.skipIf(!present)(
  `dcm4chee-arc ATNA samples${present ? '' : ' (SKIPPED: shared/data/atna-audit-messages absent)'}`,
  () => {
    const files = present
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.xml'))
          .sort()
      : [];

    it('reads 150 of the 152 samples; the two without EventDateTime are rejected', async () => {
      expect(files).toHaveLength(152);
      const rejected: string[] = [];
      let events = 0;
      for (const file of files) {
        const items = await readOne(file);
        expect(items).toHaveLength(1);
        events += eventsOf(items).length;
        if (codesOf(items).length > 0) rejected.push(`${file} ${codesOf(items).join()}`);
      }
      expect(events).toBe(150);
      expect(rejected).toEqual([
        'query-03.xml WL_ATNA_TIME_INVALID',
        'query-04.xml WL_ATNA_TIME_INVALID',
      ]);
    });

    it('reads them all from one concatenated stream too', async () => {
      const text = files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
      const items = await collect(readAtnaMessages(asChunks(text), { source: 'all.xml' }));
      expect(eventsOf(items)).toHaveLength(150);
      expect(codesOf(items)).toEqual(['WL_ATNA_TIME_INVALID', 'WL_ATNA_TIME_INVALID']);
    });

    it('maps a transfer and a patient record as the files say', async () => {
      const [transfer] = eventsOf(await readOne('dicom-instances-transferred-11.xml'));
      expect(transfer?.time).toBe('2024-08-29T14:01:26.672Z');
      expect(transfer?.ips).toEqual(['127.0.0.1']);
      expect(transfer?.data).toEqual({
        EventType: 'DICOM Instances Transferred',
        Action: 'R',
        Outcome: 'success',
        UserId: '127.0.0.1',
        UserRole: 'Destination Role ID',
        SourceAddress: '127.0.0.1',
        Application: 'dcm4chee-arc',
        PatientId: 'I2EXAMPLE',
        ObjectType: 'Study Instance UID',
        ObjectId: '1.3.6.1.4.1.5962.1.2.0.1175775771.5708.0',
      });
      const [record] = eventsOf(await readOne('patient-record-13.xml'));
      expect(record?.data).toMatchObject({
        EventType: 'Patient Record',
        Action: 'C',
        UserId: '127.0.0.1',
        PatientId: '4785133^^^UKL',
        ObjectType: 'Patient Number',
        ObjectId: '4785133^^^UKL',
      });
    });
  },
);
