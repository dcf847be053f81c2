/**
 * Windows Security process creation (event 4688) read with Sysmon's field names, as Sigma's
 * `windows-audit` pipeline maps them: a `process_creation` rule written for Sysmon event 1 then
 * also reads 4688 events.
 */

/** Sigma (Sysmon) field name → the 4688 field that holds the same fact. */
export const PROCESS_CREATION_4688: ReadonlyMap<string, string> = new Map([
  ['Image', 'NewProcessName'],
  ['ParentImage', 'ParentProcessName'],
  ['User', 'SubjectUserName'],
  ['ProcessId', 'NewProcessId'],
  ['ParentProcessId', 'ProcessId'],
  ['IntegrityLevel', 'MandatoryLabel'],
  ['LogonId', 'SubjectLogonId'],
]);

/** The Security event id the mapping applies to. */
export const PROCESS_CREATION_EVENT_ID = 4688;

/** Whether an EventID value (number, text, or `{"#text"}` already unwrapped) is 4688. */
export function isProcessCreation4688(eventId: unknown): boolean {
  return eventId === PROCESS_CREATION_EVENT_ID || eventId === '4688';
}
