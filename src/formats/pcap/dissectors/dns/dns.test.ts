import { describe, expect, it } from 'vitest';
import { AT, RecordingSink, runStream, splitAt } from '../tls/test-helpers.js';
import { dnsDatagramDissector } from './dns-dissector.js';
import { parseDnsMessage } from './dns-message.js';
import { readName } from './dns-name.js';
import { dnsTcpDissectorFactory } from './dns-tcp.js';
import { reverseNameToIp } from './reverse-name.js';
import { dnsMessage, encodeName, tcpFramed } from './test-messages.js';

function dissect(payload: Uint8Array): RecordingSink {
  const sink = new RecordingSink();
  dnsDatagramDissector.dissect(payload, AT, sink);
  return sink;
}

const PTR_RESPONSE = dnsMessage({
  response: true,
  questions: [['5.9.1.10.in-addr.arpa', 12]],
  answers: [{ name: '5.9.1.10.in-addr.arpa', type: 12, data: encodeName('pacs01.ward4.local') }],
});

describe('DNS over UDP', () => {
  it('matches DNS, mDNS and LLMNR ports with at least a header', () => {
    const query = dnsMessage({ questions: [['a', 1]] });
    expect(dnsDatagramDissector.matches({ src: 40000, dst: 53 }, query)).toBe(true);
    expect(dnsDatagramDissector.matches({ src: 53, dst: 40000 }, query)).toBe(true);
    expect(dnsDatagramDissector.matches({ src: 5353, dst: 5353 }, query)).toBe(true);
    expect(dnsDatagramDissector.matches({ src: 40000, dst: 5355 }, query)).toBe(true);
    expect(dnsDatagramDissector.matches({ src: 40000, dst: 54 }, query)).toBe(false);
    expect(dnsDatagramDissector.matches({ src: 40000, dst: 53 }, query.subarray(0, 11))).toBe(
      false,
    );
  });

  it('reports the names a client queries, once each', () => {
    const sink = dissect(
      dnsMessage({
        questions: [
          ['pacs.hospital.local', 1],
          ['pacs.hospital.local', 28],
        ],
      }),
    );
    expect(sink.identified).toEqual([{ protocol: 'dns', encrypted: false }]);
    expect(sink.facts).toEqual([
      { subject: 'client', facts: { dns: { queries: ['pacs.hospital.local'] } } },
    ]);
    expect(sink.hostnames).toEqual([]);
    expect(sink.diagnostics).toEqual([]);
  });

  it('reports a PTR answer as the host name of the address in the reverse name', () => {
    const sink = dissect(PTR_RESPONSE);
    expect(sink.facts).toEqual([]);
    expect(sink.hostnames).toEqual([
      {
        subject: { mac: null, ip: '10.1.9.5' },
        hostname: { name: 'pacs01.ward4.local', origin: 'dns-ptr' },
      },
    ]);
  });

  it('reads an ip6.arpa PTR answer', () => {
    const nibbles = Array.from('20010db8000000000000000000000001').reverse().join('.');
    const reverse = `${nibbles}.ip6.arpa`;
    const sink = dissect(
      dnsMessage({
        response: true,
        answers: [{ name: reverse, type: 12, data: encodeName('ct-scanner.local') }],
      }),
    );
    expect(sink.hostnames[0]?.subject).toEqual({ mac: null, ip: '2001:db8::1' });
  });

  it('does not report A and AAAA answers as host names', () => {
    const sink = dissect(
      dnsMessage({
        response: true,
        questions: [['www.example.com', 1]],
        answers: [
          { name: 'www.example.com', type: 1, data: [93, 184, 216, 34] },
          { name: 'www.example.com', type: 28, data: Array<number>(16).fill(1) },
        ],
      }),
    );
    expect(sink.hostnames).toEqual([]);
    expect(sink.facts).toEqual([]);
    const parsed = parseDnsMessage(
      dnsMessage({
        response: true,
        answers: [{ name: 'www.example.com', type: 1, data: [93, 184, 216, 34] }],
      }),
      AT,
    );
    expect(parsed.message?.answers[0]?.data).toEqual({ kind: 'address', ip: '93.184.216.34' });
  });

  it('follows a compression pointer', () => {
    // Answer owner is a pointer to the question name at offset 12.
    const query = dnsMessage({ response: true, questions: [['5.9.1.10.in-addr.arpa', 12]] });
    const bytes = Uint8Array.from([
      ...query,
      0xc0,
      12,
      0,
      12,
      0,
      1,
      0,
      0,
      0,
      60,
      0,
      4,
      2,
      0x70,
      0x63,
      0,
    ]);
    bytes[7] = 1; // one answer
    const sink = dissect(bytes);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.hostnames[0]).toEqual({
      subject: { mac: null, ip: '10.1.9.5' },
      hostname: { name: 'pc', origin: 'dns-ptr' },
    });
  });

  it('rejects a pointer loop, a forward pointer and a reserved label type without throwing', () => {
    const header = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    for (const name of [
      [0xc0, 12],
      [0xc0, 20],
      [1, 0x61, 0xc0, 12],
      [0x41, 0],
    ]) {
      const sink = dissect(Uint8Array.from([...header, ...name, 0, 1, 0, 1]));
      expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DNS_NAME_INVALID']);
      expect(sink.facts).toEqual([]);
    }
  });

  it('stops after too many pointer jumps', () => {
    // A chain of 20 pointers, each to the one before, ending at a root name.
    const bytes = [0];
    for (let i = 0; i < 20; i++) bytes.push(0xc0, i === 0 ? 0 : 1 + (i - 1) * 2);
    const read = readName(Uint8Array.from(bytes), bytes.length - 2);
    expect(read).toEqual({ ok: false, reason: 'too many compression pointers' });
    expect(readName(Uint8Array.from(bytes), 5)).toMatchObject({ ok: true, name: '' });
  });

  it('rejects names longer than 255 bytes', () => {
    const long = Array.from({ length: 5 }, () => 'a'.repeat(63)).join('.');
    const read = readName(Uint8Array.from(encodeName(long)), 0);
    expect(read).toEqual({ ok: false, reason: 'a name is longer than 255 bytes' });
    const fits = Array.from({ length: 4 }, () => 'a'.repeat(62)).join('.');
    expect(readName(Uint8Array.from(encodeName(fits)), 0)).toMatchObject({ ok: true });
  });

  it('escapes dots, backslashes and control bytes inside labels', () => {
    const read = readName(Uint8Array.from([3, 0x61, 0x2e, 0x0a, 2, 0x5c, 0x62, 0]), 0);
    expect(read).toEqual({ ok: true, name: 'a\\046\\010.\\092b', next: 8 });
  });

  it('keeps the questions read before a malformed part', () => {
    const good = dnsMessage({ questions: [['infusion-7.local', 1]] });
    const bytes = Uint8Array.from([...good, 3, 0x61]);
    bytes[5] = 2; // two questions, the second cut short
    const sink = dissect(bytes);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DNS_NAME_INVALID']);
    expect(sink.facts).toEqual([
      { subject: 'client', facts: { dns: { queries: ['infusion-7.local'] } } },
    ]);
  });

  it('reads at most 16 questions and says so', () => {
    const questions = Array.from({ length: 20 }, (_, i) => [`h${i}`, 1] as const);
    const sink = dissect(dnsMessage({ questions }));
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DNS_LIMIT_EXCEEDED']);
    const fact = sink.facts[0]?.facts.dns;
    expect(fact?.queries).toHaveLength(16);
  });

  it('reports a header cut short', () => {
    const sink = dissect(Uint8Array.of(1, 2, 3));
    expect(sink.diagnostics).toEqual([
      expect.objectContaining({ code: 'WL_DNS_MALFORMED', source: 'test', offset: 0 }),
    ]);
    expect(sink.identified).toEqual([]);
  });

  it('rejects a wrong-sized A record', () => {
    const sink = dissect(
      dnsMessage({ response: true, answers: [{ name: 'a', type: 1, data: [1, 2, 3] }] }),
    );
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DNS_MALFORMED']);
  });
});

