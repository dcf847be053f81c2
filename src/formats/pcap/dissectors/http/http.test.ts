import { describe, expect, it } from 'vitest';
import {
  ascii,
  AT,
  RecordingSink,
  runStream,
  splitAt,
  type StreamEvent,
} from '../tls/test-helpers.js';
import { parseHead } from './head.js';
import { httpDissectorFactory, probeHttp } from './http-dissector.js';

const REQUEST = 'GET /status HTTP/1.1\r\nHost: pump-17.ward4\r\nUser-Agent: Alaris/3.1\r\n\r\n';
const RESPONSE = 'HTTP/1.1 200 OK\r\nServer: GoAhead-Webs\r\nContent-Length: 5\r\n\r\nhello';

const client = (text: string): StreamEvent => ['client-to-server', ascii(text)];
const server = (text: string): StreamEvent => ['server-to-client', ascii(text)];

function http(fields: { userAgents?: string[]; hosts?: string[]; servers?: string[] }) {
  return { http: { userAgents: [], hosts: [], servers: [], ...fields } };
}

describe('HTTP probe', () => {
  it('takes each method followed by a space and waits on a prefix', () => {
    for (const method of ['GET', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'PATCH', 'CONNECT']) {
      expect(probeHttp(ascii(`${method} / HTTP/1.1\r\n`))).toBe('yes');
    }
    expect(probeHttp(ascii('GE'))).toBe('more');
    expect(probeHttp(ascii('OPTIONS'))).toBe('more');
    expect(probeHttp(ascii(''))).toBe('more');
    expect(probeHttp(ascii('GETX / HTTP/1.1'))).toBe('no');
    expect(probeHttp(ascii('get / HTTP/1.1'))).toBe('no');
    expect(probeHttp(ascii('HTTP/1.1 200 OK'))).toBe('no');
    expect(probeHttp(Uint8Array.of(0x16, 3, 1))).toBe('no');
  });
});

