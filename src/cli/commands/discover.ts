/**
 * `wardline discover FILE.pcap`: the devices and conversations a capture shows, classified from
 * traffic alone, without changing the inventory (`wardline ingest capture` imports it).
 */
import { Command } from 'commander';
import { discoverFile, type Discovery } from '../../services/discovery.js';
import { createOutput } from '../output.js';
import { createProgress } from '../progress.js';

export function discoverCommand(): Command {
  return new Command('discover')
    .description(
      'list the devices and conversations in a capture (pcap or pcapng), classified from their traffic',
    )
    .argument('<file>', 'the capture')
    .option('--json', 'print { assets, flows, diagnostics, stats } as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const progress = createProgress(
        'Reading capture',
        process.stderr.isTTY && options.json !== true,
      );
      let discovery: Discovery;
      try {
        discovery = await discoverFile(file, (fraction) => {
          progress.update(fraction, undefined);
        });
      } finally {
        progress.stop();
      }
      createOutput(options.json === true).data(discovery, table(discovery));
    });
}

function table(discovery: Discovery): string {
  const lines = discovery.assets.map((a) => {
    const facts = [
      a.dicom === undefined ? '' : `DICOM ${a.dicom.aeTitles.join('/')}`,
      a.hl7 === undefined ? '' : `HL7 ${a.hl7.applications.join('/')}`,
      a.dhcp?.hostname == null ? '' : `DHCP ${a.dhcp.hostname}`,
      a.tls === undefined ? '' : `TLS ${a.tls.sni.join('/')}`,
    ].filter((f) => f !== '');
    return [
      (a.ips[0] ?? '-').padEnd(16),
      (a.mac ?? '-').padEnd(18),
      a.category.padEnd(21),
      (a.vendor ?? '-').slice(0, 24).padEnd(25),
      facts.join('; '),
    ].join(' ');
  });
  return [
    `${String(discovery.assets.length)} device(s), ${String(discovery.flows.length)} conversation(s), ${String(discovery.stats.packets)} packets, ${String(discovery.diagnostics.length)} diagnostic(s) in ${discovery.source}`,
    ...lines,
  ].join('\n');
}
