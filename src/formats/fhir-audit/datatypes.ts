/**
 * Reading FHIR datatypes out of an untrusted resource: Coding, CodeableConcept, Reference (R4
 * and R5 shapes alike). Every reader answers undefined for anything it does not recognise.
 */
import type { EventValue } from '../../domain/detection.js';
import { isObject, memberOf, objectsOf, textOf } from '../entra/log-items.js';

/** Longest text kept from one datatype value. */
const MAX_TEXT = 1024;

function cut(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.slice(0, MAX_TEXT);
}

/** A Coding's display, else its code. */
export function codingText(coding: EventValue | undefined): string | undefined {
  return cut(textOf(coding, 'display') ?? textOf(coding, 'code'));
}

/** A Coding's code. */
export function codingCode(coding: EventValue | undefined): string | undefined {
  return textOf(coding, 'code');
}

/** A CodeableConcept as text: its first coding's display, else its `text`, else the code. */
export function conceptText(concept: EventValue | undefined): string | undefined {
  const [first] = objectsOf(concept, 'coding');
  return cut(textOf(first, 'display') ?? textOf(concept, 'text') ?? textOf(first, 'code'));
}

/** The codes of a CodeableConcept's codings. */
export function conceptCodes(concept: EventValue | undefined): string[] {
  return objectsOf(concept, 'coding').flatMap((c) => codingCode(c) ?? []);
}

/** Text of a value that may be a Coding (R4) or a CodeableConcept (R5). */
export function codeText(value: EventValue | undefined): string | undefined {
  return isObject(value) && 'coding' in value ? conceptText(value) : codingText(value);
}

/** Codes of a value that may be a Coding (R4) or a CodeableConcept (R5). */
export function codesOfValue(value: EventValue | undefined): string[] {
  if (isObject(value) && 'coding' in value) return conceptCodes(value);
  const code = codingCode(value);
  return code === undefined ? [] : [code];
}

/** The resource type and logical id a reference names (`Patient/123/_history/2`, absolute URLs too). */
export function referenceTarget(
  reference: EventValue | undefined,
): { type: string; id: string } | undefined {
  const text = textOf(reference, 'reference');
  if (text === undefined || text.length > 2048) return undefined;
  const m = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/.exec(
    text,
  );
  return m === null ? undefined : { type: m[1] ?? '', id: m[2] ?? '' };
}

/** A Reference's identifier value, else the id it points to, else the reference text, else its display. */
export function referenceId(reference: EventValue | undefined): string | undefined {
  return cut(
    textOf(memberOf(reference, 'identifier'), 'value') ??
      referenceTarget(reference)?.id ??
      textOf(reference, 'reference') ??
      textOf(reference, 'display'),
  );
}

/** One value when there is one, the list when several, nothing when none. */
export function oneOrMany(values: readonly string[]): EventValue | undefined {
  const unique = [...new Set(values)].slice(0, 32);
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : unique;
}