describe('HTTP dissector', () => {
  it('reports User-Agent and Host of the client and Server of the server', () => {
    const sink = runStream(httpDissectorFactory, [client(REQUEST), server(RESPONSE)]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.identified).toEqual([{ protocol: 'http', encrypted: false }]);
    expect(sink.facts).toEqual([
      { subject: 'client', facts: http({ userAgents: ['Alaris/3.1'], hosts: ['pump-17.ward4'] }) },
      { subject: 'server', facts: http({ servers: ['GoAhead-Webs'] }) },
    ]);
    expect([...sink.counts]).toEqual([
      ['http.requests', 1],
      ['http.responses', 1],
    ]);
  });

  it('reads pipelined requests past bodies given by Content-Length, reporting new values once', () => {
    const body = 'x'.repeat(300);
    const sink = runStream(httpDissectorFactory, [
      client(
        `POST /a HTTP/1.1\r\nHost: h\r\nUser-Agent: A\r\nContent-Length: 300\r\n\r\n${body}` +
          `GET /b HTTP/1.1\r\nHost: h\r\nUser-Agent: A\r\n\r\n` +
          `GET /c HTTP/1.1\r\nHost: h2\r\nUser-Agent: B\r\n\r\n`,
      ),
    ]);
    expect(sink.facts.map((f) => f.facts)).toEqual([
      http({ userAgents: ['A'], hosts: ['h'] }),
      http({ userAgents: ['B'], hosts: ['h2'] }),
    ]);
    expect(sink.counts.get('http.requests')).toBe(3);
  });

  it('stops a direction at a chunked body', () => {
    const sink = runStream(httpDissectorFactory, [
      client('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'),
      client('GET / HTTP/1.1\r\nUser-Agent: later\r\n\r\n'),
    ]);
    expect(sink.counts.get('http.requests')).toBe(1);
    expect(sink.facts).toEqual([]);
  });

  it('knows HEAD, 1xx, 204 and 304 responses have no body', () => {
    const sink = runStream(httpDissectorFactory, [
      client(
        'HEAD / HTTP/1.1\r\n\r\nGET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n',
      ),
      server(
        'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n' +
          'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nServer: s1\r\n\r\n' +
          'HTTP/1.1 304 Not Modified\r\nServer: s2\r\n\r\n' +
          'HTTP/1.1 200 OK\r\nServer: s3\r\nContent-Length: 2\r\n\r\nok',
      ),
    ]);
    expect(sink.facts.map((f) => f.facts.http?.servers)).toEqual([['s1'], ['s2'], ['s3']]);
    expect(sink.counts.get('http.responses')).toBe(5);
  });

  it('stops at a body delimited by the end of the connection', () => {
    const sink = runStream(httpDissectorFactory, [
      server('HTTP/1.0 200 OK\r\n\r\nHTTP/1.1 200 OK\r\nServer: body text\r\n\r\n'),
    ]);
    expect(sink.facts).toEqual([]);
  });

  it('stops after CONNECT and after 101 Switching Protocols', () => {
    const tunnel = runStream(httpDissectorFactory, [
      client(
        'CONNECT pacs:443 HTTP/1.1\r\nHost: pacs:443\r\n\r\nGET / HTTP/1.1\r\nUser-Agent: u\r\n\r\n',
      ),
    ]);
    expect(tunnel.facts).toEqual([{ subject: 'client', facts: http({ hosts: ['pacs:443'] }) }]);
    const upgrade = runStream(httpDissectorFactory, [
      server(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nHTTP/1.1 200 OK\r\nServer: x\r\n\r\n',
      ),
    ]);
    expect(upgrade.facts).toEqual([]);
  });

  it('accepts bare LF line ends, folded lines and empty lines before a request', () => {
    const sink = runStream(httpDissectorFactory, [
      client('\r\n\r\nGET / HTTP/1.0\nUser-Agent: Infusion\n  Pump/2.0\nHost:  ward4 \n\n'),
    ]);
    expect(sink.facts).toEqual([
      { subject: 'client', facts: http({ userAgents: ['Infusion Pump/2.0'], hosts: ['ward4'] }) },
    ]);
  });

  it('reads a request target holding spaces up to the last space, as servers do', () => {
    const sink = runStream(httpDissectorFactory, [
      client('GET /cgi-bin/x;cat /etc/passwd| HTTP/1.1\r\nUser-Agent: probe\r\n\r\n'),
    ]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.facts).toEqual([{ subject: 'client', facts: http({ userAgents: ['probe'] }) }]);
  });

  it('reports a start line that is not HTTP and stops', () => {
    const sink = runStream(httpDissectorFactory, [
      client('GET /\r\n\r\n'),
      server('SSH-2.0-x\r\n\r\n'),
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_HTTP_MALFORMED', 'WL_HTTP_MALFORMED']);
    expect(sink.identified).toEqual([]);
  });

  it('reports conflicting Content-Length values and stops', () => {
    const sink = runStream(httpDissectorFactory, [
      client('POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello'),
      client('GET / HTTP/1.1\r\nUser-Agent: later\r\n\r\n'),
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_HTTP_MALFORMED']);
    expect(sink.facts).toEqual([]);
    const same = runStream(httpDissectorFactory, [
      client(
        'POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\nhelloGET / HTTP/1.1\r\nUser-Agent: u\r\n\r\n',
      ),
    ]);
    expect(same.diagnostics).toEqual([]);
    expect(same.facts).toHaveLength(1);
  });

  it('reads the complete lines of a head over 16 KiB, then stops', () => {
    const padding = Array.from({ length: 400 }, (_, i) => `X-Pad-${i}: ${'p'.repeat(40)}\r\n`).join(
      '',
    );
    const sink = runStream(httpDissectorFactory, [
      client(`GET / HTTP/1.1\r\nUser-Agent: Big/1\r\n${padding}\r\n`),
      client('GET / HTTP/1.1\r\nUser-Agent: later\r\n\r\n'),
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_HTTP_HEADER_TOO_LARGE']);
    expect(sink.facts).toEqual([{ subject: 'client', facts: http({ userAgents: ['Big/1'] }) }]);
  });

  it('trims field values in linear time, even around a long run of blanks', () => {
    // A regex trim is quadratic here: 200,000 blanks would take minutes.
    const head = ascii(
      `GET / HTTP/1.1\r\nX-Pad:x${' '.repeat(200_000)}x\r\nUser-Agent:  a \t\r\n\r\n`,
    );
    const started = performance.now();
    const parsed = parseHead(head);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed?.fields.get('user-agent')).toEqual(['a']);
    expect(parsed?.fields.get('x-pad')?.[0]).toHaveLength(200_002);
  });

  it('reads at most 16 messages per direction', () => {
    const requests = Array.from(
      { length: 20 },
      (_, i) => `GET / HTTP/1.1\r\nUser-Agent: u${i}\r\n\r\n`,
    );
    const sink = runStream(httpDissectorFactory, [client(requests.join(''))]);
    expect(sink.counts.get('http.requests')).toBe(16);
    expect(sink.facts).toHaveLength(16);
  });

  it('replaces control characters and caps long values', () => {
    const sink = runStream(httpDissectorFactory, [
      client(`GET / HTTP/1.1\r\nUser-Agent: a\u0001b${'z'.repeat(600)}\r\n\r\n`),
    ]);
    const agent = sink.facts[0]?.facts.http?.userAgents[0] ?? '';
    expect(agent.startsWith('a\uFFFDb')).toBe(true);
    expect(agent).toHaveLength(512);
  });

  it('gives the same facts however the stream is split', () => {
    const requests = `${REQUEST}POST /x HTTP/1.1\r\nContent-Length: 4\r\nUser-Agent: B\r\n\r\nbodyGET / HTTP/1.1\r\nHost: z\r\n\r\n`;
    const whole = runStream(httpDissectorFactory, [client(requests), server(RESPONSE)]);
    const bytes = ascii(requests);
    for (let cut = 1; cut < bytes.length; cut++) {
      const events: StreamEvent[] = [
        ...splitAt(bytes, [cut, cut + 2, cut + 37]).map((p) => ['client-to-server', p] as const),
        ...splitAt(ascii(RESPONSE), [cut % 60]).map((p) => ['server-to-client', p] as const),
      ];
      expect(runStream(httpDissectorFactory, events).snapshot()).toEqual(whole.snapshot());
    }
  });

  it('absorbs a gap inside a body; a gap elsewhere stops the direction', () => {
    const sink = new RecordingSink();
    const dissector = httpDissectorFactory.create(sink);
    dissector.data(
      'client-to-server',
      ascii('POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\nabc'),
      AT,
    );
    dissector.gap('client-to-server', 900, AT);
    dissector.data(
      'client-to-server',
      ascii(`${'d'.repeat(97)}GET / HTTP/1.1\r\nUser-Agent: after-gap\r\n\r\n`),
      AT,
    );
    dissector.gap('client-to-server', 10, AT);
    dissector.data('client-to-server', ascii('GET / HTTP/1.1\r\nUser-Agent: lost\r\n\r\n'), AT);
    dissector.end();
    expect(sink.facts).toEqual([{ subject: 'client', facts: http({ userAgents: ['after-gap'] }) }]);
    expect(sink.diagnostics.map((d) => [d.code, d.severity])).toEqual([['WL_HTTP_GAP', 'info']]);
  });

  it('skips large bodies and ignores a finished stream cheaply', () => {
    const sink = new RecordingSink();
    const dissector = httpDissectorFactory.create(sink);
    dissector.data(
      'server-to-client',
      ascii('HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n'),
      AT,
    );
    const chunk = new Uint8Array(65_536);
    const started = performance.now();
    for (let i = 0; i < 30_000; i++) dissector.data('server-to-client', chunk, AT);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sink.diagnostics).toEqual([]);
  });
});
