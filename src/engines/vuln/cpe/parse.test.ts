/**
 * Binding and unbinding, with the examples of NISTIR 7695 §6.1.2–6.2.3 (written out from the
 * spec's text; WFN values there are shown here in Wardline's formatted-string form).
 */
import { describe, expect, it } from 'vitest';
import { formatCpe, formatCpeUri } from './format.js';
import { parseCpe } from './parse.js';
import { CpeParseError, type CpeName } from './types.js';

function name(text: string): CpeName {
  const parsed = parseCpe(text);
  if (parsed instanceof CpeParseError) throw new Error(`${text}: ${parsed.code} ${parsed.message}`);
  return parsed;
}

function error(text: string): CpeParseError {
  const parsed = parseCpe(text);
  if (!(parsed instanceof CpeParseError)) throw new Error(`${text} parsed`);
  return parsed;
}

describe('formatted string binding (NISTIR 7695 §6.2)', () => {
  it('unbinds the spec examples', () => {
    expect(name('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*')).toMatchObject({
      part: 'a',
      vendor: 'microsoft',
      product: 'internet_explorer',
      version: '8.0.6001',
      update: 'beta',
      edition: '*',
    });
    expect(name('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*')).toMatchObject({
      version: '8.*',
      update: 'sp?',
    });
    expect(name('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*')).toEqual({
      part: 'a',
      vendor: 'hp',
      product: 'insight_diagnostics',
      version: '7.4.0.1570',
      update: '-',
      edition: '*',
      language: '*',
      swEdition: 'online',
      targetSw: 'win2003',
      targetHw: 'x64',
      other: '*',
    });
    expect(
      name('cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*'),
    ).toMatchObject({
      vendor: 'foo\\\\bar',
      product: 'big\\$money_2010',
      swEdition: 'special',
      targetSw: 'ipod_touch',
      targetHw: '80gb',
    });
  });

  it('rejects embedded wild cards and unquoted punctuation, with the offset', () => {
    const embedded = error('cpe:2.3:a:foo:bar:12.*.1234:*:*:*:*:*:*:*');
    expect(embedded.code).toBe('WL_CPE_WILDCARD');
    expect(embedded.position).toBe('cpe:2.3:a:foo:bar:12.*'.length - 1);
    const punct = error('cpe:2.3:a:foo:b@r:1:*:*:*:*:*:*:*');
    expect(punct).toMatchObject({ code: 'WL_CPE_CHARACTER', position: 15 });
    expect(error('cpe:2.3:a:foo:bar:1:*:*:*:*:*:*').code).toBe('WL_CPE_COMPONENT_COUNT');
    expect(error('cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:*:*').code).toBe('WL_CPE_COMPONENT_COUNT');
    expect(error('cpe:2.3:x:foo:bar:1:*:*:*:*:*:*:*').code).toBe('WL_CPE_PART');
    expect(error('cpe:2.3:a:foo::1:*:*:*:*:*:*:*').code).toBe('WL_CPE_EMPTY');
    expect(error('cpe:2.3:a:foo:bar:1:*:*:english:*:*:*:*').code).toBe('WL_CPE_LANGUAGE');
    expect(error('cpe:2.3:a:**:bar:1:*:*:*:*:*:*:*').code).toBe('WL_CPE_WILDCARD');
    expect(error('cpe:2.3:a:*?foo:bar:1:*:*:*:*:*:*:*').code).toBe('WL_CPE_WILDCARD');
    expect(error('cpe:2.3:a:foo\\.:bar:1:*:*:*:*:*:*:*').code).toBe('WL_CPE_CHARACTER');
    expect(error('x'.repeat(2000)).code).toBe('WL_CPE_TOO_LONG');
    expect(error('cpe:2.2:a:foo').code).toBe('WL_CPE_PREFIX');
  });

  it('keeps a quoted colon inside a value and lower-cases letters', () => {
    const parsed = name('cpe:2.3:a:Foo:Bar\\:Baz:1.0:*:*:EN-US:*:*:*:*');
    expect(parsed).toMatchObject({ vendor: 'foo', product: 'bar\\:baz', language: 'en-us' });
    expect(formatCpe(parsed)).toBe('cpe:2.3:a:foo:bar\\:baz:1.0:*:*:en-us:*:*:*:*');
  });
});

describe('URI binding (NISTIR 7695 §6.1)', () => {
  it('unbinds the spec examples', () => {
    expect(name('cpe:/a:microsoft:internet_explorer:8.0.6001:beta')).toMatchObject({
      version: '8.0.6001',
      update: 'beta',
      edition: '*',
      other: '*',
    });
    // %2a and %3f are quoted characters; %02 and %01 are the wild cards.
    expect(name('cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f')).toMatchObject({
      version: '8.\\*',
      update: 'sp\\?',
    });
    expect(name('cpe:/a:microsoft:internet_explorer:8.%02:sp%01')).toMatchObject({
      version: '8.*',
      update: 'sp?',
    });
    expect(name('cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~')).toMatchObject({
      update: '*',
      edition: '*',
      swEdition: 'online',
      targetSw: 'win2003',
      targetHw: 'x64',
      other: '*',
    });
    expect(name('cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~')).toMatchObject({
      update: '-',
      targetSw: 'linux',
    });
    expect(name('cpe:/a:foo~bar:big%7emoney_2010')).toMatchObject({
      vendor: 'foo\\~bar',
      product: 'big\\~money_2010',
    });
    expect(error('cpe:/a:foo%5cbar:big%24money_2010%07:::~~special~ipod_touch~80gb~').code).toBe(
      'WL_CPE_PERCENT',
    );
    expect(error('cpe:/a:foo:bar:12.%02.1234').code).toBe('WL_CPE_WILDCARD');
  });

  it('binds names to URIs, packing the extended attributes into the edition', () => {
    expect(
      formatCpeUri(name('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*')),
    ).toBe('cpe:/a:microsoft:internet_explorer:8.0.6001:beta');
    expect(formatCpeUri(name('cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*'))).toBe(
      'cpe:/a:microsoft:internet_explorer:8.%02:sp%01',
    );
    expect(
      formatCpeUri(name('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*')),
    ).toBe('cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~');
    expect(formatCpeUri(name('cpe:2.3:a:foo\\\\bar:big\\$money:*:*:*:*:*:*:*:*'))).toBe(
      'cpe:/a:foo%5cbar:big%24money',
    );
    expect(formatCpe(name('cpe:/o:redhat:rhel_aus:7.6::server'))).toBe(
      'cpe:2.3:o:redhat:rhel_aus:7.6:*:server:*:*:*:*:*',
    );
  });

  it('refuses too many components, a bad packed edition and a bad part', () => {
    expect(error('cpe:/o:redhat:rhel_aus:7.6::server::SUFFIX').code).toBe('WL_CPE_COMPONENT_COUNT');
    expect(error('cpe:/a:x:y:1:2:~a~b').code).toBe('WL_CPE_PACKED_EDITION');
    expect(error('cpe:/q:x').code).toBe('WL_CPE_PART');
    expect(error('cpe:/a:x y').code).toBe('WL_CPE_CHARACTER');
    expect(name('cpe:/')).toMatchObject({ part: '*', vendor: '*' });
  });
});
