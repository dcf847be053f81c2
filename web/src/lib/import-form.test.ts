import { describe, expect, it } from 'vitest';
import {
  assetIdOf,
  EMPTY_IMPORT_FORM,
  mappingJson,
  prepareImport,
  safeFileName,
} from './import-form';

describe('prepareImport', () => {
  it('builds the query of a plain scan upload', async () => {
    const result = await prepareImport({
      ...EMPTY_IMPORT_FORM,
      kind: 'nmap',
      fileName: 'scan.xml',
    });
    expect(result).toEqual({ upload: { kind: 'nmap', fileName: 'scan.xml' } });
  });

  it('asks for the kind and the file', async () => {
    expect(await prepareImport(EMPTY_IMPORT_FORM)).toEqual({
      problems: { kind: 'Choose what kind of file this is.', file: 'Choose a file.' },
    });
  });

  it('sends an inventory mapping typed as YAML as JSON', async () => {
    const mapping = 'delimiter: ";"\nfields:\n  assetTag: Inventar-Nr.\n';
    const result = await prepareImport({
      ...EMPTY_IMPORT_FORM,
      kind: 'inventory',
      fileName: 'cmms.csv',
      mapping,
    });
    expect(result).toEqual({
      upload: {
        kind: 'inventory',
        fileName: 'cmms.csv',
        mapping: '{"delimiter":";","fields":{"assetTag":"Inventar-Nr."}}',
      },
    });
  });

  it('ignores a mapping typed for another kind of file', async () => {
    const result = await prepareImport({
      ...EMPTY_IMPORT_FORM,
      kind: 'nessus',
      fileName: 'scan.nessus',
      mapping: 'fields: {}',
    });
    expect(result).toEqual({ upload: { kind: 'nessus', fileName: 'scan.nessus' } });
  });

  it('attaches an SBOM to an asset given by id or page address', async () => {
    const result = await prepareImport({
      ...EMPTY_IMPORT_FORM,
      kind: 'sbom',
      fileName: 'pump.cdx.json',
      assetId: 'https://wardline.example/assets/ast_01abc?tab=sboms',
    });
    expect(result).toEqual({
      upload: { kind: 'sbom', fileName: 'pump.cdx.json', assetId: 'ast_01abc' },
    });
  });

  it('attaches an SBOM to a vendor and model, and wants both', async () => {
    const base = { ...EMPTY_IMPORT_FORM, kind: 'sbom' as const, fileName: 'a.spdx' };
    const both = await prepareImport({
      ...base,
      sbomTarget: 'model',
      vendor: ' Acme ',
      model: 'Pump 9',
    });
    expect(both).toEqual({
      upload: { kind: 'sbom', fileName: 'a.spdx', vendor: 'Acme', model: 'Pump 9' },
    });
    const one = await prepareImport({ ...base, sbomTarget: 'model', vendor: 'Acme' });
    expect(one).toEqual({ problems: { model: 'Enter the model.' } });
    const none = await prepareImport(base);
    expect(none).toMatchObject({
      problems: { assetId: expect.stringContaining('ast_') as string },
    });
  });
});

describe('mappingJson', () => {
  it('reads JSON as well as YAML', async () => {
    expect(await mappingJson('{"fields": {"mac": "MAC"}}')).toEqual({
      json: '{"fields":{"mac":"MAC"}}',
    });
  });

  it('refuses text that is not a mapping', async () => {
    expect(await mappingJson('fields: [unclosed')).toMatchObject({
      problem: expect.stringContaining('neither YAML nor JSON') as string,
    });
    expect(await mappingJson('- a\n- b')).toMatchObject({
      problem: expect.stringContaining('set of keys') as string,
    });
    expect(await mappingJson(`fields:\n  x: "${'a'.repeat(17_000)}"`)).toMatchObject({
      problem: expect.stringContaining('too long') as string,
    });
  });
});

describe('assetIdOf and safeFileName', () => {
  it('reads an asset id or refuses', () => {
    expect(assetIdOf(' ast_01j9 ')).toBe('ast_01j9');
    expect(assetIdOf('/assets/ast_x1')).toBe('ast_x1');
    expect(assetIdOf('PUMP-ICU-01')).toBeNull();
    expect(assetIdOf('')).toBeNull();
  });

  it('keeps a bare, bounded file name', () => {
    expect(safeFileName('C:\\scans\\ct.xml')).toBe('ct.xml');
    expect(safeFileName('a\u0000b.xml')).toBe('ab.xml');
    expect(safeFileName('/')).toBe('upload');
    expect(safeFileName('x'.repeat(300))).toHaveLength(255);
  });
});
