import { describe, expect, it } from 'vitest';
import type { EventData } from '../../../domain/detection.js';
import { classifyEvent, detectShape } from './classify.js';

function evtx(channel: string, eventId: unknown, eventData: EventData = {}): EventData {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Some-Provider' } },
        EventID: eventId as number,
        Channel: channel,
        Computer: 'ws1.example.local',
        TimeCreated: { '#attributes': { SystemTime: '2025-10-24T23:41:48.497170Z' } },
      },
      EventData: eventData,
    },
  };
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

describe('classifyEvent: Windows evtx JSON', () => {
  it('reads a Sysmon process creation with time, host and no addresses', () => {
    expect(classifyEvent(evtx(SYSMON, 1, { Image: 'C:\\x.exe' }))).toEqual({
      shape: 'evtx-json',
      logsource: { product: 'windows', service: 'sysmon', category: 'process_creation' },
      time: '2025-10-24T23:41:48.497Z',
      host: 'ws1.example.local',
    });
  });

  it.each([
    [2, 'file_change'],
    [3, 'network_connection'],
    [5, 'process_termination'],
    [6, 'driver_load'],
    [7, 'image_load'],
    [8, 'create_remote_thread'],
    [9, 'raw_access_thread'],
    [10, 'process_access'],
    [11, 'file_event'],
    [15, 'create_stream_hash'],
    [17, 'pipe_created'],
    [18, 'pipe_created'],
    [19, 'wmi_event'],
    [21, 'wmi_event'],
    [22, 'dns_query'],
    [23, 'file_delete'],
    [24, 'clipboard_capture'],
    [25, 'process_tampering'],
    [26, 'file_delete'],
    [29, 'file_executable_detected'],
    [255, 'sysmon_error'],
  ])('Sysmon event %i is %s', (id, category) => {
    expect(classifyEvent(evtx(SYSMON, id)).logsource.category).toBe(category);
  });

  it('gives registry events their specific category and registry_event besides', () => {
    const set = classifyEvent(evtx(SYSMON, 13, { EventType: 'SetValue' }));
    expect(set.logsource.category).toBe('registry_set');
    expect(set.alsoCategories).toEqual(['registry_event']);
    expect(classifyEvent(evtx(SYSMON, 14)).logsource.category).toBe('registry_rename');
    const add = classifyEvent(evtx(SYSMON, 12, { EventType: 'CreateKey' }));
    expect(add.logsource.category).toBe('registry_add');
    expect(add.alsoCategories).toEqual(['registry_event']);
    const del = classifyEvent(evtx(SYSMON, 12, { EventType: 'DeleteValue' }));
    expect(del.logsource.category).toBe('registry_delete');
    const bare = classifyEvent(evtx(SYSMON, 12));
    expect(bare.logsource.category).toBe('registry_event');
    expect(bare.alsoCategories).toBeUndefined();
  });

  it('gives file block events file_block besides', () => {
    const blocked = classifyEvent(evtx(SYSMON, 27));
    expect(blocked.logsource.category).toBe('file_block_executable');
    expect(blocked.alsoCategories).toEqual(['file_block']);
  });

  it('reads the event id as evtx_dump writes it with qualifiers', () => {
    const event = evtx('Security', { '#attributes': { Qualifiers: '' }, '#text': '4688' });
    expect(classifyEvent(event).logsource).toEqual({
      product: 'windows',
      service: 'security',
      category: 'process_creation',
    });
  });

  it.each([
    ['Security', 4624, { product: 'windows', service: 'security' }],
    ['System', 7045, { product: 'windows', service: 'system' }],
    ['Application', 1000, { product: 'windows', service: 'application' }],
    [
      'Microsoft-Windows-PowerShell/Operational',
      4104,
      { product: 'windows', service: 'powershell', category: 'ps_script' },
    ],
    [
      'PowerShellCore/Operational',
      4103,
      { product: 'windows', service: 'powershell', category: 'ps_module' },
    ],
    [
      'Windows PowerShell',
      400,
      { product: 'windows', service: 'powershell-classic', category: 'ps_classic_start' },
    ],
    [
      'Windows PowerShell',
      600,
      { product: 'windows', service: 'powershell-classic', category: 'ps_classic_provider_start' },
    ],
    [
      'Windows PowerShell',
      800,
      { product: 'windows', service: 'powershell-classic', category: 'ps_classic_script' },
    ],
    [
      'Microsoft-Windows-Windows Defender/Operational',
      1116,
      { product: 'windows', service: 'windefend' },
    ],
    [
      'Microsoft-Windows-TaskScheduler/Operational',
      106,
      { product: 'windows', service: 'taskscheduler' },
    ],
    [
      'Microsoft-Windows-DNS Client Events/Operational',
      3008,
      { product: 'windows', service: 'dns-client' },
    ],
    [
      'Microsoft-Windows-DNS-Client/Operational',
      3008,
      { product: 'windows', service: 'dns-client' },
    ],
    ['microsoft-windows-wmi-activity/operational', 5861, { product: 'windows', service: 'wmi' }],
    ['Microsoft-Windows-AppLocker/EXE and DLL', 8004, { product: 'windows', service: 'applocker' }],
    ['OpenSSH/Operational', 4, { product: 'windows', service: 'openssh' }],
    ['Key Management Service', 12288, { product: 'windows' }],
  ])('channel %s event %i', (channel, id, logsource) => {
    expect(classifyEvent(evtx(channel, id)).logsource).toEqual(logsource);
  });

  it('falls back on the provider when the channel is missing', () => {
    const event: EventData = {
      Event: {
        System: { Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } }, EventID: 3 },
      },
    };
    expect(classifyEvent(event).logsource).toEqual({
      product: 'windows',
      service: 'sysmon',
      category: 'network_connection',
    });
  });

  it('collects addresses from event data, IPv4-mapped IPv6 as IPv4, skipping "-"', () => {
    const event = evtx(SYSMON, 3, {
      SourceIp: '10.0.0.5',
      DestinationIp: '2001:DB8::1',
      IpAddress: '::ffff:192.168.1.9',
      SourceAddress: '-',
    });
    expect(classifyEvent(event).ips).toEqual(['10.0.0.5', '2001:db8::1', '192.168.1.9']);
  });

  it('takes a zone-less SystemTime as UTC', () => {
    const event: EventData = {
      Event: {
        System: {
          Channel: 'Security',
          EventID: '1102',
          TimeCreated: { '#attributes': { SystemTime: '2021-10-20 13:39:12.731903' } },
        },
      },
    };
    expect(classifyEvent(event).time).toBe('2021-10-20T13:39:12.731Z');
  });
});

