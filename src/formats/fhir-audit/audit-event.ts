/**
 * One FHIR AuditEvent (R4 4.0.1, R5 5.0.0) as Wardline's audit-trail fields
 * (`AUDIT_TRAIL_FIELDS`), the same fields the ATNA reader writes, so one rule covers both.
 * `README.md` has the mapping table.
 */
import type { EventData, EventValue } from '../../domain/detection.js';
import { definedOnly, memberOf, objectsOf, textOf } from '../entra/log-items.js';
import {
  codeText,
  codesOfValue,
  codingCode,
  codingText,
  conceptText,
  oneOrMany,
  referenceId,
  referenceTarget,
} from './datatypes.js';
import { MAX_QUERY_CHARS } from './limits.js';

const ACTIONS: ReadonlySet<string> = new Set(['C', 'R', 'U', 'D', 'E']);

/** The audit-event-outcome codes (R4 `outcome`, R5 `outcome.code.code`), and issue-severity. */
const OUTCOMES: Readonly<Record<string, string>> = {
  '0': 'success',
  '4': 'minor-failure',
  '8': 'serious-failure',
  '12': 'major-failure',
  // R5 examples also code the outcome with issue-severity.
  information: 'success',
  warning: 'minor-failure',
  error: 'serious-failure',
  fatal: 'major-failure',
};

/** DICOM "Source Role ID": the agent that sent the request when no agent is the requestor. */
const SOURCE_ROLE_ID = '110153';
/** audit-entity-role / object-role "Patient". */
const PATIENT_ROLE = '1';

/** `type` in R4; the first `category` in R5, else `code`. */
function eventType(event: EventData): string | undefined {
  const r4 = codingText(memberOf(event, 'type'));
  if (r4 !== undefined) return r4;
  const [category] = objectsOf(event, 'category');
  return conceptText(category) ?? conceptText(memberOf(event, 'code'));
}

/** `subtype[]` in R4; `code` in R5 when `category` named the type. */
function eventSubtype(event: EventData): EventValue | undefined {
  const r4 = objectsOf(event, 'subtype').flatMap((c) => codingText(c) ?? []);
  if (r4.length > 0) return oneOrMany(r4);
  if (objectsOf(event, 'category').length === 0) return undefined;
  return oneOrMany([conceptText(memberOf(event, 'code')) ?? []].flat());
}

function outcome(event: EventData): string | undefined {
  const value = memberOf(event, 'outcome');
  const code = typeof value === 'string' ? value : codingCode(memberOf(value, 'code'));
  return code !== undefined && Object.hasOwn(OUTCOMES, code) ? OUTCOMES[code] : undefined;
}

function agentAddress(agent: EventData | undefined): string | undefined {
  return (
    textOf(memberOf(agent, 'network'), 'address') ??
    textOf(agent, 'networkString') ??
    textOf(agent, 'networkUri')
  );
}

function isSourceRole(agent: EventData): boolean {
  return codesOfValue(memberOf(agent, 'type')).includes(SOURCE_ROLE_ID);
}

function agentRole(agent: EventData | undefined): string | undefined {
  const [role] = objectsOf(agent, 'role');
  return conceptText(role) ?? codeText(memberOf(agent, 'type'));
}

function isPatientEntity(entity: EventData): boolean {
  const what = memberOf(entity, 'what');
  if (referenceTarget(what)?.type === 'Patient') return true;
  return codesOfValue(memberOf(entity, 'role')).includes(PATIENT_ROLE);
}

function patientId(event: EventData, entities: readonly EventData[]): string | undefined {
  const patient = entities.find(isPatientEntity);
  return referenceId(memberOf(patient, 'what')) ?? referenceId(memberOf(event, 'patient'));
}

/** The entity the event is about: the first that names something other than the patient. */
function objectEntity(entities: readonly EventData[]): EventData | undefined {
  const named = entities.filter((e) => memberOf(e, 'what') !== undefined);
  return named.find((e) => !isPatientEntity(e)) ?? named[0];
}

function objectType(entity: EventData | undefined): string | undefined {
  const what = memberOf(entity, 'what');
  return (
    referenceTarget(what)?.type ??
    conceptText(memberOf(memberOf(what, 'identifier'), 'type')) ??
    codeText(memberOf(entity, 'type')) ??
    codeText(memberOf(entity, 'role'))
  );
}

function purposes(event: EventData, requestor: EventData | undefined): EventValue | undefined {
  const concepts = [
    ...objectsOf(event, 'purposeOfEvent'),
    ...objectsOf(event, 'authorization'),
    ...objectsOf(requestor, 'purposeOfUse'),
    ...objectsOf(requestor, 'authorization'),
  ];
  return oneOrMany(concepts.flatMap((c) => conceptText(c) ?? []));
}

/** The first entity query, decoded when it is base64 of UTF-8 text (as the spec stores it). */
function query(entities: readonly EventData[]): string | undefined {
  const text = entities.map((e) => textOf(e, 'query')).find((q) => q !== undefined);
  if (text === undefined) return undefined;
  return decodedBase64(text) ?? text.slice(0, MAX_QUERY_CHARS);
}

/** Base64 of well-formed, printable UTF-8 as its text; anything else undefined. */
export function decodedBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length > MAX_QUERY_CHARS * 2 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return undefined;
  }
  if (compact.length % 4 === 1) return undefined;
  try {
    const decoded = new TextDecoder('utf-8', { fatal: true }).decode(
      Buffer.from(compact, 'base64'),
    );
    // eslint-disable-next-line no-control-regex -- control characters mark binary, not text
    return /[\u0000-\u0008\u000e-\u001f]/.test(decoded)
      ? undefined
      : decoded.slice(0, MAX_QUERY_CHARS);
  } catch {
    return undefined;
  }
}

/** The observer's display, else its identifier or reference. */
function observerName(observer: EventValue | undefined): string | undefined {
  return textOf(observer, 'display') ?? referenceId(observer);
}

/** The audit-trail fields of one AuditEvent. */
export function auditTrailData(event: EventData): EventData {
  const agents = objectsOf(event, 'agent');
  const requestor = agents.find((a) => memberOf(a, 'requestor') === true);
  const entities = objectsOf(event, 'entity');
  const object = objectEntity(entities);
  const who = memberOf(requestor, 'who');
  const action = textOf(event, 'action');
  return definedOnly({
    EventType: eventType(event),
    EventSubtype: eventSubtype(event),
    Action: action !== undefined && ACTIONS.has(action) ? action : undefined,
    Outcome: outcome(event),
    UserId:
      referenceId(who) ??
      textOf(memberOf(requestor, 'userId'), 'value') ??
      textOf(requestor, 'altId'),
    UserName: textOf(requestor, 'name') ?? textOf(who, 'display'),
    UserRole: agentRole(requestor),
    SourceAddress:
      agentAddress(requestor) ??
      agentAddress(agents.find(isSourceRole)) ??
      agents.map(agentAddress).find((a) => a !== undefined),
    Application: observerName(memberOf(memberOf(event, 'source'), 'observer')),
    PatientId: patientId(event, entities),
    ObjectType: objectType(object),
    ObjectId: referenceId(memberOf(object, 'what')) ?? textOf(object, 'name'),
    Purpose: purposes(event, requestor),
    Query: query(entities),
  });
}
