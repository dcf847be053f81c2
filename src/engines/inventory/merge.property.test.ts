import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceObservation, ObservationSourceKind } from '../../domain/observation.js';
import { toKnownAsset } from './assemble.js';
import { isIdentifyingMac } from './identifiers.js';
import { counter, day, merge, observation } from './test-helpers.js';
import type { KnownAsset, MergeResult, MergedAsset } from './types.js';

const MACS = [
  '00:1b:63:84:45:01',
  '00:1b:63:84:45:02',
  '00:1b:63:84:45:03',
  '00:1B:63:84:45:04',
  '58-42-e4-00-00-05',
  'da:a1:19:0b:5c:7e',
  '02:42:ac:11:00:02',
  '00:00:5e:00:01:0a',
];
const IPS = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '::ffff:10.0.0.4', '2001:db8::5', '127.0.0.1'];
const HOSTS = ['ct1', 'CT1.larkspur.local', 'ct1.annex.local', 'pump-7', 'WS-12', 'android'];
const KINDS: ObservationSourceKind[] = ['nmap', 'nessus', 'inventory', 'sbom', 'capture', 'user'];

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const observationArb: fc.Arbitrary<DeviceObservation> = fc
  .record({
    kind: fc.constantFrom(...KINDS),
    file: fc.constantFrom('a', 'b', 'c'),
    hour: fc.integer({ min: 0, max: 8 * 24 }),
    mac: optional(fc.constantFrom(...MACS)),
    ips: fc.subarray(IPS, { maxLength: 2 }),
    hostnames: fc.subarray(HOSTS, { maxLength: 2 }),
    origin: fc.constantFrom('dhcp' as const, 'dns-ptr' as const, 'inventory' as const),
    serial: optional(fc.constantFrom('SN-1', 'sn-1', 'SN-2', '0000')),
    assetTag: optional(fc.constantFrom('BME-1', 'BME-2')),
    aeTitles: fc.subarray(['CT_MAIN', 'PACS'], { maxLength: 1 }),
    vendor: optional(fc.constantFrom('Baxter', 'Baxter International Inc', 'GE HealthCare')),
    os: optional(fc.constantFrom('Windows 10', 'VxWorks', 'Linux')),
    name: optional(fc.constantFrom('Pump 7', 'CT 1')),
    port: optional(fc.constantFrom(22, 104, 443)),
    vendorClass: optional(fc.constantFrom('MSFT 5.0', 'udhcp 1.30')),
  })
  .map((r) =>
    observation(
      r.kind,
      `${r.kind}-${r.file}`,
      new Date(Date.parse(day(1)) + r.hour * 3_600_000).toISOString(),
      {
        mac: r.mac,
        ips: r.ips,
        hostnames: r.hostnames.map((name) => ({ name, origin: r.origin })),
        serial: r.serial,
        assetTag: r.assetTag,
        aeTitles: r.aeTitles,
        vendor: r.vendor,
        os: r.os,
        declared: { name: r.name },
      },
      {
        services:
          r.port === null
            ? []
            : [
                {
                  transport: 'tcp',
                  port: r.port,
                  name: null,
                  product: r.os,
                  version: null,
                  cpes: [],
                  tls: false,
                },
              ],
        protocols:
          r.vendorClass === null
            ? {}
            : {
                dhcp: {
                  hostname: null,
                  vendorClass: r.vendorClass,
                  fingerprint: null,
                  clientId: null,
                },
              },
      },
    ),
  );

const batchArb = fc.array(observationArb, { minLength: 1, maxLength: 14 });

/**
 * Observations of a fixed set of devices, each showing some of its own identifiers: what a
 * hospital's sources look like when every address is held by one device at a time.
 */
const DEVICES = [
  {
    mac: '00:1b:63:84:45:01',
    names: ['ct1.larkspur.local', 'CT1'],
    ae: 'CT_MAIN',
    vendor: 'GE HealthCare',
  },
  { mac: '58:42:e4:00:00:05', names: ['pump-7'], ae: null, vendor: 'Baxter' },
  { mac: '00:1B:63:84:45:03', names: ['ws-12.larkspur.local', 'WS-12'], ae: null, vendor: 'Dell' },
  { mac: 'da:a1:19:0b:5c:7e', names: ['annas-iphone'], ae: null, vendor: 'Apple' },
  { mac: null, names: ['pacs01'], ae: 'LARK_PACS', vendor: 'Fujifilm' },
  { mac: '00:00:5e:00:01:0a', names: ['core-rtr'], ae: null, vendor: 'Cisco' },
];

