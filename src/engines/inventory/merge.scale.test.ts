/**
 * Merging at hospital scale: 10,000 observations (a night's scan, a capture and a CMMS export)
 * against 10,000 known assets. The time limit is a hang guard for a loaded CI machine, not a
 * benchmark; the README gives the measured figure.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../domain/observation.js';
import { toKnownAsset } from './assemble.js';
import { counter, day, merge, observation } from './test-helpers.js';
import type { KnownAsset } from './types.js';

const COUNT = 10_000;
const BUDGET_MS = 20_000;

function mac(i: number): string {
  const hex = i.toString(16).padStart(6, '0');
  return `00:1b:63:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

function ip(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/** Observation `i` of a batch; sources rotate between a scan, a capture and the CMMS. */
export function scaleObservation(i: number, dayOfMonth: number): DeviceObservation {
  const kind = (['nmap', 'capture', 'inventory'] as const)[i % 3]!;
  return observation(
    kind,
    `${kind}-${dayOfMonth}`,
    day(dayOfMonth, i % 24),
    {
      mac: kind === 'inventory' ? null : mac(i),
      ips: kind === 'inventory' ? [] : [ip(i)],
      hostnames: [
        { name: `dev-${i}.larkspur.local`, origin: kind === 'capture' ? 'dhcp' : 'dns-ptr' },
      ],
      serial: kind === 'inventory' ? `SN-${i}` : null,
      vendor: i % 5 === 0 ? 'Baxter' : null,
      os: kind === 'nmap' ? 'Linux 4.x' : null,
    },
    {
      services:
        kind === 'nmap'
          ? [
              {
                transport: 'tcp',
                port: 443,
                name: 'https',
                product: null,
                version: null,
                cpes: [],
                tls: true,
              },
            ]
          : [],
    },
  );
}

describe('merge at scale', () => {
  it('merges 10,000 observations against 10,000 known assets within the hang guard', () => {
    const first = merge(
      [],
      Array.from({ length: COUNT }, (_, i) => scaleObservation(i, 1)),
      { newId: counter('k_') },
    );
    const known: KnownAsset[] = first.assets.map(toKnownAsset);
    expect(known).toHaveLength(COUNT);
    // Half the batch sees known devices again, half is new.
    const batch = Array.from({ length: COUNT }, (_, i) => scaleObservation(i * 2, 2));
    const started = performance.now();
    const result = merge(known, batch);
    const elapsed = performance.now() - started;
    expect(result.counts.created + result.counts.updated).toBe(COUNT);
    expect(result.counts.updated).toBe(COUNT / 2);
    expect(elapsed).toBeLessThan(BUDGET_MS);
  }, 120_000);
});
