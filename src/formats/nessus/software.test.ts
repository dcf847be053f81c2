import { describe, expect, it } from 'vitest';
import { collectNessusXml } from './parse.js';
import { readSoftware } from './software.js';
import { inPieces, item, nessusFile, reportHost } from './test-helpers.js';

const WINDOWS =
  '\nThe following software are installed on the remote host :\n\n' +
  'Google Chrome  [version 119.0.6045.160]  [installed on 2023/11/20]\n' +
  'Orthanc DICOM Server  [version 1.12.1]\n' +
  'Vendor Imaging Suite\n' +
  'Notepad++ (64-bit x64)  [version 8.5.8]  [installed on 2023/10/02]\n\n' +
  'The following updates are installed :\n\n' +
  'Microsoft .NET Framework 4.8 :\n  KB4486153\n';

const DEBIAN =
  '\nHere is the list of packages installed on the remote Debian Linux system : \n\n' +
  '  ii  adduser          3.118ubuntu2        all          add and remove users and groups\n' +
  '  ii  openssl          1.1.1f-1ubuntu2.20  amd64        Secure Sockets Layer toolkit\n' +
  '  rc  old-package      0.9-1               amd64        removed, config files kept\n';

const RED_HAT =
  'Here is the list of packages installed on the remote Red Hat Linux system :\n\n' +
  '  openssl-1.0.2k-19.el7|(none) Tue 04 Feb 2020 10:12:01 AM UTC\n' +
  '  kernel-3.10.0-1160.el7|(none)\n' +
  '  python-dateutil-1.5-7.el7\n' +
  '  gpg-pubkey-f4a80eb5-53a7ff4b\n';

describe('software lists from plugin outputs', () => {
  it('20811: programs with version and install date, stopping before the updates', () => {
    expect(readSoftware(20811, WINDOWS, 100)).toEqual({
      recognized: true,
      software: [
        {
          name: 'Google Chrome',
          version: '119.0.6045.160',
          installedOn: '2023/11/20',
          pluginId: 20811,
        },
        { name: 'Orthanc DICOM Server', version: '1.12.1', installedOn: null, pluginId: 20811 },
        { name: 'Vendor Imaging Suite', version: null, installedOn: null, pluginId: 20811 },
        {
          name: 'Notepad++ (64-bit x64)',
          version: '8.5.8',
          installedOn: '2023/10/02',
          pluginId: 20811,
        },
      ],
    });
  });

  it('22869: dpkg lines, removed packages included as dpkg lists them', () => {
    expect(readSoftware(22869, DEBIAN, 100).software.map((s) => [s.name, s.version])).toEqual([
      ['adduser', '3.118ubuntu2'],
      ['openssl', '1.1.1f-1ubuntu2.20'],
      ['old-package', '0.9-1'],
    ]);
  });

  it('22869: RPM name-version-release lines, with or without the install date', () => {
    expect(readSoftware(22869, RED_HAT, 100).software.map((s) => [s.name, s.version])).toEqual([
      ['openssl', '1.0.2k-19.el7'],
      ['kernel', '3.10.0-1160.el7'],
      ['python-dateutil', '1.5-7.el7'],
    ]);
  });

  it('says when an output is not in a shape it reads, and takes nothing from it', () => {
    const macos =
      'Here is the list of software installed on the remote macOS host :\n  Safari 17.1\n';
    expect(readSoftware(22869, macos, 100)).toEqual({ software: [], recognized: false });
    expect(readSoftware(20811, 'No software found.', 100)).toEqual({
      software: [],
      recognized: false,
    });
  });

  it('stops at the per-host cap', () => {
    expect(readSoftware(20811, WINDOWS, 2).software).toHaveLength(2);
    expect(readSoftware(22869, DEBIAN, 1).software).toHaveLength(1);
  });

  it('stays linear on hostile lines (long runs of spaces, dashes and brackets)', () => {
    const hostile =
      'The following software are installed on the remote host :\n' +
      `a${' '.repeat(200_000)}[version ${'['.repeat(100_000)}\n`.repeat(5) +
      `${'x-1'.repeat(300)}-\n`.repeat(1000);
    const packages = `Here is the list of packages installed on the remote X system :\n${`${'a-1'.repeat(300)}|\n`.repeat(3000)}`;
    const started = performance.now();
    readSoftware(20811, hostile, 20_000);
    readSoftware(22869, packages, 20_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('puts what it reads on the host, and warns about an output it cannot read', async () => {
    const windows = item(
      'port="445" svc_name="cifs" protocol="tcp" severity="0" pluginID="20811" pluginName="Microsoft Windows Installed Software Enumeration (credentialed check)" pluginFamily="Windows"',
      `<plugin_output>${WINDOWS}</plugin_output>`,
    );
    const odd = item(
      'port="0" svc_name="general" protocol="tcp" severity="0" pluginID="22869" pluginName="Software Enumeration (SSH)" pluginFamily="General"',
      '<plugin_output>Nothing recognizable</plugin_output>',
    );
    const { hosts, diagnostics } = await collectNessusXml(
      inPieces(nessusFile(reportHost('10.0.0.1', windows + odd))),
      { source: 'software.nessus' },
    );
    expect(hosts[0]?.software.map((s) => s.name)).toEqual([
      'Google Chrome',
      'Orthanc DICOM Server',
      'Vendor Imaging Suite',
      'Notepad++ (64-bit x64)',
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_VALUE_IGNORED']);
    expect(diagnostics[0]?.message).toContain('plugin 22869 output is not in a shape');
  });
});
