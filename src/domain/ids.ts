import { monotonicFactory } from 'ulid';

/** Type prefixes of Wardline ids: the prefix says what the id names, the ULID sorts by time. */
export const ID_PREFIXES = {
  site: 'sit',
  zone: 'zon',
  asset: 'ast',
  identifier: 'idf',
  user: 'usr',
  session: 'ses',
  audit: 'aud',
  job: 'job',
  passkey: 'pky',
  dataKey: 'dky',
  observation: 'obs',
  software: 'sw',
  import: 'imp',
  sbom: 'sbm',
  flow: 'flw',
  feedSnapshot: 'fsn',
  finding: 'fnd',
  findingEvent: 'fev',
  vulnException: 'vxc',
  logEvent: 'evt',
  eventSource: 'src',
  deadLetter: 'dlt',
  alert: 'alr',
  suppression: 'sup',
  ruleFile: 'rul',
  incident: 'inc',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const nextUlid = monotonicFactory();

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${nextUlid(now).toLowerCase()}`;
}
