import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileChunks } from '../cve/test-helpers.js';
import { asChunks, codesOf, collect, eventsOf } from '../entra/test-helpers.js';
import { readFhirAuditEvents } from './index.js';

const fhirDir = new URL('../../../../shared/data/fhir/', import.meta.url);
const present = existsSync(fhirDir);

function auditFiles(version: 'r4' | 'r5'): URL[] {
  const dir = new URL(`${version}/`, fhirDir);
  return readdirSync(dir)
    .filter((f) => f.startsWith('AuditEvent-') && f.endsWith('.json'))
    .sort()
    .map((f) => new URL(f, dir));
}

async function readFile(url: URL) {
  return collect(readFhirAuditEvents(fileChunks(url.pathname), { source: url.pathname }));
}

describe.skipIf(!present)(
  `HL7 FHIR R4 and R5 AuditEvent examples${present ? '' : ' (SKIPPED: shared/data/fhir absent)'}`,
  () => {
    it('reads every R4 (9) and R5 (13) AuditEvent example without a rejection', async () => {
      for (const [version, count] of [
        ['r4', 9],
        ['r5', 13],
      ] as const) {
        const files = auditFiles(version);
        expect(files).toHaveLength(count);
        for (const file of files) {
          const items = await readFile(file);
          expect(codesOf(items)).toEqual([]);
          expect(eventsOf(items)).toHaveLength(1);
        }
      }
    });

    it('maps the R4 examples as their text says', async () => {
      const [start] = eventsOf(await readFile(new URL('r4/AuditEvent-example.json', fhirDir)));
      expect(start?.time).toBe('2012-10-25T11:04:27.000Z');
      expect(start?.data).toMatchObject({
        EventType: 'Application Activity',
        EventSubtype: 'Application Start',
        Action: 'E',
        Outcome: 'success',
        Application: "Grahame's Laptop",
      });
      const [vread] = eventsOf(await readFile(new URL('r4/AuditEvent-example-rest.json', fhirDir)));
      expect(vread?.data).toMatchObject({
        EventType: 'Restful Operation',
        EventSubtype: 'vread',
        Action: 'R',
        UserId: '95',
        UserName: 'Grahame Grieve',
        PatientId: 'example',
        ObjectType: 'Patient',
        SourceAddress: 'Workstation1.ehr.familyclinic.com',
      });
      expect(vread?.ips).toBeUndefined();
      const [search] = eventsOf(
        await readFile(new URL('r4/AuditEvent-example-search.json', fhirDir)),
      );
      expect(search?.data['Query']).toBe(
        'http://fhir-dev.healthintersections.com.au/open/Encounter?participant=13',
      );
    });

    it('reads the one-line R5 examples joined as NDJSON, one event a line', async () => {
      const text = auditFiles('r5')
        .map((f) => readFileSync(f, 'utf8').trim())
        .join('\n');
      const items = await collect(readFhirAuditEvents(asChunks(text), { source: 'r5.ndjson' }));
      expect(codesOf(items)).toEqual([]);
      expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(
        Array.from({ length: 13 }, (_, i) => `line ${i + 1}`),
      );
      const breakGlass = eventsOf(items).find(
        (e) => e.data['EventSubtype'] === 'Emergency Override Started',
      );
      expect(breakGlass?.data).toMatchObject({
        EventType: 'Security Alert',
        Purpose: 'Emergency Treatment',
        PatientId: 'example',
      });
    });

    it('rejects the other resource types as not AuditEvents', async () => {
      const items = await readFile(new URL('r4/Patient-example.json', fhirDir));
      expect(codesOf(items)).toEqual(['WL_FHIR_AUDIT_NOT_AUDIT_EVENT']);
    });
  },
);
