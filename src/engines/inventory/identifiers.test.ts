import { describe, expect, it } from 'vitest';
import { defaultCriticality } from './criticality.js';
import {
  isIdentifyingHostname,
  isIdentifyingIp,
  macKind,
  normalizeAeTitle,
  normalizeAssetTag,
  normalizeHostname,
  normalizeIp,
  normalizeSerial,
  vendorKey,
  vendorsCompatible,
} from './identifiers.js';
import { ouiVendor } from './oui.js';

describe('MAC addresses', () => {
  it.each([
    ['00:1b:63:84:45:e6', 'global'],
    ['da:a1:19:0b:5c:7e', 'local'],
    ['02:42:ac:11:00:02', 'local'],
    ['01:00:5e:00:00:fb', 'multicast'],
    ['33:33:00:00:00:01', 'multicast'],
    ['ff:ff:ff:ff:ff:ff', 'multicast'],
    ['00:00:5e:00:01:0a', 'virtual-router'],
    ['00:00:5e:00:02:0a', 'virtual-router'],
    ['00:00:0c:07:ac:01', 'virtual-router'],
    ['00:00:0c:9f:f0:01', 'virtual-router'],
    ['00:07:b4:00:01:02', 'virtual-router'],
    ['00:00:00:00:00:00', 'placeholder'],
  ])('%s is %s', (mac, kind) => {
    expect(macKind(mac)).toBe(kind);
  });

  it('finds the network card maker in the IEEE registry, longest block first', () => {
    expect(ouiVendor('58:42:e4:00:00:01')).toBe('Baxter International Inc');
    expect(ouiVendor('00:1b:c5:00:00:01')).toBe('Converging Systems Inc.');
    expect(ouiVendor('da:a1:19:0b:5c:7e')).toBeNull();
  });
});

describe('addresses and names', () => {
  it('normalizes IP addresses', () => {
    expect(normalizeIp(' 10.1.2.3 ')).toBe('10.1.2.3');
    expect(normalizeIp('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizeIp('2001:0DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('10.1')).toBeNull();
    expect(normalizeIp('ct1')).toBeNull();
    expect(isIdentifyingIp('127.0.0.1')).toBe(false);
    expect(isIdentifyingIp('224.0.0.251')).toBe(false);
    expect(isIdentifyingIp('0.0.0.0')).toBe(false);
    expect(isIdentifyingIp('10.1.2.3')).toBe(true);
  });

  it('normalizes host names and refuses defaults', () => {
    expect(normalizeHostname('CT1.Larkspur.Local.')).toBe('ct1.larkspur.local');
    expect(normalizeHostname('localhost')).toBeNull();
    expect(normalizeHostname('10.1.2.3')).toBeNull();
    expect(normalizeHostname('  ')).toBeNull();
    expect(isIdentifyingHostname('android')).toBe(false);
    expect(isIdentifyingHostname('android-3f2a9c')).toBe(true);
  });

  it('normalizes serials, tags and AE titles', () => {
    expect(normalizeSerial(' sn-4411 ')).toBe('SN-4411');
    expect(normalizeSerial('0000000')).toBeNull();
    expect(normalizeSerial('System Serial Number')).toBeNull();
    expect(normalizeSerial('ab')).toBeNull();
    expect(normalizeAssetTag('bme 1001')).toBe('BME 1001');
    expect(normalizeAeTitle('  CT_MAIN ')).toBe('CT_MAIN');
    expect(normalizeAeTitle('A_TITLE_LONGER_THAN_16')).toBeNull();
    expect(normalizeAeTitle('BAD\\AE')).toBeNull();
  });

  it('compares makers by their first significant word', () => {
    expect(vendorKey('B. Braun Melsungen AG')).toBe('braun');
    expect(vendorsCompatible('Baxter Healthcare Corporation', 'Baxter International Inc')).toBe(
      true,
    );
    expect(vendorsCompatible('BD', 'Becton, Dickinson and Company')).toBe(true);
    expect(vendorsCompatible('Dräger', 'Draeger Medical')).toBe(true);
    expect(vendorsCompatible('Baxter', 'GE HealthCare')).toBe(false);
  });
});

describe('defaultCriticality', () => {
  it('is high with ePHI for pumps and monitors', () => {
    expect(defaultCriticality('infusion-pump')).toMatchObject({
      patientSafety: 'high',
      holdsEphi: true,
    });
    expect(defaultCriticality('patient-monitor')).toMatchObject({
      patientSafety: 'high',
      holdsEphi: true,
    });
  });

  it('is medium for imaging, but high for modalities that guide procedures live', () => {
    expect(defaultCriticality('imaging-modality', { modality: 'CT' }).patientSafety).toBe('medium');
    const xa = defaultCriticality('imaging-modality', { modality: 'XA' });
    expect(xa.patientSafety).toBe('high');
    expect(xa.reasons).toHaveLength(2);
  });

  it('says PACS, EHR servers and interface engines hold ePHI', () => {
    for (const category of ['pacs', 'ehr-server', 'hl7-interface-engine'] as const) {
      expect(defaultCriticality(category).holdsEphi).toBe(true);
    }
  });

  it('says a workstation holds ePHI once it is seen speaking HL7 or DICOM', () => {
    expect(defaultCriticality('workstation').holdsEphi).toBe(false);
    const hl7 = { applications: ['EPIC'], facilities: [], messageTypes: ['ADT^A01'], versions: [] };
    expect(defaultCriticality('workstation', { protocols: { hl7 } })).toMatchObject({
      holdsEphi: true,
      patientSafety: 'low',
    });
  });
});
