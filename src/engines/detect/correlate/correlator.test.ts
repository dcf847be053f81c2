import { describe, expect, it } from 'vitest';
import { Correlator } from './correlator.js';
import { MAX_EVENTS_PER_DETECTION } from './limits.js';
import { correlationFrom, eventAt, fieldOf } from './test-helpers.js';

function eventCount(operator: string, value: number): string {
  return `title: Many failed logons
id: 11111111-1111-4111-8111-111111111111
name: many_failed
level: high
tags: [attack.credential_access, attack.t1110.001]
description: Repeated failures
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition:
    ${operator}: ${value}
`;
}

const failed = (
  seconds: number,
  user = 'bob',
): { ruleName: string; event: ReturnType<typeof eventAt> } => ({
  ruleName: 'failed_login',
  event: eventAt(seconds, { User: user }),
});

describe('event_count', () => {
  it('fires once when the threshold is reached, with the window events and summary, then resets', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gte', 3))], fieldOf);
    expect(correlator.observe(failed(0))).toEqual([]);
    expect(correlator.observe(failed(10, 'alice'))).toEqual([]);
    expect(correlator.observe(failed(20))).toEqual([]);
    const [detection, ...rest] = correlator.observe(failed(30));
    expect(rest).toEqual([]);
    expect(detection).toMatchObject({
      kind: 'correlation',
      ruleId: '11111111-1111-4111-8111-111111111111',
      title: 'Many failed logons',
      level: 'high',
      tags: ['attack.credential_access', 'attack.t1110.001'],
      techniques: ['T1110.001'],
      description: 'Repeated failures',
      groupKey: 'User=bob',
      time: '2024-01-01T00:00:30.000Z',
    });
    expect(detection?.events.map((event) => event.time)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-01T00:00:20.000Z',
      '2024-01-01T00:00:30.000Z',
    ]);
    // Reset: two more are not enough, a third is.
    expect(correlator.observe(failed(40))).toEqual([]);
    expect(correlator.observe(failed(50))).toEqual([]);
    expect(correlator.observe(failed(60))).toHaveLength(1);
  });

  it('slides: hits older than the timespan before the newest no longer count', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gte', 3))], fieldOf);
    expect(correlator.observe(failed(0))).toEqual([]);
    expect(correlator.observe(failed(360))).toEqual([]);
    expect(correlator.observe(failed(720))).toEqual([]); // 0 s is 12 min before: gone
    const fired = correlator.observe(failed(780));
    expect(fired).toHaveLength(1);
    expect(fired[0]?.events).toHaveLength(3);
  });

  it('counts hits that arrive out of order within the window, and reports them in time order', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gt', 2))], fieldOf);
    correlator.observe(failed(300));
    correlator.observe(failed(60));
    const [detection] = correlator.observe(failed(180));
    expect(detection?.events.map((event) => event.time)).toEqual([
      '2024-01-01T00:01:00.000Z',
      '2024-01-01T00:03:00.000Z',
      '2024-01-01T00:05:00.000Z',
    ]);
  });

  it('does not count a hit older than its group window', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gte', 2))], fieldOf);
    correlator.observe(failed(1_000));
    expect(correlator.observe(failed(100))).toEqual([]);
    expect(correlator.stats.lateHits).toBe(1);
  });

  it('decides lt on closed windows: when a later hit closes the window, and at flush', () => {
    const correlator = new Correlator([correlationFrom(eventCount('lt', 3))], fieldOf);
    expect(correlator.observe(failed(0))).toEqual([]);
    expect(correlator.observe(failed(60))).toEqual([]);
    const closed = correlator.observe(failed(1_200)); // 20 min later: the first window closed
    expect(closed).toHaveLength(1);
    expect(closed[0]?.events).toHaveLength(2);
    const flushed = correlator.flush();
    expect(flushed).toHaveLength(1);
    expect(flushed[0]?.events).toHaveLength(1);
    expect(correlator.flush()).toEqual([]);
  });

  it.each([
    ['lte', 2, [1, 2], true],
    ['lte', 2, [1, 2, 3], false],
    ['eq', 2, [1, 2], true],
    ['eq', 2, [1, 2, 3], false],
    ['neq', 2, [1, 2, 3], true],
    ['neq', 2, [1, 2], false],
    ['gt', 2, [1, 2], false],
    ['gte', 2, [1, 2], true],
  ])('%s %i over %j hits fires: %s', (operator, value, seconds, fires) => {
    const correlator = new Correlator([correlationFrom(eventCount(operator, value))], fieldOf);
    const during = seconds.flatMap((second) => correlator.observe(failed(second)));
    expect(during.length + correlator.flush().length).toBe(fires ? 1 : 0);
  });

  it('keeps at most the cap of events in a detection', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gte', 150))], fieldOf);
    const fired = Array.from({ length: 150 }, (_, i) => correlator.observe(failed(i))).flat();
    expect(fired).toHaveLength(1);
    expect(fired[0]?.events).toHaveLength(MAX_EVENTS_PER_DETECTION);
  });

  it('skips hits without a group value or a readable time, and counts them', () => {
    const correlator = new Correlator([correlationFrom(eventCount('gte', 1))], fieldOf);
    expect(correlator.observe({ ruleName: 'failed_login', event: eventAt(0, {}) })).toEqual([]);
    const noTime = { ...eventAt(0, { User: 'x' }), time: 'not a time' };
    expect(correlator.observe({ ruleName: 'failed_login', event: noTime })).toEqual([]);
    expect(
      correlator.observe({ ruleName: 'other_rule', event: eventAt(0, { User: 'x' }) }),
    ).toEqual([]);
    expect(correlator.stats).toMatchObject({ hitsWithoutGroup: 1, hitsWithoutTime: 1, groups: 0 });
  });

  it('matches rules by id or by name, and groups the whole stream when there is no group-by', () => {
    const correlation = correlationFrom(`title: Any two
correlation:
  type: event_count
  rules: [aaaaaaaa-0000-4000-8000-000000000000, named_rule]
  timespan: 1h
  condition:
    gte: 2
`);
    const correlator = new Correlator([correlation], fieldOf);
    expect(
      correlator.observe({ ruleId: 'aaaaaaaa-0000-4000-8000-000000000000', event: eventAt(0) }),
    ).toEqual([]);
    const [detection] = correlator.observe({
      ruleId: 'x',
      ruleName: 'named_rule',
      event: eventAt(5),
    });
    expect(detection).toMatchObject({ ruleId: 'Any two', groupKey: '', level: 'medium' });
  });
});

