import { describe, expect, it } from 'vitest';
import { DICOM_SOP_CLASSES, dicomSopClass, type DicomModality } from '../../domain/dicom.js';
import type { AssetCategory } from '../../domain/inventory.js';
import type { ProtocolFacts } from '../../domain/observation.js';
import { classifyAsset } from './classify.js';
import { CLASSIFICATION_RULES } from './classify-rules.js';
import type { AssetProfile } from './types.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const STUDY_FIND = '1.2.840.10008.5.1.4.1.2.2.1';
const WORKLIST = '1.2.840.10008.5.1.4.31';

function dicom(
  roles: ('scu' | 'scp')[],
  sopClasses: string[],
  aeTitles: string[] = [],
): ProtocolFacts {
  return {
    dicom: {
      aeTitles,
      implementationClassUid: null,
      implementationVersionName: null,
      sopClasses,
      roles,
    },
  };
}

function hl7(applications: string[], messageTypes: string[], facilities: string[] = ['LARKSPUR']) {
  return { hl7: { applications, facilities, messageTypes, versions: ['2.5.1'] } };
}

const tcp = (port: number) => ({ transport: 'tcp' as const, port, name: null, product: null });

describe('a declared category', () => {
  it('wins with confidence 1 over any evidence', () => {
    const result = classifyAsset({
      declaredCategory: 'lab-analyzer',
      declaredBy: 'inventory cmms.csv',
      protocols: dicom(['scu'], [CT]),
    });
    expect(result).toEqual({
      category: 'lab-analyzer',
      confidence: 1,
      reasons: ['Declared as lab-analyzer by inventory cmms.csv'],
      modality: null,
    });
  });
});

describe('a stated category', () => {
  it('from a source that does not decide it is strong evidence, not a verdict', () => {
    const stated = classifyAsset({
      statedCategory: 'infusion-pump',
      declaredBy: 'sbom pump.cdx.json',
    });
    expect(stated).toMatchObject({ category: 'infusion-pump', confidence: 0.7 });
    expect(stated.reasons).toEqual(['Stated as infusion-pump by sbom pump.cdx.json']);
    expect(
      classifyAsset({
        statedCategory: 'workstation',
        protocols: dicom(['scu'], [CT]),
        aeTitles: ['CT1'],
      }).category,
    ).toBe('imaging-modality');
  });
});

describe('DICOM evidence', () => {
  it('an SCU sending CT images is a CT modality, and the reason names the SOP class', () => {
    const result = classifyAsset({ protocols: dicom(['scu'], [CT, WORKLIST]) });
    expect(result.category).toBe('imaging-modality');
    expect(result.modality).toBe('CT');
    expect(result.reasons[0]).toBe(`DICOM SCU sending CT Image Storage (${CT})`);
    expect(result.confidence).toBeGreaterThan(0.9);
  });

  it.each<[string, DicomModality]>([
    ['1.2.840.10008.5.1.4.1.1.4', 'MR'],
    ['1.2.840.10008.5.1.4.1.1.6.1', 'US'],
    ['1.2.840.10008.5.1.4.1.1.1', 'CR'],
    ['1.2.840.10008.5.1.4.1.1.1.1', 'DX'],
    ['1.2.840.10008.5.1.4.1.1.1.2', 'MG'],
    ['1.2.840.10008.5.1.4.1.1.20', 'NM'],
    ['1.2.840.10008.5.1.4.1.1.128', 'PT'],
    ['1.2.840.10008.5.1.4.1.1.12.1', 'XA'],
    ['1.2.840.10008.5.1.4.1.1.12.2', 'RF'],
  ])('storage class %s names modality %s', (uid, modality) => {
    expect(classifyAsset({ protocols: dicom(['scu'], [uid]) })).toMatchObject({
      category: 'imaging-modality',
      modality,
    });
  });

  it('a Query/Retrieve SCP, or a storage SCP with many peers, is a PACS', () => {
    expect(classifyAsset({ protocols: dicom(['scp'], [STUDY_FIND]) }).category).toBe('pacs');
    const archive = classifyAsset({
      protocols: dicom(['scp'], [CT, '1.2.840.10008.5.1.4.1.1.4']),
      peers: { dicomClients: 5, hl7Clients: 0 },
    });
    expect(archive.category).toBe('pacs');
    expect(archive.reasons).toContain('DICOM Storage SCP accepting images from 5 peers');
    expect(archive.modality).toBeNull();
  });

  it('a modality that also queries the archive stays a modality', () => {
    expect(classifyAsset({ protocols: dicom(['scu', 'scp'], [CT, STUDY_FIND]) }).category).toBe(
      'imaging-modality',
    );
  });

  it('AE titles hint at the role', () => {
    expect(classifyAsset({ aeTitles: ['LARK_PACS'] }).category).toBe('pacs');
    expect(classifyAsset({ aeTitles: ['MRI3T_A'] })).toMatchObject({
      category: 'imaging-modality',
      modality: 'MR',
    });
  });
});

