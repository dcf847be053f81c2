/**
 * The EHR's FHIR AuditEvent trail and the PACS's DICOM audit messages. Clinicians open their own
 * patients' charts; the export account pulls the night's extract; modalities store studies to the
 * PACS. The story: the nurse's account opens 74 patients' records in 45 minutes from her
 * workstation, and an unknown system stores studies into the PACS as `STORESCU`.
 */
import { DEMO_ASSETS } from '../../src/services/demo/demo-hospital.js';
import { DEMO_STORY } from '../../src/services/demo/demo-story.js';
import { STAFF, type Person } from './people.js';
import { byTime, clock, iso, random, type Random, type Timed } from './random.js';

interface Access extends Timed {
  readonly user: string;
  readonly name: string;
  readonly role: string;
  readonly ip: string;
  readonly patient: string;
  readonly query?: string;
}

const patientId = (n: number): string => `lv-pt-${String(10_000 + n)}`;

function auditEvent(a: Access, n: number): string {
  const resource = {
    resourceType: 'AuditEvent',
    id: `lv-ae-${String(n).padStart(6, '0')}`,
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: 'rest',
      display: 'RESTful Operation',
    },
    subtype: [
      {
        system: 'http://hl7.org/fhir/restful-interaction',
        code: a.query === undefined ? 'read' : 'search-type',
        display: a.query === undefined ? 'read' : 'search-type',
      },
    ],
    action: a.query === undefined ? 'R' : 'E',
    recorded: iso(a.t),
    outcome: '0',
    purposeOfEvent: [
      {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
            code: a.role === 'Service' ? 'HOPERAT' : 'TREAT',
          },
        ],
      },
    ],
    agent: [
      {
        role: [{ text: a.role }],
        who: { identifier: { value: a.user }, display: a.name },
        requestor: true,
        network: { address: a.ip, type: '2' },
      },
    ],
    source: { observer: { display: 'CedarEHR FHIR' } },
    entity: [
      {
        what: { reference: `Patient/${a.patient}` },
        type: {
          system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
          code: '1',
          display: 'Person',
        },
        role: {
          system: 'http://terminology.hl7.org/CodeSystem/object-role',
          code: '1',
          display: 'Patient',
        },
        ...(a.query === undefined ? {} : { query: Buffer.from(a.query).toString('base64') }),
      },
    ],
  };
  return JSON.stringify(resource);
}

/** A clinician's day: a ward of a dozen or so patients, each opened a few times. */
function clinicianDay(p: Person, ward: number, r: Random): Access[] {
  const patients = Array.from({ length: r.int(8, 18) }, (_, i) => patientId(ward * 40 + i));
  return Array.from({ length: r.int(20, 40) }, () => ({
    t: clock('07:10:00') + r.int(0, 10 * 3600),
    user: p.user,
    name: p.name,
    role: p.role,
    ip: p.ip,
    patient: r.pick(patients),
  }));
}

function fhirAccesses(r: Random): Access[] {
  const out: Access[] = [];
  STAFF.filter((p) => p.role !== 'IT').forEach((p, i) => out.push(...clinicianDay(p, i, r)));
  // The HIE feed's nightly pull, one record after another: a service account, left out.
  for (let i = 0; i < 180; i++) {
    const t = clock('02:00:00') + i * 12 + r.int(0, 10);
    out.push({
      t,
      user: 'svc_hie_feed',
      name: 'HIE feed',
      role: 'Service',
      ip: '10.40.0.30',
      patient: patientId(r.int(0, 999)),
    });
  }
  out.push({
    t: clock('02:45:00'),
    user: 'svc_cedar_fhir',
    name: 'Cedar bulk export',
    role: 'Service',
    ip: '10.40.0.20',
    patient: patientId(0),
    query: 'GET /fhir/Group/lv-discharges/$export?_type=Patient,Encounter',
  });
  // The story: the nurse's account walks through 74 charts it has no business in.
  const { victim } = DEMO_STORY;
  for (let i = 0; i < 74; i++) {
    out.push({
      t: clock('10:05:00') + i * 36 + r.int(0, 20),
      user: victim.user,
      name: victim.name,
      role: 'Nurse',
      ip: victim.ip,
      patient: patientId(500 + i * 7),
    });
  }
  return out;
}

