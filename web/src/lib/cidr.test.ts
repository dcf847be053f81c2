import { describe, expect, it } from 'vitest';
import { cidrListProblems, cidrProblem } from './cidr';

describe('cidrProblem', () => {
  it.each([
    '10.30.0.0/24',
    '0.0.0.0/0',
    '255.255.255.255/32',
    '10.30.0.7/24',
    ' 10.20.0.0/22 ',
    'fd00:30::/64',
    '::/0',
    '::1/128',
    '2001:db8:0:0:0:0:0:1/128',
    '1:2:3:4:5:6:7::/112',
    '::ffff:10.0.0.1/128',
    'FD00::/8',
  ])('accepts %s', (cidr) => {
    expect(cidrProblem(cidr)).toBeNull();
  });

  it.each([
    ['', 'Enter a network'],
    ['10.30.0.0', 'prefix length'],
    ['10.30.0.0/', 'prefix length is a number'],
    ['10.30.0.0/33', 'IPv4 prefix is 0 to 32'],
    ['10.30.0/24', 'not an IPv4'],
    ['10.300.0.0/24', 'not an IPv4'],
    ['10.030.0.0/24', 'not an IPv4'],
    ['ten.0.0.0/8', 'not an IPv4'],
    ['fd00:30::/129', 'IPv6 prefix is 0 to 128'],
    ['fd00:::1/64', 'not an IPv6'],
    ['1::2::3/64', 'not an IPv6'],
    ['1:2:3:4:5:6:7:8:9/64', 'not an IPv6'],
    ['1:2:3:4:5:6:7/64', 'not an IPv6'],
    ['12345::/64', 'not an IPv6'],
    ['::ffff:10.0.0/96', 'not an IPv6'],
    ['10.0.0.0/-1', 'prefix length is a number'],
    [`${'1'.repeat(70)}/8`, 'too long'],
  ])('refuses %j: %s', (cidr, message) => {
    expect(cidrProblem(cidr)).toContain(message);
  });
});

describe('cidrListProblems', () => {
  it('flags each bad entry and every repeat after the first', () => {
    expect(
      cidrListProblems(['10.0.0.0/24', 'nope', '10.0.0.0/24', 'FD00::/8', 'fd00::/8']),
    ).toEqual([
      null,
      'Add the prefix length, such as /24.',
      'This network is already listed.',
      null,
      'This network is already listed.',
    ]);
  });
});
