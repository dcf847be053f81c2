/**
 * Every demo file that is made without running software: exports, mappings, scans and SBOMs, by
 * path under `demo/`. Pure and deterministic, so the tests can regenerate them and compare with
 * what is committed. JSON and YAML pass through Prettier, as the repository's format check wants.
 */
import { format, resolveConfig } from 'prettier';
import { DEMO_CMDB_EXPORT, DEMO_CMMS_EXPORT } from '../../src/services/demo/demo-files.js';
import { cmdbExportJson, cmdbMappingYaml } from './cmdb-file.js';
import { cmmsExportCsv, cmmsMappingYaml } from './inventory-files.js';
import { mainCampusNmapXml, northClinicNmapXml, serverOpenvasXml } from './scan-files.js';
import { deviceSbomFiles } from './sbom-files.js';

/** The files, path under `demo/` → content, as written. */
export async function demoTextFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>([
    [DEMO_CMMS_EXPORT.path, cmmsExportCsv()],
    [DEMO_CMMS_EXPORT.mapping ?? '', cmmsMappingYaml()],
    [DEMO_CMDB_EXPORT.path, cmdbExportJson()],
    [DEMO_CMDB_EXPORT.mapping ?? '', cmdbMappingYaml()],
    ['scans/nmap-main-campus.xml', mainCampusNmapXml()],
    ['scans/nmap-north-clinic.xml', northClinicNmapXml()],
    ['scans/openvas-servers.xml', serverOpenvasXml()],
    ...deviceSbomFiles(),
  ]);
  const options = (await resolveConfig(new URL('../../package.json', import.meta.url))) ?? {};
  for (const [path, text] of files) {
    if (/\.(json|ya?ml)$/.test(path)) {
      files.set(path, await format(text, { ...options, filepath: path }));
    }
  }
  return files;
}
