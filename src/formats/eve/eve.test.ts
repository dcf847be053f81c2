/**
 * Hand-built EVE records following the Suricata 7 "Eve JSON Format" documentation
 * (docs.suricata.io/en/suricata-7.0.15/output/eve/eve-json-format.html): the common section
 * (`timestamp` with a `+hhmm` offset, `flow_id`, `event_type`, the 5-tuple) and one record per
 * event type.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../jsonlog/limits.js';
import { chunked, codesOf, collect, eventsOf } from '../jsonlog/test-helpers.js';
import { readEve, readEveText } from './read.js';

const ALERT =
  '{"timestamp":"2017-04-07T22:24:37.251547+0100","flow_id":586497171462735,"pcap_cnt":53381,"event_type":"alert","src_ip":"192.168.2.14","src_port":50096,"dest_ip":"209.53.113.5","dest_port":80,"proto":"TCP","metadata":{"flowbits":["http.dottedquadhost"]},"tx_id":4,"alert":{"action":"allowed","gid":1,"signature_id":2018358,"rev":10,"signature":"ET HUNTING GENERIC SUSPICIOUS POST to Dotted Quad with Fake Browser 1","category":"Potentially Bad Traffic","severity":2},"app_proto":"http"}';
const RECORDS = [
  ALERT,
  '{"timestamp":"2023-05-01T10:00:00.000000+0000","flow_id":1,"event_type":"flow","src_ip":"10.0.0.5","src_port":49152,"dest_ip":"10.0.0.9","dest_port":104,"proto":"TCP","flow":{"pkts_toserver":5,"pkts_toclient":4,"bytes_toserver":600,"bytes_toclient":900,"start":"2023-05-01T09:59:58.000000+0000","end":"2023-05-01T10:00:00.000000+0000","age":2,"state":"closed","reason":"timeout","alerted":false}}',
  '{"timestamp":"2023-05-01T10:00:01.123456+0000","flow_id":2,"event_type":"dns","src_ip":"10.0.0.5","src_port":53000,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","id":4242,"rrname":"pacs.hospital.example","rrtype":"A","tx_id":0}}',
  '{"timestamp":"2023-05-01T10:00:02.000000-0500","flow_id":3,"event_type":"http","src_ip":"10.0.0.5","src_port":49153,"dest_ip":"10.0.0.20","dest_port":80,"proto":"TCP","tx_id":0,"http":{"hostname":"ehr.hospital.example","url":"/login","http_user_agent":"curl/8.0","http_method":"POST","protocol":"HTTP/1.1","status":200,"length":42}}',
  '{"timestamp":"2023-05-01T10:00:03.000000+0000","flow_id":4,"event_type":"tls","src_ip":"fe80::1","src_port":50000,"dest_ip":"fe80::2","dest_port":443,"proto":"TCP","tls":{"subject":"CN=ehr.hospital.example","issuerdn":"CN=Hospital CA","sni":"ehr.hospital.example","version":"TLS 1.2","ja3":{"hash":"e7d705a3286e19ea42f587b344ee6865"}}}',
  '{"timestamp":"2023-05-01T10:00:04.000000+0000","flow_id":3,"event_type":"fileinfo","src_ip":"10.0.0.20","src_port":80,"dest_ip":"10.0.0.5","dest_port":49153,"proto":"TCP","http":{"hostname":"ehr.hospital.example","url":"/report.pdf"},"app_proto":"http","fileinfo":{"filename":"/report.pdf","gaps":false,"state":"CLOSED","stored":false,"size":1024,"tx_id":1}}',
  '{"timestamp":"2023-05-01T10:00:05.000000+0000","flow_id":5,"event_type":"smb","src_ip":"10.0.0.5","src_port":49160,"dest_ip":"10.0.0.30","dest_port":445,"proto":"TCP","smb":{"id":1,"dialect":"2.10","command":"SMB2_COMMAND_TREE_CONNECT","status":"STATUS_SUCCESS","share":"\\\\\\\\10.0.0.30\\\\ADMIN$"}}',
  '{"timestamp":"2023-05-01T10:00:06.000000+0000","event_type":"anomaly","src_ip":"10.0.0.5","dest_ip":"10.0.0.9","proto":"UDP","anomaly":{"type":"decode","event":"ipv4.trunc_pkt"}}',
  '{"timestamp":"2023-05-01T10:00:08.000000+0000","event_type":"stats","host":"sensor-icu","stats":{"uptime":8,"capture":{"kernel_packets":100,"kernel_drops":0}}}',
];

const opts = { source: 'eve.json' };

describe('readEveText', () => {
  it('reads the documented alert: suricata/alert log source, UTC time, source and destination ips', () => {
    const [item] = readEveText(ALERT, opts);
    expect(item).toEqual({
      kind: 'event',
      event: {
        time: '2017-04-07T21:24:37.251Z',
        logsource: { product: 'suricata', service: 'alert' },
        shape: 'eve',
        data: JSON.parse(ALERT) as unknown,
        ips: ['192.168.2.14', '209.53.113.5'],
        origin: { source: 'eve.json', position: 'line 1' },
      },
    });
  });

  it('reads each event type with its own service, offsets converted to UTC', () => {
    const events = eventsOf(readEveText(RECORDS.join('\n'), opts));
    expect(events.map((e) => [e.logsource.service, e.time])).toEqual([
      ['alert', '2017-04-07T21:24:37.251Z'],
      ['flow', '2023-05-01T10:00:00.000Z'],
      ['dns', '2023-05-01T10:00:01.123Z'],
      ['http', '2023-05-01T15:00:02.000Z'],
      ['tls', '2023-05-01T10:00:03.000Z'],
      ['fileinfo', '2023-05-01T10:00:04.000Z'],
      ['smb', '2023-05-01T10:00:05.000Z'],
      ['anomaly', '2023-05-01T10:00:06.000Z'],
      ['stats', '2023-05-01T10:00:08.000Z'],
    ]);
    expect(events[4]?.ips).toEqual(['fe80::1', 'fe80::2']);
    expect(events[6]?.data).toMatchObject({ smb: { share: '\\\\10.0.0.30\\ADMIN$' } });
    expect(events[8]?.ips).toBeUndefined();
    expect(events[8]?.host).toBe('sensor-icu');
    expect(events.every((e) => e.shape === 'eve')).toBe(true);
  });

  it('leaves time empty when the timestamp is missing or unreadable', () => {
    const events = eventsOf(
      readEveText('{"event_type":"flow"}\n{"event_type":"flow","timestamp":"soon"}', opts),
    );
    expect(events.map((e) => e.time)).toEqual(['', '']);
  });

  it('rejects records that are not EVE and reads on', () => {
    const items = readEveText(
      [
        RECORDS[1],
        '{"timestamp":"2023-05-01T10:00:00+0000","src_ip":"10.0.0.1"}',
        '{"event_type":7}',
        'not json',
        '[1]',
        '{"event_type":"alert","__proto__":{"polluted":true}}',
        RECORDS[2],
      ].join('\r\n'),
      opts,
    );
    expect(codesOf(items)).toEqual([
      'WL_EVE_EVENT_TYPE_MISSING',
      'WL_EVE_EVENT_TYPE_MISSING',
      'WL_EVE_JSON_INVALID',
      'WL_EVE_NOT_OBJECT',
      'WL_EVE_KEY_REFUSED',
    ]);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['line 1', 'line 7']);
    const second = items[1];
    expect(second?.kind === 'rejected' && second.diagnostic).toMatchObject({
      source: 'eve.json',
      line: 2,
      offset: (RECORDS[1]?.length ?? 0) + 2,
      severity: 'error',
    });
  });
});

describe('readEve: streaming', () => {
  it('reads the same in any chunk size', async () => {
    const text = `\ufeff${RECORDS.join('\n')}\n`;
    const whole = readEveText(text, opts);
    expect(eventsOf(whole)).toHaveLength(RECORDS.length);
    for (const size of [1, 7, 64, 4096]) {
      expect(await collect(readEve(chunked(text, size), opts))).toEqual(whole);
    }
  });

  it('skips an over-long line and reads the next', async () => {
    const long = `{"event_type":"http","http":{"url":"/${'a'.repeat(MAX_LINE_BYTES)}"}}`;
    const items = await collect(readEve(chunked(`${long}\n${RECORDS[2] ?? ''}`, 65_536), opts));
    expect(codesOf(items)).toEqual(['WL_EVE_LINE_TOO_LONG']);
    expect(eventsOf(items).map((e) => e.logsource.service)).toEqual(['dns']);
  });
});
