/** Assembles an `SbomComponent` from what a format parser read, filling defaults and device facts. */
import { deviceFacts } from './device-facts.js';
import type { SbomComponent, SbomComponentType, SbomProperty } from './types.js';

/** What a format parser read for one component; omitted fields become `null` or empty. */
export interface ComponentDraft {
  readonly ref: string | null;
  readonly parent: string | null;
  readonly type: SbomComponentType | null;
  readonly name: string;
  readonly version?: string | null;
  readonly group?: string | null;
  readonly supplier?: string | null;
  readonly manufacturer?: string | null;
  readonly publisher?: string | null;
  readonly author?: string | null;
  readonly purl?: string | null;
  readonly cpes?: readonly string[];
  readonly hashes?: Readonly<Record<string, string>>;
  readonly licenses?: readonly string[];
  readonly properties?: readonly SbomProperty[];
  /** SPDX `validUntilDate`; a property naming the end of support wins over it. */
  readonly validUntil?: string | null;
  readonly releaseDate?: string | null;
  readonly annotations?: readonly string[];
}

/** The complete component, device facts derived from its properties (or SPDX `validUntilDate`). */
export function buildComponent(draft: ComponentDraft): SbomComponent {
  const properties = draft.properties ?? [];
  const facts = deviceFacts(properties);
  return {
    ref: draft.ref,
    parent: draft.parent,
    type: draft.type,
    name: draft.name,
    ...parties(draft),
    purl: draft.purl ?? null,
    cpes: draft.cpes ?? [],
    hashes: draft.hashes ?? {},
    licenses: draft.licenses ?? [],
    properties,
    endOfSupport: facts.endOfSupport ?? draft.validUntil ?? null,
    endOfLife: facts.endOfLife,
    levelOfSupport: facts.levelOfSupport,
    model: facts.model,
    serialNumber: facts.serialNumber,
    releaseDate: draft.releaseDate ?? null,
    annotations: draft.annotations ?? [],
  };
}

/** Version, group and the people and organizations behind the component. */
function parties(
  draft: ComponentDraft,
): Pick<SbomComponent, 'version' | 'group' | 'supplier' | 'manufacturer' | 'publisher' | 'author'> {
  return {
    version: draft.version ?? null,
    group: draft.group ?? null,
    supplier: draft.supplier ?? null,
    manufacturer: draft.manufacturer ?? null,
    publisher: draft.publisher ?? null,
    author: draft.author ?? null,
  };
}

/** Appends `value` unless it is already there (licenses, CPEs keep document order). */
export function pushUnique(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value)) list.push(value);
}