describe('classifyEvent: ECS', () => {
  it('reads Winlogbeat records as Windows', () => {
    const event: EventData = {
      '@timestamp': '2024-03-01T10:00:00.000Z',
      winlog: {
        channel: 'Microsoft-Windows-Sysmon/Operational',
        event_id: '13',
        computer_name: 'dc1',
        event_data: { EventType: 'SetValue', SourceIp: '10.1.1.1' },
      },
      source: { ip: '10.2.2.2' },
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'ecs',
      logsource: { product: 'windows', service: 'sysmon', category: 'registry_set' },
      alsoCategories: ['registry_event'],
      time: '2024-03-01T10:00:00.000Z',
      host: 'dc1',
      ips: ['10.1.1.1', '10.2.2.2'],
    });
  });

  it('reads event.code when winlog has no event id', () => {
    const event: EventData = { winlog: { channel: 'Security' }, event: { code: '4688' } };
    expect(classifyEvent(event).logsource.category).toBe('process_creation');
  });

  it('reads other ECS records by host.os and event categorisation', () => {
    const event: EventData = {
      '@timestamp': '2024-03-01T10:00:00Z',
      event: { category: ['process'], type: ['start'] },
      host: { name: 'web1', os: { type: 'linux' } },
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'ecs',
      logsource: { product: 'linux', category: 'process_creation' },
      time: '2024-03-01T10:00:00.000Z',
      host: 'web1',
    });
  });
});

describe('classifyEvent: Zeek and EVE', () => {
  it('reads a Zeek record with flat connection ids and _path', () => {
    const event: EventData = {
      _path: 'kerberos',
      ts: 1320279566.452687,
      uid: 'CHhAvVGS1DHFjwGM9',
      'id.orig_h': '192.168.1.102',
      'id.resp_h': '192.168.1.1',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'zeek',
      logsource: { product: 'zeek', service: 'kerberos' },
      time: '2011-11-03T00:19:26.453Z',
      ips: ['192.168.1.102', '192.168.1.1'],
    });
  });

  it('infers the Zeek log from its fields, or takes it from the hint', () => {
    const dns: EventData = {
      ts: '2011-11-03T00:19:26.452687Z',
      uid: 'C1',
      id: { orig_h: '10.0.0.1', resp_h: '10.0.0.53' },
      query: 'example.com',
      qtype_name: 'A',
    };
    expect(classifyEvent(dns).logsource).toEqual({ product: 'zeek', service: 'dns' });
    expect(classifyEvent(dns).ips).toEqual(['10.0.0.1', '10.0.0.53']);
    const bare: EventData = { ts: 1, uid: 'C2' };
    expect(classifyEvent(bare).logsource).toEqual({ product: 'zeek' });
    expect(classifyEvent(bare, { logsource: { service: 'smb_files' } }).logsource).toEqual({
      product: 'zeek',
      service: 'smb_files',
    });
  });

  it('reads Suricata EVE with the event type as service', () => {
    const event: EventData = {
      timestamp: '2017-05-03T17:02:49.868591+0200',
      flow_id: 1,
      event_type: 'alert',
      src_ip: '10.0.0.1',
      dest_ip: '8.8.8.8',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'eve',
      logsource: { product: 'suricata', service: 'alert' },
      time: '2017-05-03T15:02:49.868Z',
      ips: ['10.0.0.1', '8.8.8.8'],
    });
  });
});