/** The EHR's FHIR AuditEvent trail, NDJSON. */
export function fhirAuditNdjson(): string {
  const r = random(0x5eed_0003);
  return `${byTime(fhirAccesses(r))
    .map((a, i) => auditEvent(a, i + 1))
    .join('\n')}\n`;
}

interface Transfer extends Timed {
  readonly fromAe: string;
  readonly fromIp: string;
  readonly patient: string;
  readonly study: string;
  readonly instances: number;
}

function participant(
  ae: string,
  ip: string,
  requestor: boolean,
  role: '110153' | '110152',
): string {
  const label = role === '110153' ? 'Source Role ID' : 'Destination Role ID';
  return `<ActiveParticipant UserID="${ae}" AlternativeUserID="AETITLES=${ae}" UserIsRequestor="${String(requestor)}" NetworkAccessPointID="${ip}" NetworkAccessPointTypeCode="2"><RoleIDCode csd-code="${role}" codeSystemName="DCM" originalText="${label}"/></ActiveParticipant>`;
}

function atnaLine(x: Transfer): string {
  const { pacs } = DEMO_STORY;
  const message = [
    '<AuditMessage>',
    `<EventIdentification EventActionCode="C" EventDateTime="${iso(x.t)}" EventOutcomeIndicator="0"><EventID csd-code="110104" codeSystemName="DCM" originalText="DICOM Instances Transferred"/></EventIdentification>`,
    participant(x.fromAe, x.fromIp, true, '110153'),
    participant(pacs.aeTitle, pacs.ip, false, '110152'),
    `<AuditSourceIdentification AuditSourceID="${pacs.aeTitle}"><AuditSourceTypeCode csd-code="4" codeSystemName="DCM" originalText="Application Server Process"/></AuditSourceIdentification>`,
    `<ParticipantObjectIdentification ParticipantObjectID="${x.study}" ParticipantObjectTypeCode="2" ParticipantObjectTypeCodeRole="3"><ParticipantObjectIDTypeCode csd-code="110180" codeSystemName="DCM" originalText="Study Instance UID"/><ParticipantObjectDescription><SOPClass UID="1.2.840.10008.5.1.4.1.1.2" NumberOfInstances="${String(x.instances)}"/></ParticipantObjectDescription></ParticipantObjectIdentification>`,
    `<ParticipantObjectIdentification ParticipantObjectID="${x.patient}" ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"><ParticipantObjectIDTypeCode csd-code="2" originalText="Patient Number"/></ParticipantObjectIdentification>`,
    '</AuditMessage>',
  ].join('');
  return `<110>1 ${iso(x.t)} pacs-01.larkspur.example ARCHIVA 2210 IHE+RFC-3881 - ${message}`;
}

function transfers(r: Random): Transfer[] {
  const modalities = DEMO_ASSETS.filter(
    (a) => a.category === 'imaging-modality' && a.aeTitle !== undefined,
  );
  const study = (): string =>
    `2.25.${String(r.int(100_000_000, 999_999_999))}${String(r.int(100_000_000, 999_999_999))}`;
  const out: Transfer[] = [];
  for (let i = 0; i < 48; i++) {
    const m = r.pick(modalities);
    out.push({
      t: r.int(0, 86_399),
      fromAe: m.aeTitle ?? '',
      fromIp: m.ip,
      patient: patientId(r.int(0, 999)),
      study: study(),
      instances: r.int(1, 400),
    });
  }
  const { rogueModality } = DEMO_STORY;
  for (let i = 0; i < 3; i++) {
    out.push({
      t: clock('13:20:04') + i * 95,
      fromAe: rogueModality.aeTitle,
      fromIp: rogueModality.ip,
      patient: patientId(900 + i),
      study: study(),
      instances: r.int(60, 200),
    });
  }
  return out;
}

/** The PACS's audit messages over syslog (RFC 5424 header, the XML as the message). */
export function pacsAtnaLog(): string {
  const r = random(0x5eed_0004);
  return `${byTime(transfers(r)).map(atnaLine).join('\n')}\n`;
}