describe('value_count', () => {
  const correlation = correlationFrom(`title: Password spray
id: 22222222-2222-4222-8222-222222222222
correlation:
  type: value_count
  rules: [failed_login]
  group-by: [SourceIp]
  timespan: 1h
  condition:
    field: User
    gte: 3
`);

  it('counts distinct values of the field per group', () => {
    const correlator = new Correlator([correlation], fieldOf);
    const hit = (seconds: number, user: string, ip = '10.0.0.1') => ({
      ruleName: 'failed_login',
      event: eventAt(seconds, { User: user, SourceIp: ip }),
    });
    expect(correlator.observe(hit(0, 'a'))).toEqual([]);
    expect(correlator.observe(hit(1, 'a'))).toEqual([]);
    expect(correlator.observe(hit(2, 'b'))).toEqual([]);
    expect(correlator.observe(hit(3, 'c', '10.0.0.2'))).toEqual([]);
    const [detection] = correlator.observe(hit(4, 'c'));
    expect(detection?.groupKey).toBe('SourceIp=10.0.0.1');
    expect(detection?.events).toHaveLength(4);
  });
});

describe('temporal and temporal_ordered', () => {
  const temporal = (type: string, extra = '') =>
    correlationFrom(`title: Recon
name: recon
correlation:
  type: ${type}
  rules: [cmd_a, cmd_b, cmd_c]
  group-by: [Computer]
  timespan: 5m
${extra}`);
  const hit = (rule: string, seconds: number, computer = 'ws1') => ({
    ruleName: rule,
    event: eventAt(seconds, { Computer: computer }),
  });

  it('temporal fires when every rule has a hit within the timespan, in any order', () => {
    const correlator = new Correlator([temporal('temporal')], fieldOf);
    expect(correlator.observe(hit('cmd_c', 0))).toEqual([]);
    expect(correlator.observe(hit('cmd_a', 10))).toEqual([]);
    expect(correlator.observe(hit('cmd_a', 20))).toEqual([]);
    expect(correlator.observe(hit('cmd_b', 30, 'ws2'))).toEqual([]);
    const [detection] = correlator.observe(hit('cmd_b', 40));
    expect(detection?.groupKey).toBe('Computer=ws1');
    expect(detection?.events).toHaveLength(4);
  });

  it('temporal does not fire when the hits are further apart than the timespan', () => {
    const correlator = new Correlator([temporal('temporal')], fieldOf);
    correlator.observe(hit('cmd_a', 0));
    correlator.observe(hit('cmd_b', 200));
    expect(correlator.observe(hit('cmd_c', 400))).toEqual([]);
    expect(correlator.observe(hit('cmd_a', 401))).toHaveLength(1);
  });

  it('temporal takes a condition on how many of the rules must have hits', () => {
    const correlator = new Correlator(
      [temporal('temporal', '  condition:\n    gte: 2\n')],
      fieldOf,
    );
    correlator.observe(hit('cmd_a', 0));
    correlator.observe(hit('cmd_a', 1));
    expect(correlator.observe(hit('cmd_c', 2))).toHaveLength(1);
  });

  it('temporal_ordered needs the rules in the order given', () => {
    const correlator = new Correlator([temporal('temporal_ordered')], fieldOf);
    correlator.observe(hit('cmd_c', 0));
    correlator.observe(hit('cmd_b', 1));
    expect(correlator.observe(hit('cmd_a', 2))).toEqual([]);
    expect(correlator.observe(hit('cmd_b', 3))).toEqual([]);
    const [detection] = correlator.observe(hit('cmd_c', 4));
    expect(detection?.events.map((event) => event.time.slice(17, 19))).toEqual([
      '00',
      '01',
      '02',
      '03',
      '04',
    ]);
  });

  it('temporal_ordered orders by event time, not arrival', () => {
    const correlator = new Correlator([temporal('temporal_ordered')], fieldOf);
    correlator.observe(hit('cmd_c', 30));
    correlator.observe(hit('cmd_a', 10));
    expect(correlator.observe(hit('cmd_b', 20))).toHaveLength(1);
  });
});

