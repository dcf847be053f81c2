/** Reads a packet capture (pcap or pcapng) into the devices seen in it and their conversations. */
import { discoverCapture } from '../../formats/pcap/discover/index.js';
import type { Reader } from './reading.js';

export const readCapture: Reader = async (input, context) => {
  const result = await discoverCapture(input, {
    source: context.source.name,
    sourceRef: context.source,
    fallbackTime: context.importedAt,
    signal: context.signal,
  });
  return {
    observations: result.observations,
    flows: result.flows,
    sbom: null,
    diagnostics: result.diagnostics,
  };
};
