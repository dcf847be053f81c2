/**
 * Builders for inventory engine tests: observations in a line, a fixed clock, counting ids.
 */
import {
  emptyObservation,
  type DeclaredFacts,
  type DeviceObservation,
  type ObservationSourceKind,
  type ObservedHostname,
} from '../../domain/observation.js';
import { mergeObservations } from './merge.js';
import type { KnownAsset, MergeOptions, MergeResult } from './types.js';

export const NOW = new Date('2026-03-10T00:00:00.000Z');

/** `day(2, 1)` → 2026-03-02T01:00:00.000Z */
export function day(dayOfMonth: number, hour = 0): string {
  return new Date(Date.UTC(2026, 2, dayOfMonth, hour)).toISOString();
}

export interface ObservationSpec {
  readonly mac?: string | null;
  readonly ips?: readonly string[];
  readonly hostnames?: readonly ObservedHostname[];
  readonly serial?: string | null;
  readonly assetTag?: string | null;
  readonly aeTitles?: readonly string[];
  readonly vendor?: string | null;
  readonly model?: string | null;
  readonly os?: string | null;
  readonly firmware?: string | null;
  readonly vlan?: number | null;
  readonly declared?: Partial<DeclaredFacts>;
  readonly importId?: string | null;
}

type Rest = Partial<
  Pick<DeviceObservation, 'services' | 'software' | 'scanFindings' | 'protocols'>
>;

/** An observation from `kind:name` at `at` with the given identifiers and facts. */
export function observation(
  kind: ObservationSourceKind,
  name: string,
  at: string,
  spec: ObservationSpec,
  rest: Rest = {},
): DeviceObservation {
  const base = emptyObservation({ kind, name, importId: spec.importId ?? null }, at);
  return {
    ...base,
    ...rest,
    identifiers: {
      mac: spec.mac ?? null,
      ips: spec.ips ?? [],
      hostnames: spec.hostnames ?? [],
      serial: spec.serial ?? null,
      aeTitles: spec.aeTitles ?? [],
      assetTag: spec.assetTag ?? null,
    },
    vendor: spec.vendor ?? null,
    model: spec.model ?? null,
    os: spec.os ?? null,
    firmware: spec.firmware ?? null,
    vlan: spec.vlan ?? null,
    declared: { ...base.declared, ...spec.declared },
  };
}

/** Ids `ast_1`, `ast_2`… */
export function counter(prefix = 'ast_'): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}${n}`;
  };
}

/** Merges at `NOW` with counting ids and no OUI lookup unless asked for. */
export function merge(
  known: readonly KnownAsset[],
  observations: readonly DeviceObservation[],
  options: Partial<MergeOptions> = {},
): MergeResult {
  return mergeObservations(known, observations, {
    now: NOW,
    newId: counter(),
    vendorOfMac: () => null,
    ...options,
  });
}