const deviceObservationArb: fc.Arbitrary<DeviceObservation> = fc
  .record({
    device: fc.nat({ max: DEVICES.length - 1 }),
    shows: fc.subarray(['mac', 'ip', 'name', 'serial', 'tag', 'ae'] as const, { minLength: 1 }),
    showsVendor: fc.boolean(),
    nameVariant: fc.nat({ max: 1 }),
    kind: fc.constantFrom(...KINDS),
    file: fc.constantFrom('a', 'b'),
    hour: fc.integer({ min: 0, max: 8 * 24 }),
    os: optional(fc.constantFrom('Windows 10', 'VxWorks')),
  })
  .map((r) => {
    const d = DEVICES[r.device]!;
    const has = (what: (typeof r.shows)[number]) => r.shows.includes(what);
    const name = d.names[Math.min(r.nameVariant, d.names.length - 1)]!;
    return observation(
      r.kind,
      `${r.kind}-${r.file}`,
      new Date(Date.parse(day(1)) + r.hour * 3_600_000).toISOString(),
      {
        mac: has('mac') ? d.mac : null,
        ips: has('ip') || has('ae') ? [`10.0.0.${r.device + 1}`] : [],
        hostnames: has('name') ? [{ name, origin: 'dhcp' }] : [],
        serial: has('serial') ? `SN-${r.device}` : null,
        assetTag: has('tag') ? `BME-${r.device}` : null,
        aeTitles: has('ae') && d.ae !== null ? [d.ae] : [],
        vendor: r.showsVendor ? d.vendor : null,
        os: r.os,
      },
    );
  });

const deviceBatchArb = fc.array(deviceObservationArb, { minLength: 1, maxLength: 16 });

/** Everything about an asset but its id and the input positions. */
function signature(asset: MergedAsset): string {
  const rest: Record<string, unknown> = { ...asset };
  for (const key of ['id', 'observations', 'facts']) rest[key] = undefined;
  const factTexts = asset.facts.map((f) => JSON.stringify(f)).sort();
  const displayName = asset.displayName === asset.id ? '' : asset.displayName;
  return JSON.stringify({ rest: { ...rest, displayName }, factTexts });
}

function signatures(result: MergeResult): string[] {
  return result.assets.map(signature).sort();
}

function known(result: MergeResult): KnownAsset[] {
  return result.assets.map(toKnownAsset);
}

describe('merge properties', () => {
  it('the same batch in any order gives the same assets and the same winning facts', () => {
    fc.assert(
      fc.property(batchArb, batchArb, fc.nat(), (earlier, batch, seed) => {
        const base = known(merge([], earlier));
        const shuffled = fc.sample(fc.shuffledSubarray(batch, { minLength: batch.length }), {
          numRuns: 1,
          seed,
        })[0]!;
        const a = merge(base, batch, { newId: counter('a_') });
        const b = merge(base, shuffled, { newId: counter('b_') });
        expect(signatures(b)).toEqual(signatures(a));
        expect(b.counts).toEqual(a.counts);
      }),
      { numRuns: 200 },
    );
  });

  it('merging the same observations again changes nothing', () => {
    fc.assert(
      fc.property(deviceBatchArb, deviceBatchArb, (earlier, batch) => {
        const base = known(merge([], earlier));
        const first = merge(base, batch);
        const touched = new Set(first.assets.map((a) => a.id));
        const all = [...base.filter((k) => !touched.has(k.id)), ...known(first)];
        const again = merge(all, batch);
        expect(again.counts.created).toBe(0);
        expect(again.assets.filter((a) => a.changed).map((a) => a.id)).toEqual([]);
        expect(again.changed).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('no asset ever holds two different MACs that identify a device', () => {
    fc.assert(
      fc.property(fc.array(batchArb, { minLength: 1, maxLength: 4 }), (batches) => {
        const store = new Map<string, KnownAsset>();
        for (const batch of batches) {
          const result = merge([...store.values()], batch, { newId: counter(`${store.size}_`) });
          for (const asset of result.assets) {
            const macs = asset.identifiers
              .filter((i) => i.kind === 'mac' && isIdentifyingMac(i.value))
              .map((i) => i.value);
            expect(new Set(macs).size).toBeLessThanOrEqual(1);
            store.set(asset.id, toKnownAsset(asset));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on arbitrary identifier text, and every observation is placed or noted', () => {
    const text = fc.string({ maxLength: 40 });
    const wild = fc
      .record({
        at: fc.oneof(
          text,
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        mac: optional(text),
        ips: fc.array(text, { maxLength: 3 }),
        hostname: text,
        serial: optional(text),
        tag: optional(text),
        ae: text,
      })
      .map((r) =>
        observation('capture', 'fuzz.pcap', r.at, {
          mac: r.mac,
          ips: r.ips,
          hostnames: [{ name: r.hostname, origin: 'dhcp' }],
          serial: r.serial,
          assetTag: r.tag,
          aeTitles: [r.ae],
        }),
      );
    fc.assert(
      fc.property(fc.array(wild, { maxLength: 20 }), (batch) => {
        const result = merge([], batch);
        const placed = result.assets.flatMap((a) => a.observations);
        const skipped = result.notes.flatMap((n) => (n.kind === 'skipped' ? [n.observation] : []));
        expect([...placed, ...skipped].sort((x, y) => x - y)).toEqual(batch.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });
});