describe('aliases, generate and chaining', () => {
  it('groups by an alias resolved to different fields per rule', () => {
    const correlation = correlationFrom(`title: Error then connection
correlation:
  type: temporal
  rules: [internal_error, new_network_connection]
  group-by: [internal_ip, remote_ip]
  timespan: 10s
  aliases:
    internal_ip:
      internal_error: destination.ip
      new_network_connection: source.ip
    remote_ip:
      internal_error: source.ip
      new_network_connection: destination.ip
`);
    const correlator = new Correlator([correlation], fieldOf);
    const error = eventAt(0, { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } });
    const wrong = eventAt(1, { source: { ip: '203.0.113.9' }, destination: { ip: '10.0.0.5' } });
    const right = eventAt(2, { source: { ip: '10.0.0.5' }, destination: { ip: '203.0.113.9' } });
    expect(correlator.observe({ ruleName: 'internal_error', event: error })).toEqual([]);
    expect(correlator.observe({ ruleName: 'new_network_connection', event: wrong })).toEqual([]);
    const [detection] = correlator.observe({ ruleName: 'new_network_connection', event: right });
    expect(detection?.groupKey).toBe('internal_ip=10.0.0.5, remote_ip=203.0.113.9');
    expect(detection?.events).toEqual([error, right]);
  });

  it('chains correlations (the specification example) and reports only the outer one', () => {
    const outer = correlationFrom(`title: Failed logins followed by success
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
  type: temporal_ordered
  rules: [multiple_failed_login, successful_login]
  group-by: [User]
  timespan: 10m
level: high
`);
    const inner = correlationFrom(`title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
  type: event_count
  rules: [failed_login]
  group-by: [User]
  timespan: 10m
  condition:
    gte: 3
`);
    const correlator = new Correlator([outer, inner], fieldOf);
    expect([...correlator.referencedRules].sort()).toEqual(['failed_login', 'successful_login']);
    expect([...correlator.suppressedRules].sort()).toEqual(['failed_login', 'successful_login']);
    const success = { ruleName: 'successful_login', event: eventAt(10, { User: 'bob' }) };
    // A success before the failures does not count.
    expect(correlator.observe(success)).toEqual([]);
    expect(correlator.observe(failed(20))).toEqual([]);
    expect(correlator.observe(failed(30))).toEqual([]);
    expect(correlator.observe(failed(40))).toEqual([]); // the inner one fires, not reported
    const [detection, ...rest] = correlator.observe({
      ruleName: 'successful_login',
      event: eventAt(50, { User: 'bob' }),
    });
    expect(rest).toEqual([]);
    expect(detection).toMatchObject({
      ruleId: 'b180ead8-d58f-40b2-ae54-c8940995b9b6',
      level: 'high',
      groupKey: 'User=bob',
    });
  });

  it('reports the referenced rules as not suppressed when a correlation has generate: true', () => {
    const correlation = correlationFrom(
      eventCount('gte', 2).replace('  timespan: 10m', '  generate: true\n  timespan: 10m'),
    );
    const correlator = new Correlator([correlation], fieldOf);
    expect([...correlator.referencedRules]).toEqual(['failed_login']);
    expect([...correlator.suppressedRules]).toEqual([]);
  });
});
