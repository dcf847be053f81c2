/**
 * An inventory record as the `DeviceObservation` every import produces. The CMMS or CMDB is a
 * person's record of the device, so its category, patient-safety level, ePHI flag, location,
 * owner, zone and site go to `declared`, which beats anything Wardline infers.
 */
import {
  emptyObservation,
  type DeviceObservation,
  type ObservationSource,
  type ObservedSoftware,
} from '../../domain/observation.js';
import type { InventoryRecord } from './types.js';

/**
 * The end of support of the device itself, as a `device` software entry named by its model (else
 * its name); absent when the row gives no date.
 */
function deviceSupport(record: InventoryRecord): ObservedSoftware[] {
  if (record.endOfSupport === null) return [];
  return [
    {
      kind: 'device',
      name: record.model ?? record.name ?? 'device',
      version: null,
      supplier: record.vendor,
      purl: null,
      cpe: null,
      hashes: {},
      endOfSupport: record.endOfSupport,
    },
  ];
}

/**
 * Builds the observation for one record. `exportedAt` (ISO 8601 UTC: the export's or the import's
 * time) is the observation time, unless the row's own `lastSeen` is earlier: then the row's
 * identifiers are as of that moment.
 *
 * @example
 * toDeviceObservation(record, { kind: 'inventory', name: 'nuvolo.csv', importId: null }, '2026-01-05T00:00:00.000Z')
 * // → { identifiers: { mac, ips, hostnames: [{ name, origin: 'inventory' }], serial, assetTag, aeTitles },
 * //     vendor, model, os, firmware, vlan, declared: { name, category, patientSafety, holdsEphi, … } }
 */
export function toDeviceObservation(
  record: InventoryRecord,
  source: ObservationSource,
  exportedAt: string,
): DeviceObservation {
  const observedAt =
    record.lastSeen !== null && Date.parse(record.lastSeen) < Date.parse(exportedAt)
      ? record.lastSeen
      : exportedAt;
  const empty = emptyObservation(source, observedAt);
  return {
    ...empty,
    identifiers: {
      mac: record.mac,
      ips: record.ips,
      hostnames: record.hostname === null ? [] : [{ name: record.hostname, origin: 'inventory' }],
      serial: record.serial,
      aeTitles: record.aeTitles,
      assetTag: record.assetTag,
    },
    vendor: record.vendor,
    model: record.model,
    os: record.os,
    firmware: record.firmware,
    vlan: record.vlan,
    software: deviceSupport(record),
    declared: {
      name: record.name,
      category: record.category,
      patientSafety: record.patientSafety,
      holdsEphi: record.holdsEphi,
      location: record.location,
      owner: record.owner ?? record.department,
      zoneName: record.zone,
      siteCode: record.site,
    },
  };
}
