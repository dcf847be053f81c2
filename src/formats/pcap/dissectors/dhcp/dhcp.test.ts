import { describe, expect, it } from 'vitest';
import { AT, RecordingSink } from '../tls/test-helpers.js';
import { dhcpDatagramDissector } from './dhcp-dissector.js';
import { parseDhcpMessage } from './dhcp-message.js';
import { dhcpMessage, ip, text, type, type TestDhcpMessage } from './test-messages.js';

const MAC = '00:1b:63:84:45:e6';

function dissect(spec: TestDhcpMessage | Uint8Array): RecordingSink {
  const sink = new RecordingSink();
  const bytes = spec instanceof Uint8Array ? spec : dhcpMessage(spec);
  dhcpDatagramDissector.dissect(bytes, AT, sink);
  return sink;
}

const DISCOVER: TestDhcpMessage = {
  options: [
    type(1),
    [61, [1, 0x00, 0x1b, 0x63, 0x84, 0x45, 0xe6]],
    [50, ip('10.1.4.20')],
    [12, text('PUMP-0417')],
    [60, text('BD-Alaris')],
    [55, [1, 3, 6, 15, 119, 252]],
  ],
};

describe('DHCP dissector', () => {
  it('matches UDP between the BOOTP ports only', () => {
    const payload = dhcpMessage(DISCOVER);
    expect(dhcpDatagramDissector.matches({ src: 68, dst: 67 }, payload)).toBe(true);
    expect(dhcpDatagramDissector.matches({ src: 67, dst: 68 }, payload)).toBe(true);
    expect(dhcpDatagramDissector.matches({ src: 67, dst: 67 }, payload)).toBe(true);
    expect(dhcpDatagramDissector.matches({ src: 5000, dst: 67 }, payload)).toBe(false);
  });

  it('reports a DISCOVER as the client: facts, host name and the requested address', () => {
    const sink = dissect(DISCOVER);
    const subject = { mac: MAC, ip: '10.1.4.20' };
    expect(sink.diagnostics).toEqual([]);
    expect(sink.identified).toEqual([{ protocol: 'dhcp', encrypted: false }]);
    expect(sink.counts.get('dhcp.discover')).toBe(1);
    expect(sink.facts).toEqual([
      {
        subject,
        facts: {
          dhcp: {
            hostname: 'PUMP-0417',
            vendorClass: 'BD-Alaris',
            fingerprint: '1,3,6,15,119,252',
            clientId: '01:00:1b:63:84:45:e6',
          },
        },
      },
    ]);
    expect(sink.hostnames).toEqual([{ subject, hostname: { name: 'PUMP-0417', origin: 'dhcp' } }]);
  });

  it('parses the message fields', () => {
    const { message } = parseDhcpMessage(dhcpMessage(DISCOVER), AT);
    expect(message).toEqual({
      op: 1,
      transactionId: 0x3903f326,
      messageType: 'discover',
      clientMac: MAC,
      clientIp: null,
      yourIp: null,
      requestedIp: '10.1.4.20',
      hostname: 'PUMP-0417',
      vendorClass: 'BD-Alaris',
      parameterRequestList: [1, 3, 6, 15, 119, 252],
      clientId: '01:00:1b:63:84:45:e6',
      fqdn: null,
    });
  });

  it('ties the assigned address to the client in an ACK without touching its facts', () => {
    const sink = dissect({
      op: 2,
      yiaddr: '10.1.4.21',
      options: [type(5), [54, ip('10.1.0.1')], [12, text('pump-0417')]],
    });
    const subject = { mac: MAC, ip: '10.1.4.21' };
    expect(sink.facts).toEqual([{ subject, facts: {} }]);
    expect(sink.hostnames).toEqual([{ subject, hostname: { name: 'pump-0417', origin: 'dhcp' } }]);
    expect(sink.counts.get('dhcp.ack')).toBe(1);
  });

  it('does not give the client an OFFER address or a DECLINE address', () => {
    const offer = dissect({ op: 2, yiaddr: '10.1.4.21', options: [type(2)] });
    expect(offer.facts).toEqual([]);
    expect(offer.hostnames).toEqual([]);
    const decline = dissect({ options: [type(4), [50, ip('10.1.4.21')]] });
    expect(decline.facts).toEqual([]);
    expect(decline.counts.get('dhcp.decline')).toBe(1);
  });

  it('uses ciaddr for RELEASE and INFORM', () => {
    const release = dissect({ ciaddr: '10.1.4.21', options: [type(7)] });
    expect(release.facts).toEqual([{ subject: { mac: MAC, ip: '10.1.4.21' }, facts: {} }]);
    const inform = dissect({ ciaddr: '10.1.4.21', options: [type(8), [55, [1, 3]]] });
    expect(inform.facts[0]).toMatchObject({
      subject: { mac: MAC, ip: '10.1.4.21' },
      facts: { dhcp: { fingerprint: '1,3', hostname: null, vendorClass: null, clientId: null } },
    });
  });

  it('reads options from file and sname when option 52 overloads them', () => {
    const sink = dissect({
      options: [type(3), [52, [3]]],
      file: [55, 2, 1, 3, 255],
      sname: [12, 5, ...text('MRI-1'), 255],
    });
    expect(sink.diagnostics).toEqual([]);
    expect(sink.facts[0]?.facts.dhcp).toMatchObject({ hostname: 'MRI-1', fingerprint: '1,3' });
  });

  it('ignores file and sname without option 52', () => {
    const sink = dissect({ options: [type(3)], sname: [12, 5, ...text('MRI-1'), 255] });
    expect(sink.facts[0]?.facts.dhcp?.hostname).toBeNull();
  });

  it('joins repeated instances of one option (RFC 3396) and skips pad bytes', () => {
    const sink = dissect({ raw: [53, 1, 1, 0, 0, 55, 2, 1, 3, 0, 55, 1, 6, 255, 12, 1, 0x78] });
    expect(sink.facts[0]?.facts.dhcp?.fingerprint).toBe('1,3,6');
    expect(sink.facts[0]?.facts.dhcp?.hostname).toBeNull();
  });

  it('keeps the options before one that runs past the end', () => {
    const sink = dissect({ raw: [53, 1, 1, 12, 3, ...text('XR7'), 60, 40, 1, 2] });
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_OPTION_INVALID']);
    expect(sink.facts[0]?.facts.dhcp).toMatchObject({ hostname: 'XR7', vendorClass: null });
  });

  it('stops after 256 options', () => {
    const raw = [53, 1, 1, ...Array.from({ length: 300 }, () => [224, 1, 0]).flat(), 255];
    const sink = dissect({ raw });
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_LIMIT_EXCEEDED']);
    expect(sink.counts.get('dhcp.discover')).toBe(1);
  });

  it('cuts an option concatenated beyond 1 KiB', () => {
    const raw = [
      53,
      1,
      1,
      ...Array.from({ length: 5 }, () => [55, 255, ...Array<number>(255).fill(1)]).flat(),
      255,
    ];
    const { message, diagnostics } = parseDhcpMessage(dhcpMessage({ raw }), AT);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_LIMIT_EXCEEDED']);
    expect(message?.parameterRequestList).toHaveLength(1024);
  });

  it('flags option values of the wrong size', () => {
    const { message, diagnostics } = parseDhcpMessage(
      dhcpMessage({
        options: [
          [53, [1, 2]],
          [50, [10, 1]],
          [81, [0]],
        ],
      }),
      AT,
    );
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_DHCP_OPTION_INVALID',
      'WL_DHCP_OPTION_INVALID',
      'WL_DHCP_OPTION_INVALID',
    ]);
    expect(message).toMatchObject({ messageType: null, requestedIp: null, fqdn: null });
  });

  it('reads the client FQDN in wire format and as text, and names the client by it', () => {
    const wire = dissect({
      options: [type(3), [81, [0x05, 0, 0, 3, ...text('cta'), 4, ...text('ward'), 0]]],
    });
    expect(wire.hostnames[0]?.hostname).toEqual({ name: 'cta.ward', origin: 'dhcp' });
    const partial = parseDhcpMessage(
      dhcpMessage({ options: [[81, [0x04, 0, 0, 3, ...text('cta')]]] }),
      AT,
    );
    expect(partial.message?.fqdn).toEqual({ flags: 4, name: 'cta' });
    const ascii = parseDhcpMessage(
      dhcpMessage({ options: [[81, [0x01, 255, 255, ...text('ct-2.ward.local')]]] }),
      AT,
    );
    expect(ascii.message?.fqdn).toEqual({ flags: 1, name: 'ct-2.ward.local' });
    const broken = parseDhcpMessage(dhcpMessage({ options: [[81, [0x04, 0, 0, 9, 0x61]]] }), AT);
    expect(broken.diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_OPTION_INVALID']);
  });

  it('strips NUL padding and replaces control characters in text options', () => {
    const { message } = parseDhcpMessage(
      dhcpMessage({
        options: [
          [12, [...text('ECG'), 0x07, ...text('1'), 0, 0]],
          [60, [0, 0]],
        ],
      }),
      AT,
    );
    expect(message?.hostname).toBe('ECG\uFFFD1');
    expect(message?.vendorClass).toBeNull();
  });

  it('reads plain BOOTP (no magic cookie) for its addresses', () => {
    const reply = dissect({ op: 2, yiaddr: '10.9.0.7', cookie: false, raw: [1, 2, 3] });
    expect(reply.diagnostics).toEqual([]);
    expect(reply.facts).toEqual([{ subject: { mac: MAC, ip: '10.9.0.7' }, facts: {} }]);
    expect(reply.counts.get('dhcp.bootp')).toBe(1);
  });

  it('has no MAC for other hardware types; nothing to report without MAC or IP', () => {
    const { message } = parseDhcpMessage(dhcpMessage({ htype: 6 }), AT);
    expect(message?.clientMac).toBe(MAC);
    const sink = dissect({ htype: 32, hlen: 0, options: [type(1)] });
    expect(sink.facts).toEqual([]);
    expect(sink.identified).toHaveLength(1);
  });

  it('rejects a message shorter than the BOOTP header or with an unknown op', () => {
    const short = dissect(new Uint8Array(200));
    expect(short.diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_MALFORMED']);
    expect(short.identified).toEqual([]);
    const badOp = dissect({ op: 3 });
    expect(badOp.diagnostics.map((d) => d.code)).toEqual(['WL_DHCP_MALFORMED']);
  });
});
