/**
 * `wardline discover`: what a capture shows, without touching the inventory. Each device seen is
 * classified by the inventory engine from its traffic alone, so a clinical engineer can check a
 * capture from a SPAN port before importing it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Diagnostic } from '../domain/diagnostic.js';
import type { AssetCategory } from '../domain/inventory.js';
import type { DeviceObservation, ObservedFlow, ProtocolFacts } from '../domain/observation.js';
import {
  classifyAsset,
  countServerPeers,
  ouiVendor,
  type PeerCounts,
} from '../engines/inventory/index.js';
import { discoverCapture } from '../formats/pcap/discover/index.js';

/** One device as `discover --json` prints it: identity, category and per-protocol facts. */
export type DiscoveredAsset = {
  readonly mac: string | null;
  readonly ips: readonly string[];
  readonly hostnames: readonly string[];
  readonly vendor: string | null;
  readonly category: AssetCategory;
  readonly confidence: number;
  readonly reasons: readonly string[];
  readonly vlan: number | null;
  readonly services: readonly {
    transport: string;
    port: number;
    name: string | null;
    tls: boolean;
  }[];
  readonly firstSeen?: string;
  readonly lastSeen: string;
} & ProtocolFacts;

export interface Discovery {
  readonly source: string;
  readonly assets: readonly DiscoveredAsset[];
  readonly flows: readonly ObservedFlow[];
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: { readonly packets: number; readonly bytes: number };
}

export async function discoverFile(
  path: string,
  onProgress?: (fraction: number) => void,
): Promise<Discovery> {
  const { size } = await stat(path);
  const source = basename(path);
  const result = await discoverCapture(createReadStream(path) as AsyncIterable<Buffer>, {
    source,
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (bytes: number) => {
            onProgress(bytes / Math.max(size, 1));
          },
        }),
  });
  const peers = countServerPeers(result.flows);
  return {
    source,
    assets: result.observations.map((o) => describe(o, peers)),
    flows: result.flows,
    diagnostics: result.diagnostics,
    stats: { packets: result.stats.packets, bytes: result.stats.capturedBytes },
  };
}

function describe(o: DeviceObservation, peers: ReadonlyMap<string, PeerCounts>): DiscoveredAsset {
  const mac = o.identifiers.mac;
  const oui = mac === null ? null : ouiVendor(mac);
  const vendor = o.vendor ?? oui;
  const hostnames = o.identifiers.hostnames.map((h) => h.name);
  const peerCounts = o.identifiers.ips
    .map((ip) => peers.get(ip))
    .find((p): p is PeerCounts => p !== undefined);
  const classification = classifyAsset({
    vendor,
    vendorFromOui: o.vendor === null && oui !== null,
    model: o.model,
    os: o.os,
    hostnames,
    aeTitles: o.identifiers.aeTitles,
    services: o.services,
    software: o.software,
    protocols: o.protocols,
    ...(peerCounts === undefined ? {} : { peers: peerCounts }),
  });
  return {
    mac,
    ips: o.identifiers.ips,
    hostnames,
    vendor,
    category: classification.category,
    confidence: classification.confidence,
    reasons: classification.reasons,
    vlan: o.vlan,
    services: o.services.map((s) => ({
      transport: s.transport,
      port: s.port,
      name: s.name,
      tls: s.tls,
    })),
    lastSeen: o.observedAt,
    ...o.protocols,
  };
}
