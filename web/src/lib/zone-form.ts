/**
 * The zone editor's values, their checks, and the zone fields the API takes. Networks are a list
 * of CIDRs, each checked on its own so the message sits beside the line that is wrong.
 */
import type { Zone, ZoneFields } from '../api/types';
import type { ZoneKind } from '../api/vocabulary';
import { cidrListProblems, MAX_ZONE_CIDRS } from './cidr';

export interface ZoneFormValues {
  readonly name: string;
  readonly kind: ZoneKind | null;
  /** As typed; empty lines are dropped when sending. */
  readonly cidrs: readonly string[];
  /** As typed; '' for none. */
  readonly vlan: string;
  readonly description: string;
}

export interface ZoneFormProblems {
  readonly name?: string;
  readonly kind?: string;
  readonly vlan?: string;
  readonly description?: string;
  /** One entry per CIDR line, null where the line is fine. */
  readonly cidrs: readonly (string | null)[];
  /** About the list as a whole. */
  readonly cidrList?: string;
}

const MAX_NAME_CHARS = 128;
const MAX_DESCRIPTION_CHARS = 1000;

export const EMPTY_ZONE_FORM: ZoneFormValues = {
  name: '',
  kind: null,
  cidrs: [''],
  vlan: '',
  description: '',
};

export function zoneFormOf(zone: Zone): ZoneFormValues {
  return {
    name: zone.name,
    kind: zone.kind,
    cidrs: zone.cidrs.length === 0 ? [''] : [...zone.cidrs],
    vlan: zone.vlan === null ? '' : String(zone.vlan),
    description: zone.description ?? '',
  };
}

/** The lines that hold something; a blank line is an unused field, not a network. */
function filledCidrs(cidrs: readonly string[]): string[] {
  return cidrs.map((c) => c.trim()).filter((c) => c !== '');
}

function vlanProblem(vlan: string): string | undefined {
  const text = vlan.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= 4094
    ? undefined
    : 'A VLAN is a number from 1 to 4094.';
}

export function zoneFormProblems(values: ZoneFormValues): ZoneFormProblems {
  const name = values.name.trim();
  const lineProblems = cidrListProblems(values.cidrs.map((c) => c.trim()));
  return {
    name:
      name === ''
        ? 'A zone needs a name.'
        : name.length > MAX_NAME_CHARS
          ? `Use at most ${String(MAX_NAME_CHARS)} characters.`
          : undefined,
    kind: values.kind === null ? 'Choose what the zone is for.' : undefined,
    vlan: vlanProblem(values.vlan),
    description:
      values.description.trim().length > MAX_DESCRIPTION_CHARS
        ? `Use at most ${String(MAX_DESCRIPTION_CHARS)} characters.`
        : undefined,
    // A blank line is fine (it is dropped), unless it is the only one: then nothing places assets.
    cidrs: values.cidrs.map((c, i) => (c.trim() === '' ? null : (lineProblems[i] ?? null))),
    cidrList:
      filledCidrs(values.cidrs).length > MAX_ZONE_CIDRS
        ? `A zone lists at most ${String(MAX_ZONE_CIDRS)} networks.`
        : undefined,
  };
}

export function hasZoneProblems(problems: ZoneFormProblems): boolean {
  const { name, kind, vlan, description, cidrs, cidrList } = problems;
  return (
    cidrs.some((p) => p !== null) ||
    [name, kind, vlan, description, cidrList].some((p) => p !== undefined)
  );
}

/** The fields to send; call only when `hasZoneProblems` is false. */
export function toZoneFields(values: ZoneFormValues): ZoneFields {
  const description = values.description.trim();
  return {
    name: values.name.trim(),
    kind: values.kind ?? 'network',
    cidrs: filledCidrs(values.cidrs),
    vlan: values.vlan.trim() === '' ? null : Number(values.vlan.trim()),
    description: description === '' ? null : description,
  };
}
