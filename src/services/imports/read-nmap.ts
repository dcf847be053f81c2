/** Reads an Nmap XML report into observations, one per host that was up. */
import type { DeviceObservation } from '../../domain/observation.js';
import { parseNmapXml } from '../../formats/nmap/index.js';
import { observeNmapHost } from './from-nmap.js';
import { emptyReading, type Reader } from './reading.js';

export const readNmap: Reader = async (input, context) => {
  const reading = emptyReading();
  const hosts: Parameters<typeof observeNmapHost>[0][] = [];
  let runStart: string | null = null;
  for await (const item of parseNmapXml(input, { source: context.source.name })) {
    if (context.signal.aborted) break;
    if (item.kind === 'host') hosts.push(item.host);
    else if (item.kind === 'diagnostic') reading.diagnostics.push(item.diagnostic);
    else runStart = item.run.finishedTime ?? item.run.startTime;
  }
  // A host without its own times was seen when the run was: known only once the run has ended.
  const fallback = runStart ?? context.importedAt;
  reading.observations.push(
    ...hosts
      .map((host) => observeNmapHost(host, context.source, fallback))
      .filter((o): o is DeviceObservation => o !== null),
  );
  return reading;
};
