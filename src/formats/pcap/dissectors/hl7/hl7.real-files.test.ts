/**
 * A real HL7 capture from nDPI's test suite (an ADT^A01 over MLLP and its ACK), read where it sits
 * in the shared data folder; it is never copied into the repository. Facts asserted here were read
 * from the capture by hand (tcpdump -A).
 */
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectCapture } from '../../tcp-reassembly-harness.js';
import { dicomDissectorFactory } from '../dicom/index.js';
import { hl7DissectorFactory } from './index.js';

const PCAP = fileURLToPath(
  new URL('../../../../../../shared/data/pcaps/ndpi/hl7.pcap', import.meta.url),
);
const present = existsSync(PCAP);
const title = present
  ? 'HL7 dissector on nDPI hl7.pcap from ../shared/data'
  : 'HL7 dissector on nDPI hl7.pcap: SKIPPED, ../shared/data/pcaps/ndpi/hl7.pcap is absent';

describe.skipIf(!present)(title, () => {
  it('finds the MLLP conversation on port 6661 by content, with both sides described', async () => {
    const { connections, reassembler } = await dissectCapture(
      createReadStream(PCAP),
      [dicomDissectorFactory, hl7DissectorFactory],
      'hl7.pcap',
    );
    expect(connections).toHaveLength(1);
    const [{ connection, sink }] = connections as [(typeof connections)[0]];
    expect(connection).toMatchObject({
      client: { ip: '10.0.0.155', port: 49242 },
      server: { ip: '10.0.0.126', port: 6661 },
      clientBy: 'syn',
      clientMac: '00:0c:29:b5:b6:48',
    });
    expect(sink.identified).toEqual([{ protocol: 'hl7', encrypted: false }]);
    expect(sink.counters.get('hl7.messages')).toBe(2);
    expect(sink.merged('client', 'hl7')).toEqual({
      applications: ['SENDING_APPLICATION'],
      facilities: ['SENDING_FACILITY'],
      messageTypes: ['ADT^A01'],
      versions: ['2.3'],
    });
    expect(sink.merged('server', 'hl7')).toEqual({
      applications: ['RECEIVING_APPLICATION'],
      facilities: ['RECEIVING_FACILITY'],
      messageTypes: ['ACK'],
      versions: ['2.3'],
    });
    expect(sink.diagnostics).toEqual([]);
    expect(reassembler.stats()).toMatchObject({ gaps: 0, liveConnections: 0 });
  });
});