describe('HL7 evidence', () => {
  it('many applications or many MLLP peers make an interface engine', () => {
    expect(
      classifyAsset({ protocols: hl7(['EPIC', 'LAB', 'RIS', 'PHARM'], ['ADT^A01']) }).category,
    ).toBe('hl7-interface-engine');
    expect(
      classifyAsset({ services: [tcp(2575)], peers: { dicomClients: 0, hl7Clients: 6 } }).category,
    ).toBe('hl7-interface-engine');
  });

  it('results from an analyzer application are a lab analyzer; from a monitor, a patient monitor', () => {
    expect(classifyAsset({ protocols: hl7(['SYSMEX_XN'], ['ORU^R01']) }).category).toBe(
      'lab-analyzer',
    );
    expect(classifyAsset({ protocols: hl7(['INTELLIVUE_MX800'], ['ORU^R01']) }).category).toBe(
      'patient-monitor',
    );
  });
});

describe('makers and models', () => {
  it.each<[Partial<AssetProfile>, AssetCategory]>([
    [{ vendor: 'Baxter International Inc' }, 'infusion-pump'],
    [{ vendor: 'BD', model: 'Alaris 8015' }, 'infusion-pump'],
    [{ vendor: 'B. Braun Melsungen AG' }, 'infusion-pump'],
    [{ vendor: 'ICU Medical, Inc.' }, 'infusion-pump'],
    [{ vendor: 'Fresenius Kabi' }, 'infusion-pump'],
    [{ vendor: 'Smiths Medical', model: 'Medfusion 4000' }, 'infusion-pump'],
    [{ vendor: 'Philips', model: 'IntelliVue MX800' }, 'patient-monitor'],
    [{ vendor: 'GE HealthCare', model: 'CARESCAPE B650' }, 'patient-monitor'],
    [{ vendor: 'Mindray' }, 'patient-monitor'],
    [{ vendor: 'Nihon Kohden' }, 'patient-monitor'],
    [{ vendor: 'Drägerwerk AG & Co. KGaA' }, 'patient-monitor'],
    [{ vendor: 'Siemens Healthineers' }, 'imaging-modality'],
    [{ vendor: 'GE HealthCare', model: 'Revolution CT' }, 'imaging-modality'],
    [{ vendor: 'Canon Medical Systems' }, 'imaging-modality'],
    [{ vendor: 'Philips', model: 'Ingenia 3.0T' }, 'imaging-modality'],
    [{ vendor: 'FUJIFILM Healthcare' }, 'imaging-modality'],
    [{ vendor: 'Carestream Health' }, 'imaging-modality'],
    [{ vendor: 'Carestream Health', model: 'Vue PACS 12' }, 'pacs'],
    [{ vendor: 'Sysmex Corporation' }, 'lab-analyzer'],
    [{ vendor: 'Beckman Coulter' }, 'lab-analyzer'],
    [{ vendor: 'Roche Diagnostics', model: 'cobas 8000' }, 'lab-analyzer'],
    [{ vendor: 'Abbott', model: 'Architect ci4100' }, 'lab-analyzer'],
    [{ vendor: 'Siemens Healthineers', model: 'Atellica Solution' }, 'lab-analyzer'],
    [{ vendor: 'Epic Systems' }, 'ehr-server'],
    [{ vendor: 'Cerner' }, 'ehr-server'],
    [{ vendor: 'Oracle Health' }, 'ehr-server'],
    [{ vendor: 'MEDITECH' }, 'ehr-server'],
    [{ vendor: 'Cisco Systems, Inc' }, 'network-gear'],
    [{ vendor: 'Juniper Networks' }, 'network-gear'],
    [{ vendor: 'Aruba, a Hewlett Packard Enterprise company' }, 'network-gear'],
    [{ vendor: 'HPE' }, 'network-gear'],
    [{ vendor: 'Fortinet' }, 'network-gear'],
    [{ vendor: 'Palo Alto Networks' }, 'network-gear'],
  ])('%o is %s', (profile, category) => {
    expect(classifyAsset(profile).category).toBe(category);
  });

  it('counts the MAC’s network card maker for less than a declared vendor', () => {
    const declared = classifyAsset({ vendor: 'Baxter International Inc' });
    const fromOui = classifyAsset({ vendor: 'Baxter International Inc', vendorFromOui: true });
    expect(fromOui.category).toBe('infusion-pump');
    expect(fromOui.confidence).toBeLessThan(declared.confidence);
    expect(fromOui.reasons[0]).toMatch(/^Network card maker \(MAC OUI\) Baxter/);
  });

  it('software and service products name interface engines and archives', () => {
    expect(
      classifyAsset({ software: [{ name: 'Mirth Connect', supplier: 'NextGen' }] }).category,
    ).toBe('hl7-interface-engine');
    expect(classifyAsset({ services: [{ ...tcp(8042), product: 'Orthanc' }] }).category).toBe(
      'pacs',
    );
  });
});

