/**
 * One DICOM PS3.15 A.5 / IHE ATNA audit message as Wardline's audit-trail fields, the same the
 * FHIR AuditEvent reader writes, plus `CallingAETitle` and `CalledAETitle` when a participant's
 * `AlternativeUserID` holds `AETITLES=`. `README.md` has the mapping table.
 */
import type { EventData, EventValue } from '../../domain/detection.js';
import { definedOnly, ipsOf } from '../entra/log-items.js';
import { decodedBase64 } from '../fhir-audit/audit-event.js';
import { oneOrMany } from '../fhir-audit/datatypes.js';
import { attributeOf, childNamed, childrenNamed, type XmlElement } from './element-tree.js';

const ACTIONS: ReadonlySet<string> = new Set(['C', 'R', 'U', 'D', 'E']);
const OUTCOMES: Readonly<Record<string, string>> = {
  '0': 'success',
  '4': 'minor-failure',
  '8': 'serious-failure',
  '12': 'major-failure',
};
/** DICOM role codes: Source Role ID (the caller), Destination Role ID (the called). */
const SOURCE_ROLE = '110153';
const DESTINATION_ROLE = '110152';

/** A coded value's code: DICOM `csd-code`, RFC 3881 `code`. */
function codeOf(element: XmlElement | undefined): string | undefined {
  return attributeOf(element, 'csd-code') ?? attributeOf(element, 'code');
}

/** A coded value as text: `displayName`, else `originalText`, else the code. */
function codedText(element: XmlElement | undefined): string | undefined {
  return (
    attributeOf(element, 'displayName') ?? attributeOf(element, 'originalText') ?? codeOf(element)
  );
}

function hasRole(participant: XmlElement, role: string): boolean {
  return childrenNamed(participant, 'RoleIDCode').some((r) => codeOf(r) === role);
}

/** The AE titles in `AlternativeUserID="AETITLES=A;B"` (PS3.15 A.5.2.1). */
function aeTitles(participant: XmlElement | undefined): EventValue | undefined {
  const alternative = attributeOf(participant, 'AlternativeUserID');
  const m = alternative === undefined ? null : /^AETITLES=(.*)$/i.exec(alternative);
  if (m === null) return undefined;
  return oneOrMany(
    (m[1] ?? '')
      .split(';')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  );
}

/** The patient object: type 1 (Person) in role 1 (Patient), or ID type code 2 (Patient Number). */
function isPatient(object: XmlElement): boolean {
  const personPatient =
    attributeOf(object, 'ParticipantObjectTypeCode') === '1' &&
    attributeOf(object, 'ParticipantObjectTypeCodeRole') === '1';
  return personPatient || codeOf(childNamed(object, 'ParticipantObjectIDTypeCode')) === '2';
}

function query(objects: readonly XmlElement[]): string | undefined {
  const text = objects
    .map((o) => childNamed(o, 'ParticipantObjectQuery')?.text.trim())
    .find((q) => q !== undefined && q !== '');
  return text === undefined ? undefined : (decodedBase64(text) ?? text);
}

/** What a message holds beyond its fields: the IP literals its participants name. */
export interface AtnaFields {
  readonly data: EventData;
  readonly ips: string[];
}

/** The audit-trail fields of one message (its root `AuditMessage` element). */
export function atnaFields(message: XmlElement): AtnaFields {
  const identification = childNamed(message, 'EventIdentification');
  const participants = childrenNamed(message, 'ActiveParticipant');
  const requestor = participants.find(
    (p) => attributeOf(p, 'UserIsRequestor')?.toLowerCase() === 'true',
  );
  const source = participants.find((p) => hasRole(p, SOURCE_ROLE)) ?? requestor;
  const destination = participants.find((p) => hasRole(p, DESTINATION_ROLE));
  const objects = childrenNamed(message, 'ParticipantObjectIdentification');
  const patient = objects.find(isPatient);
  const object = objects.find((o) => !isPatient(o)) ?? patient;
  const action = attributeOf(identification, 'EventActionCode');
  const outcome = attributeOf(identification, 'EventOutcomeIndicator');
  const sourceAddress =
    attributeOf(requestor, 'NetworkAccessPointID') ?? attributeOf(source, 'NetworkAccessPointID');
  const data = definedOnly({
    EventType: codedText(childNamed(identification, 'EventID')),
    EventSubtype: oneOrMany(
      childrenNamed(identification, 'EventTypeCode').flatMap((c) => codedText(c) ?? []),
    ),
    Action: action !== undefined && ACTIONS.has(action) ? action : undefined,
    Outcome:
      outcome !== undefined && Object.hasOwn(OUTCOMES, outcome) ? OUTCOMES[outcome] : undefined,
    UserId: attributeOf(requestor, 'UserID'),
    UserName: attributeOf(requestor, 'UserName'),
    UserRole: codedText(childNamed(requestor, 'RoleIDCode')),
    SourceAddress: sourceAddress,
    Application:
      attributeOf(childNamed(message, 'AuditSourceIdentification'), 'AuditSourceID') ??
      aeTitleText(aeTitles(source)),
    PatientId: attributeOf(patient, 'ParticipantObjectID'),
    ObjectType: codedText(childNamed(object, 'ParticipantObjectIDTypeCode')),
    ObjectId: attributeOf(object, 'ParticipantObjectID'),
    Purpose: oneOrMany(
      [
        ...childrenNamed(identification, 'PurposeOfUse'),
        ...childrenNamed(requestor, 'PurposeOfUse'),
      ].flatMap((p) => codedText(p) ?? []),
    ),
    Query: query(objects),
    CallingAETitle: aeTitles(source),
    CalledAETitle: aeTitles(destination),
  });
  const addresses = participants.map((p) => attributeOf(p, 'NetworkAccessPointID'));
  return { data, ips: ipsOf(sourceAddress, ...addresses) };
}

function aeTitleText(titles: EventValue | undefined): string | undefined {
  if (typeof titles === 'string') return titles;
  return Array.isArray(titles) && typeof titles[0] === 'string' ? titles[0] : undefined;
}
