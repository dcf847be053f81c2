/**
 * SSVC System Exposure (`ssvc:EXP:1.0.1`) from the zone an asset sits in. The SSVC values:
 * small — local service or program, highly controlled network; controlled — networked service
 * with access restrictions or mitigations that reliably interrupt an attack; open — internet or
 * another widely accessible network where access cannot plausibly be restricted.
 *
 * @example
 * exposureOfZone('dmz', {});
 * // → { exposure: 'open', explanation: 'Zone kind dmz: …' }
 * exposureOfZone('clinical-device', { isolated: true }).exposure; // → 'small'
 * exposureOfZone(null, {}).exposure; // → 'controlled'
 */
import type { ZoneKind } from '../../../domain/inventory.js';
import type { Exposure } from '../../../domain/vulnerability.js';

/** What is known of the asset's reachability beyond its zone's kind. */
export interface ExposureFacts {
  /** Reachable from the internet (a published service, a port forward, a public address). */
  readonly internetFacing?: boolean;
  /**
   * The zone is known to be isolated: no route in from other zones except through a gateway the
   * hospital controls (a dedicated medical-device VLAN with deny-by-default ACLs, an air gap).
   * The zone engine or a person states it; a zone's kind alone never does.
   */
  readonly isolated?: boolean;
}

export interface ExposureResult {
  readonly exposure: Exposure;
  readonly explanation: string;
}

interface ZoneExposure {
  readonly exposure: Exposure;
  /** Whether an `isolated` fact may lower it to small. Open zones stay open. */
  readonly mayBeIsolated: boolean;
  readonly why: string;
}

/**
 * Zone kind → exposure. Deliberate choices:
 * - `internet`, `dmz`: open by definition (services published to the internet).
 * - `guest`: open. Anyone in the building joins guest Wi-Fi without an account; SSVC's “access
 *   cannot plausibly be restricted” fits better than “controlled”, even though it is not the
 *   internet.
 * - `clinical-device`, `imaging`: controlled. These are the segments most hospitals isolate, but a
 *   zone named for medical devices is not proof that it is isolated (flat networks with a VLAN
 *   label are common), and calling it small lowers priority on the devices where harm is worst.
 *   They become small only with the `isolated` fact.
 * - `ehr`, `server`, `workstation`, `network`: controlled: reachable from the clinical network
 *   behind the usual perimeter and internal filtering. Workstations browse the web and read mail,
 *   but inbound access is still restricted.
 */
const ZONE_EXPOSURE: Readonly<Record<ZoneKind, ZoneExposure>> = {
  internet: { exposure: 'open', mayBeIsolated: false, why: 'the internet' },
  dmz: { exposure: 'open', mayBeIsolated: false, why: 'services published to the internet' },
  guest: {
    exposure: 'open',
    mayBeIsolated: false,
    why: 'guest network anyone on site can join',
  },
  'clinical-device': {
    exposure: 'controlled',
    mayBeIsolated: true,
    why: 'medical-device segment, not known to be isolated',
  },
  imaging: {
    exposure: 'controlled',
    mayBeIsolated: true,
    why: 'imaging segment, not known to be isolated',
  },
  ehr: { exposure: 'controlled', mayBeIsolated: true, why: 'internal clinical systems' },
  server: { exposure: 'controlled', mayBeIsolated: true, why: 'internal servers' },
  workstation: { exposure: 'controlled', mayBeIsolated: true, why: 'internal workstations' },
  network: { exposure: 'controlled', mayBeIsolated: true, why: 'network infrastructure' },
};

/** The table, for the README and tests. */
export const ZONE_EXPOSURE_TABLE: Readonly<Record<ZoneKind, Exposure>> = Object.fromEntries(
  Object.entries(ZONE_EXPOSURE).map(([kind, entry]) => [kind, entry.exposure]),
) as Record<ZoneKind, Exposure>;

/**
 * The exposure of an asset in a zone of this kind (null: the asset is in no known zone). An
 * internet-facing asset is open whatever its zone; an isolated zone is small unless its kind is
 * open by nature; an asset in no known zone is taken as controlled, and the explanation says the
 * zone is unknown.
 */
export function exposureOfZone(zoneKind: ZoneKind | null, facts: ExposureFacts): ExposureResult {
  if (facts.internetFacing === true) {
    return { exposure: 'open', explanation: 'Reachable from the internet: exposure open.' };
  }
  if (zoneKind === null) {
    return {
      exposure: 'controlled',
      explanation:
        facts.isolated === true
          ? 'Zone unknown; isolation alone without a zone is not trusted: exposure taken as controlled.'
          : 'Zone unknown: exposure taken as controlled until the asset is placed in a zone.',
    };
  }
  const entry = ZONE_EXPOSURE[zoneKind];
  if (facts.isolated === true && entry.mayBeIsolated) {
    return {
      exposure: 'small',
      explanation: `Zone kind ${zoneKind}, isolated from other zones: exposure small.`,
    };
  }
  return {
    exposure: entry.exposure,
    explanation: `Zone kind ${zoneKind} (${entry.why}): exposure ${entry.exposure}.`,
  };
}
