import { describe, expect, it } from 'vitest';
import type { EventData, EventShape } from '../../../domain/detection.js';
import { dataFieldValue, fieldValue } from './index.js';

const evtx = (system: EventData, eventData?: EventData, userData?: EventData): EventData => ({
  Event: {
    System: system,
    ...(eventData === undefined ? {} : { EventData: eventData }),
    ...(userData === undefined ? {} : { UserData: userData }),
  },
});

const read = (shape: EventShape, data: EventData, field: string): unknown =>
  dataFieldValue(shape, data, field);

describe('evtx-json', () => {
  const sysmon = evtx(
    {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
      EventID: { '#attributes': { Qualifiers: '' }, '#text': '1' },
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ws1',
      Execution: { '#attributes': { ProcessID: 42 } },
    },
    { Image: 'C:\\a.exe', ProcessId: 7, 'Source Name': 'Real-Time Protection' },
  );
  it('reads EventData first, then System, unwrapping #text', () => {
    expect(read('evtx-json', sysmon, 'Image')).toBe('C:\\a.exe');
    expect(read('evtx-json', sysmon, 'EventID')).toBe('1');
    expect(read('evtx-json', sysmon, 'Channel')).toBe('Microsoft-Windows-Sysmon/Operational');
    expect(read('evtx-json', sysmon, 'Computer')).toBe('ws1');
    expect(read('evtx-json', sysmon, 'Provider_Name')).toBe('Microsoft-Windows-Sysmon');
    expect(read('evtx-json', sysmon, 'Execution_ProcessID')).toBe(42);
    expect(read('evtx-json', sysmon, 'SourceName')).toBe('Real-Time Protection');
    expect(read('evtx-json', sysmon, 'Nope')).toBeUndefined();
    expect(read('evtx-json', sysmon, 'Event.System.Computer')).toBe('ws1');
  });
  it('reads UserData children and Data lists', () => {
    const cleared = evtx({ EventID: 1102 }, undefined, {
      LogFileCleared: { SubjectUserName: 'adm' },
    });
    expect(read('evtx-json', cleared, 'SubjectUserName')).toBe('adm');
    const list = evtx(
      { EventID: 1 },
      { Data: [{ '#attributes': { Name: 'Image' }, '#text': 'x.exe' }] },
    );
    expect(read('evtx-json', list, 'Image')).toBe('x.exe');
  });
  it('reads 4688 with Sysmon names, and only 4688', () => {
    const audit = evtx(
      { EventID: 4688, Channel: 'Security' },
      {
        NewProcessName: 'C:\\n.exe',
        ParentProcessName: 'C:\\p.exe',
        ProcessId: '0x10',
        NewProcessId: '0x20',
        SubjectUserName: 'bob',
      },
    );
    expect(read('evtx-json', audit, 'Image')).toBe('C:\\n.exe');
    expect(read('evtx-json', audit, 'ParentImage')).toBe('C:\\p.exe');
    expect(read('evtx-json', audit, 'User')).toBe('bob');
    expect(read('evtx-json', audit, 'ProcessId')).toBe('0x20');
    expect(read('evtx-json', audit, 'ParentProcessId')).toBe('0x10');
    const other = evtx({ EventID: 1 }, { ProcessId: 5 });
    expect(read('evtx-json', other, 'ProcessId')).toBe(5);
  });
});

describe('ecs', () => {
  const data: EventData = {
    winlog: {
      event_id: 1,
      channel: 'Microsoft-Windows-Sysmon/Operational',
      computer_name: 'h',
      provider_name: 'P',
      event_data: { Image: 'C:\\x.exe' },
    },
    process: { command_line: 'x -y' },
  };
  it('reads event_data, winlog system fields, then ECS names', () => {
    expect(read('ecs', data, 'Image')).toBe('C:\\x.exe');
    expect(read('ecs', data, 'EventID')).toBe(1);
    expect(read('ecs', data, 'Channel')).toBe('Microsoft-Windows-Sysmon/Operational');
    expect(read('ecs', data, 'Computer')).toBe('h');
    expect(read('ecs', data, 'Provider_Name')).toBe('P');
    expect(read('ecs', data, 'CommandLine')).toBe('x -y');
    expect(read('ecs', data, 'process.command_line')).toBe('x -y');
  });
  it('maps 4688 names', () => {
    expect(
      read(
        'ecs',
        { winlog: { event_id: '4688', event_data: { NewProcessName: 'n.exe' } } },
        'Image',
      ),
    ).toBe('n.exe');
  });
});

describe('flat and other shapes', () => {
  it('reads a direct key before a dotted path, arrays element-wise', () => {
    expect(read('zeek', { 'id.orig_h': '1.2.3.4', id: { orig_h: 'no' } }, 'id.orig_h')).toBe(
      '1.2.3.4',
    );
    expect(
      read('eve', { dns: { answers: [{ rrname: 'a' }, { rrname: 'b' }] } }, 'dns.answers.rrname'),
    ).toEqual(['a', 'b']);
    expect(read('flat', { a: null }, 'a')).toBeNull();
    expect(read('flat', { a: 1 }, 'constructor')).toBeUndefined();
    expect(read('syslog', { a: { b: 1 } }, 'a.toString')).toBeUndefined();
  });
  it('fieldValue uses the event shape', () => {
    const event = {
      time: '',
      logsource: {},
      shape: 'audit-trail' as const,
      data: { UserId: 'u1' },
    };
    expect(fieldValue(event, 'UserId')).toBe('u1');
  });
});