describe('general-purpose computers and gadgets', () => {
  it.each<[Partial<AssetProfile>, AssetCategory]>([
    [
      {
        protocols: {
          dhcp: { hostname: null, vendorClass: 'MSFT 5.0', fingerprint: null, clientId: null },
        },
      },
      'workstation',
    ],
    [
      {
        protocols: {
          dhcp: {
            hostname: null,
            vendorClass: 'dhcpcd-9.4.1:Linux',
            fingerprint: null,
            clientId: null,
          },
        },
      },
      'iot',
    ],
    [
      {
        protocols: {
          dhcp: {
            hostname: null,
            vendorClass: 'android-dhcp-13',
            fingerprint: null,
            clientId: null,
          },
        },
      },
      'iot',
    ],
    [{ services: [tcp(445), tcp(3389)] }, 'workstation'],
    [{ services: [tcp(445), tcp(3389)], os: 'Microsoft Windows Server 2019' }, 'server'],
    [{ services: [tcp(88), tcp(389), tcp(445)] }, 'server'],
    [{ services: [tcp(22), tcp(443)] }, 'network-gear'],
    [{ os: 'Microsoft Windows 10 Enterprise' }, 'workstation'],
    [{ os: 'Cisco IOS 15.2' }, 'network-gear'],
    [{ os: 'VxWorks 6.9' }, 'iot'],
    [
      {
        protocols: {
          http: {
            userAgents: ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)'],
            servers: [],
            hosts: [],
          },
        },
      },
      'workstation',
    ],
    [{ protocols: { http: { userAgents: [], servers: ['GoAhead-Webs'], hosts: [] } } }, 'iot'],
    [{ hostnames: ['radiology-ws-12.larkspur.local'] }, 'workstation'],
    [{ hostnames: ['desktop-4f2k9qz'] }, 'workstation'],
    [{ hostnames: ['pc0042'] }, 'workstation'],
  ])('%o is %s', (profile, category) => {
    expect(classifyAsset(profile).category).toBe(category);
  });

  it('is unknown with no evidence at all', () => {
    expect(classifyAsset({})).toEqual({
      category: 'unknown',
      confidence: 0,
      reasons: [],
      modality: null,
    });
  });
});

describe('the tables', () => {
  it('rules have unique ids and weights between 0 and 1', () => {
    const ids = CLASSIFICATION_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CLASSIFICATION_RULES) {
      expect(rule.weight).toBeGreaterThan(0);
      expect(rule.weight).toBeLessThanOrEqual(1);
    }
  });

  it('SOP classes have unique DICOM-rooted UIDs; only storage classes name a modality', () => {
    const uids = DICOM_SOP_CLASSES.map((c) => c.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const sopClass of DICOM_SOP_CLASSES) {
      expect(sopClass.uid).toMatch(/^1\.2\.840\.10008\.[0-9.]+[0-9]$/);
      if (sopClass.modality !== null) expect(sopClass.kind).toBe('storage');
      if (sopClass.operation !== null) expect(['query', 'worklist']).toContain(sopClass.kind);
    }
    expect(dicomSopClass(` ${CT} `)?.name).toBe('CT Image Storage');
    expect(dicomSopClass('1.2.3')).toBeUndefined();
  });
});