describe('classifyEvent: cloud logs', () => {
  it('reads an Entra ID sign-in from Microsoft Graph', () => {
    const event: EventData = {
      createdDateTime: '2024-05-01T08:00:00Z',
      userPrincipalName: 'a@example.com',
      appDisplayName: 'Office 365',
      ipAddress: '203.0.113.7',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'flat',
      logsource: { product: 'azure', service: 'signinlogs' },
      time: '2024-05-01T08:00:00.000Z',
      ips: ['203.0.113.7'],
    });
  });

  it('reads the Azure Monitor export of sign-ins and audit logs', () => {
    const signIn: EventData = {
      time: '2024-05-01T08:00:00Z',
      category: 'NonInteractiveUserSignInLogs',
      properties: { ipAddress: '203.0.113.8' },
    };
    expect(classifyEvent(signIn).logsource).toEqual({ product: 'azure', service: 'signinlogs' });
    expect(classifyEvent(signIn).ips).toEqual(['203.0.113.8']);
    const audit: EventData = { category: 'AuditLogs', operationName: 'Add member to role' };
    expect(classifyEvent(audit).logsource).toEqual({ product: 'azure', service: 'auditlogs' });
    expect(classifyEvent({ category: 'SignInLogs' }).logsource).toEqual({});
  });

  it('reads Okta System Log, CloudTrail and Google Cloud audit records', () => {
    const oktaEvent: EventData = {
      eventType: 'user.session.start',
      actor: { id: 'x' },
      outcome: { result: 'FAILURE' },
      published: '2024-05-01T08:00:00.123Z',
      client: { ipAddress: '198.51.100.2' },
    };
    expect(classifyEvent(oktaEvent)).toEqual({
      shape: 'flat',
      logsource: { product: 'okta', service: 'okta' },
      time: '2024-05-01T08:00:00.123Z',
      ips: ['198.51.100.2'],
    });
    const trail: EventData = {
      eventVersion: '1.08',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      eventTime: '2024-05-01T08:00:00Z',
      sourceIPAddress: '198.51.100.3',
    };
    expect(classifyEvent(trail).logsource).toEqual({ product: 'aws', service: 'cloudtrail' });
    const gcp: EventData = {
      protoPayload: { '@type': 'type.googleapis.com/google.cloud.audit.AuditLog' },
      timestamp: '2024-05-01T08:00:00Z',
    };
    expect(classifyEvent(gcp).logsource).toEqual({ product: 'gcp', service: 'gcp.audit' });
  });
});

describe('classifyEvent: syslog, audit trail, flat', () => {
  it('reads a parsed syslog message from a Linux daemon', () => {
    const event: EventData = {
      facility: 10,
      severity: 6,
      timestamp: '2024-05-01T08:00:00.000Z',
      hostname: 'bastion',
      appName: 'sshd',
      message: 'Failed password for root',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'syslog',
      logsource: { product: 'linux', service: 'sshd' },
      time: '2024-05-01T08:00:00.000Z',
      host: 'bastion',
    });
    expect(classifyEvent({ ...event, appName: 'myapp' }).logsource).toEqual({ service: 'syslog' });
  });

  it('reads a health-record access event', () => {
    const event: EventData = {
      EventType: 'rest',
      Action: 'R',
      UserId: 'dr.x',
      PatientId: 'p1',
      SourceAddress: '10.9.9.9',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'audit-trail',
      logsource: { category: 'health_record_access' },
      ips: ['10.9.9.9'],
    });
    expect(classifyEvent(event, { logsource: { product: 'fhir' } }).logsource).toEqual({
      product: 'fhir',
      category: 'health_record_access',
    });
  });

  it('reads a flat record of no known kind with an empty log source', () => {
    const event: EventData = {
      timestamp: 1700000000000,
      host: 'srv',
      src_ip: '10.0.0.1',
      msg: 'x',
    };
    expect(classifyEvent(event)).toEqual({
      shape: 'flat',
      logsource: {},
      time: '2023-11-14T22:13:20.000Z',
      host: 'srv',
      ips: ['10.0.0.1'],
    });
    expect(detectShape({})).toBe('flat');
  });

  it('lets the hint force the shape and override log source attributes', () => {
    const event = evtx(SYSMON, 13);
    const forced = classifyEvent(event, {
      shape: 'evtx-json',
      logsource: { category: 'something_else' },
    });
    expect(forced.logsource).toEqual({
      product: 'windows',
      service: 'sysmon',
      category: 'something_else',
    });
    expect(forced.alsoCategories).toBeUndefined();
    const same = classifyEvent(event, { logsource: { category: 'registry_set' } });
    expect(same.alsoCategories).toEqual(['registry_event']);
    expect(classifyEvent({ a: 1 }, { shape: 'zeek' }).shape).toBe('zeek');
  });

  it('does not follow inherited keys', () => {
    const event = JSON.parse(
      '{"Event":{"System":{"Channel":"Security","EventID":4688}}}',
    ) as EventData;
    expect(classifyEvent(event).logsource.category).toBe('process_creation');
    expect(classifyEvent({ constructor: 1 }).logsource).toEqual({});
  });
});
