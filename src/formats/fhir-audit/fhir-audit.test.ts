import { describe, expect, it } from 'vitest';
import { AUDIT_TRAIL_FIELDS } from '../../domain/detection.js';
import { inPieces } from '../cve/test-helpers.js';
import { asChunks, codesOf, collect, eventsOf } from '../entra/test-helpers.js';
import { decodedBase64 } from './audit-event.js';
import { readFhirAuditEvents } from './index.js';

const source = 'audit.json';

/** An R4 AuditEvent: a clinician reads an Observation about a patient from a workstation. */
const r4Event = {
  resourceType: 'AuditEvent',
  id: 'read-1',
  type: {
    system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
    code: 'rest',
    display: 'RESTful Operation',
  },
  subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read', display: 'read' }],
  action: 'R',
  recorded: '2024-05-02T10:11:12.345+02:00',
  outcome: '4',
  purposeOfEvent: [
    {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
          code: 'TREAT',
          display: 'treatment',
        },
      ],
    },
  ],
  agent: [
    {
      type: { coding: [{ code: '110153', display: 'Source Role ID' }] },
      who: { identifier: { value: 'ws-12' } },
      requestor: false,
      network: { address: '10.20.30.40', type: '2' },
    },
    {
      role: [{ coding: [{ code: '309343006', display: 'Physician' }] }],
      who: { identifier: { value: 'dr.jones' }, display: 'Dr. Jones' },
      name: 'Dr. Dana Jones',
      requestor: true,
    },
  ],
  source: { observer: { display: 'EHR Web' } },
  entity: [
    { what: { reference: 'Patient/p-77' }, role: { code: '1', display: 'Patient' } },
    {
      what: { reference: 'https://ehr.example/fhir/Observation/obs-9/_history/3' },
      role: { code: '4', display: 'Domain Resource' },
    },
  ],
};

async function read(text: string) {
  return collect(readFhirAuditEvents(asChunks(text), { source }));
}

describe('FHIR AuditEvent reader', () => {
  it('maps an R4 AuditEvent to the audit-trail fields and nothing else', async () => {
    const items = await read(JSON.stringify(r4Event));
    expect(codesOf(items)).toEqual([]);
    const [event] = eventsOf(items);
    expect(event).toEqual({
      time: '2024-05-02T08:11:12.345Z',
      logsource: { product: 'fhir', category: 'health_record_access' },
      shape: 'audit-trail',
      ips: ['10.20.30.40'],
      origin: { source, position: 'line 1' },
      data: {
        EventType: 'RESTful Operation',
        EventSubtype: 'read',
        Action: 'R',
        Outcome: 'minor-failure',
        UserId: 'dr.jones',
        UserName: 'Dr. Dana Jones',
        UserRole: 'Physician',
        SourceAddress: '10.20.30.40',
        Application: 'EHR Web',
        PatientId: 'p-77',
        ObjectType: 'Observation',
        ObjectId: 'obs-9',
        Purpose: 'treatment',
      },
    });
    expect(
      Object.keys(event?.data ?? {}).every((k) =>
        (AUDIT_TRAIL_FIELDS as readonly string[]).includes(k),
      ),
    ).toBe(true);
  });

  it('maps R4 outcome codes 0/4/8/12 and the R5 outcome object', async () => {
    const outcomes = await Promise.all(
      ['0', '4', '8', '12', '99'].map(
        async (code) =>
          eventsOf(await read(JSON.stringify({ ...r4Event, outcome: code })))[0]?.data['Outcome'],
      ),
    );
    expect(outcomes).toEqual([
      'success',
      'minor-failure',
      'serious-failure',
      'major-failure',
      undefined,
    ]);
    const r5 = { ...r4Event, outcome: { code: { code: '12', display: 'Major failure' } } };
    expect(eventsOf(await read(JSON.stringify(r5)))[0]?.data['Outcome']).toBe('major-failure');
  });

  it('reads R5 category/code, networkString, patient and authorization', async () => {
    const r5 = {
      resourceType: 'AuditEvent',
      category: [{ coding: [{ code: '110110', display: 'Patient Record' }] }],
      code: { coding: [{ code: 'read', display: 'read' }, { code: 'x' }] },
      action: 'R',
      recorded: '2024-05-02T10:11:12Z',
      outcome: { code: { code: '0' } },
      patient: { reference: 'Patient/p-1' },
      authorization: [{ coding: [{ code: 'ETREAT', display: 'Emergency Treatment' }] }],
      agent: [
        {
          who: { reference: 'Practitioner/pr-5', display: 'Dr. Who' },
          requestor: true,
          networkString: '2001:db8::7',
        },
      ],
      entity: [{ what: { reference: 'DocumentReference/d-3' } }],
    };
    const [event] = eventsOf(await read(JSON.stringify(r5)));
    expect(event?.data).toEqual({
      EventType: 'Patient Record',
      EventSubtype: 'read',
      Action: 'R',
      Outcome: 'success',
      UserId: 'pr-5',
      UserName: 'Dr. Who',
      SourceAddress: '2001:db8::7',
      PatientId: 'p-1',
      ObjectType: 'DocumentReference',
      ObjectId: 'd-3',
      Purpose: 'Emergency Treatment',
    });
    expect(event?.ips).toEqual(['2001:db8::7']);
  });

  it('streams a Bundle entry by entry and rejects the entries that are not AuditEvents', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 3,
      entry: [
        { fullUrl: 'urn:uuid:1', resource: r4Event },
        { fullUrl: 'urn:uuid:2', resource: { resourceType: 'Patient', id: 'p-77' } },
        { fullUrl: 'urn:uuid:3', resource: { ...r4Event, id: 'read-2' } },
      ],
    };
    for (const size of [3, 1000]) {
      const items = await collect(
        readFhirAuditEvents(inPieces(JSON.stringify(bundle, null, 2), size), { source }),
      );
      expect(codesOf(items)).toEqual(['WL_FHIR_AUDIT_NOT_AUDIT_EVENT']);
      expect(eventsOf(items)).toHaveLength(2);
    }
  });

  it('decodes a base64 query and keeps one that is not text as written', async () => {
    const query = Buffer.from('Patient?name=smith&_count=500').toString('base64');
    const withQuery = { ...r4Event, entity: [{ query, role: { code: '24' } }] };
    expect(eventsOf(await read(JSON.stringify(withQuery)))[0]?.data['Query']).toBe(
      'Patient?name=smith&_count=500',
    );
    expect(decodedBase64(Buffer.from([0, 1, 2, 0xff]).toString('base64'))).toBeUndefined();
    expect(decodedBase64('not base64!')).toBeUndefined();
  });

  it('rejects bad NDJSON lines with coded diagnostics and reads the rest', async () => {
    const lines = [
      JSON.stringify(r4Event),
      '{"resourceType": "AuditEvent", "recorded": }',
      JSON.stringify({ ...r4Event, recorded: '2024-05-02' }),
      JSON.stringify({
        resourceType: 'AuditEvent',
        contained: [{ __proto__: null, constructor: 1 }],
      }).replace('"contained":[{}]', '"contained":[{"constructor":1}]'),
      JSON.stringify(r4Event),
    ];
    const items = await read(lines.join('\n'));
    expect(codesOf(items)).toEqual([
      'WL_FHIR_AUDIT_JSON_MALFORMED',
      'WL_FHIR_AUDIT_TIME_INVALID',
      'WL_FHIR_AUDIT_POISONED_KEY',
    ]);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['line 1', 'line 5']);
  });
});
