import { describe, expect, it } from 'vitest';
import { SyslogFramer, type SyslogFrame } from './framer.js';
import { parseSyslogMessage } from './parse.js';

const opts = { source: 't', receivedAt: new Date('2026-01-05T00:00:00Z') };
const parse = (line: string) => parseSyslogMessage(line, opts);

describe('RFC 5424 section 6.5 examples', () => {
  it('example 1: no structured data, BOM message', () => {
    const { message } = parse(
      "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8",
    );
    expect(message).toMatchObject({
      facility: 4,
      facilityName: 'auth',
      severity: 2,
      severityName: 'crit',
      timestamp: '2003-10-11T22:14:15.003Z',
      hostname: 'mymachine.example.com',
      appName: 'su',
      procId: null,
      msgId: 'ID47',
      message: "'su root' failed for lonvick on /dev/pts/8",
      format: 'rfc5424',
    });
  });
  it('example 2: offset time zone, microseconds', () => {
    const { message } = parse(
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
    );
    expect(message).toMatchObject({
      facilityName: 'local4',
      severityName: 'notice',
      timestamp: '2003-08-24T12:14:15.000Z',
      hostname: '192.0.2.1',
      procId: '8710',
      msgId: null,
      message: "%% It's time to make the do-nuts.",
    });
  });
  it('examples 3 and 4: structured data', () => {
    const three = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] \uFEFFAn application event log entry...',
    ).message;
    expect({ ...three?.structuredData['exampleSDID@32473'] }).toEqual({
      iut: '3',
      eventSource: 'Application',
      eventID: '1011',
    });
    expect(three?.message).toBe('An application event log entry...');
    const four = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"]',
    ).message;
    expect(Object.keys(four?.structuredData ?? {})).toEqual([
      'exampleSDID@32473',
      'examplePriority@32473',
    ]);
    expect(four?.structuredData['examplePriority@32473']?.['class']).toBe('high');
    expect(four?.message).toBe('');
  });
  it('unescapes \\" \\\\ \\] and keeps other backslashes', () => {
    const m = parse('<13>1 - h a - - [x@1 v="a\\"b\\\\c\\]d\\ne"] m').message;
    expect(m?.structuredData['x@1']?.['v']).toBe('a"b\\c]d\\ne');
    expect(m?.message).toBe('m');
  });
  it('malformed SD keeps the message, with a diagnostic', () => {
    const r = parse('<13>1 - h a - - [x@1 v=unquoted] rest');
    expect(r.message?.message).toBe('[x@1 v=unquoted] rest');
    expect(r.diagnostics.map((d) => d.code)).toContain('WL_SYSLOG_SD_MALFORMED');
  });
});

describe('RFC 3164', () => {
  it('reads the RFC 3164 example with year from receipt', () => {
    const { message } = parse(
      "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    );
    expect(message).toMatchObject({
      facilityName: 'auth',
      severityName: 'crit',
      timestamp: '2025-10-11T22:14:15.000Z',
      hostname: 'mymachine',
      appName: 'su',
      procId: null,
      message: "'su root' failed for lonvick on /dev/pts/8",
      format: 'rfc3164',
    });
  });
  it('reads TAG[pid] and a missing PRI with a diagnostic', () => {
    const r = parse('Jan  4 10:00:00 host sshd[42]: Accepted password');
    expect(r.message).toMatchObject({
      facility: 1,
      severity: 5,
      timestamp: '2026-01-04T10:00:00.000Z',
      appName: 'sshd',
      procId: '42',
      message: 'Accepted password',
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['WL_SYSLOG_PRI_MISSING']);
  });
  it('reads a Cisco IOS message', () => {
    const r = parse(
      '<189>123: *Mar  1 2026 00:00:01.123 UTC: %SYS-5-CONFIG_I: Configured from console',
    );
    expect(r.message).toMatchObject({
      facilityName: 'local7',
      severityName: 'notice',
      timestamp: '2026-03-01T00:00:01.123Z',
      appName: 'SYS-5-CONFIG_I',
      message: 'Configured from console',
    });
  });
  it('reports an empty line and an invalid PRI', () => {
    expect(parse('  ').message).toBeNull();
    const r = parse('<999>hello');
    expect(r.message?.message).toBe('<999>hello');
    expect(r.diagnostics[0]?.code).toBe('WL_SYSLOG_PRI_INVALID');
  });
});

function frameAll(chunks: string[], max?: number): { frames: SyslogFrame[]; codes: string[] } {
  const framer = new SyslogFramer({
    source: 't',
    ...(max === undefined ? {} : { maxFrameBytes: max }),
  });
  const frames = chunks.flatMap((c) => framer.push(c));
  frames.push(...framer.finish());
  return { frames, codes: framer.takeDiagnostics().map((d) => d.code) };
}

describe('SyslogFramer', () => {
  const a = '<13>1 - h a - - - one';
  const b = '<13>Jan  1 00:00:00 h t: two é';
  const octet = (m: string): string => `${String(new TextEncoder().encode(m).length)} ${m}`;
  const streams = {
    newline: `${a}\n${b}\r\n\0${a}\n`,
    octet: `${octet(a)}${octet(b)}${octet(a)}`,
  };
  for (const [name, stream] of Object.entries(streams)) {
    it(`${name} framing split at every position`, () => {
      for (let i = 0; i <= stream.length; i += 1) {
        const { frames } = frameAll([stream.slice(0, i), stream.slice(i)]);
        expect(frames.map((f) => f.text)).toEqual([a, b, a]);
      }
    });
  }
  it('cuts an over-long line and resynchronizes at the next newline', () => {
    const { frames, codes } = frameAll([`<13>${'x'.repeat(100)}\n${a}\n`], 32);
    expect(frames.map((f) => f.truncated)).toEqual([true, false]);
    expect(frames[1]?.text).toBe(a);
    expect(codes).toEqual(['WL_SYSLOG_FRAME_TOO_LONG']);
  });
  it('resynchronizes at a valid octet count after a cut frame', () => {
    const { frames, codes } = frameAll([`<13>${'x'.repeat(100)}`, `${octet(a)}${octet(b)}`], 32);
    expect(frames.map((f) => [f.text.length <= 32, f.truncated])).toEqual([
      [true, true],
      [true, false],
      [true, false],
    ]);
    expect(frames.slice(1).map((f) => f.text)).toEqual([a, b]);
    expect(codes).toEqual(['WL_SYSLOG_FRAME_TOO_LONG']);
  });
  it('skips an over-long octet count', () => {
    const { frames, codes } = frameAll([`999 <13>junk\n${octet(a)}`], 64);
    expect(frames.map((f) => f.text)).toEqual([a]);
    expect(codes).toEqual(['WL_SYSLOG_FRAME_TOO_LONG']);
  });
});