describe('reverseNameToIp', () => {
  it.each([
    ['4.3.2.1.in-addr.arpa', '1.2.3.4'],
    ['4.3.2.1.IN-ADDR.ARPA', '1.2.3.4'],
    ['3.2.1.in-addr.arpa', null],
    ['256.3.2.1.in-addr.arpa', null],
    ['04.3.2.1.in-addr.arpa', null],
    ['_ipp._tcp.local', null],
    [`${'0.'.repeat(31)}0.ip6.arpa`, '::'],
    [`${'0.'.repeat(30)}0.ip6.arpa`, null],
  ])('%s → %s', (name, ip) => {
    expect(reverseNameToIp(name)).toBe(ip);
  });
});

describe('DNS over TCP', () => {
  const query = tcpFramed(dnsMessage({ questions: [['lab.hospital.local', 1]] }));
  const response = tcpFramed(PTR_RESPONSE);

  it('probes a framed query to port 53', () => {
    const ports = { client: 50000, server: 53 };
    expect(dnsTcpDissectorFactory.probe(query, 'client-to-server', ports)).toBe('yes');
    expect(dnsTcpDissectorFactory.probe(query.subarray(0, 6), 'client-to-server', ports)).toBe(
      'more',
    );
    expect(dnsTcpDissectorFactory.probe(response, 'client-to-server', ports)).toBe('no');
    expect(
      dnsTcpDissectorFactory.probe(query, 'client-to-server', { client: 50000, server: 80 }),
    ).toBe('no');
  });

  it('reads length-framed messages split anywhere', () => {
    const whole = runStream(dnsTcpDissectorFactory, [
      ['client-to-server', query],
      ['server-to-client', response],
    ]);
    expect(whole.facts).toEqual([
      { subject: 'client', facts: { dns: { queries: ['lab.hospital.local'] } } },
    ]);
    expect(whole.hostnames).toHaveLength(1);
    for (let cut = 1; cut < query.length; cut++) {
      const pieces = splitAt(query, [cut, cut + 3]).map((p) => ['client-to-server', p] as const);
      const split = runStream(dnsTcpDissectorFactory, [
        ...pieces,
        ...splitAt(response, [cut]).map((p) => ['server-to-client', p] as const),
      ]);
      expect(split.snapshot()).toEqual(whole.snapshot());
    }
  });

  it('stops a direction on a length shorter than a header', () => {
    const sink = runStream(dnsTcpDissectorFactory, [
      ['client-to-server', Uint8Array.of(0, 3, 1, 2, 3)],
      ['client-to-server', query],
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_DNS_MALFORMED']);
    expect(sink.facts).toEqual([]);
  });
});
