/** Input helpers shared by the .nessus tests. */
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import type { NessusInput } from './parse.js';

/** The text as UTF-8 bytes in pieces of `size`, so tokens and characters straddle chunk edges. */
export function inPieces(text: string, size = 17): NessusInput {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** A plugin list like the one real policies carry, `count` ids long. */
export function pluginSet(count: number): string {
  return Array.from({ length: count }, (_, n) => 10_000 + n).join(';');
}

/** A `.nessus` v2 file around the given `ReportHost` elements, with a policy in front. */
export function nessusFile(
  hosts: string,
  tail = '</Report>\n</NessusClientData_v2>\n',
  plugins = pluginSet(50),
): string {
  return (
    '<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>Clinical VLANs</policyName>\n' +
    '<Preferences><ServerPreferences>\n<preference><name>plugin_set</name>\n' +
    `<value>${plugins}</value>\n</preference></ServerPreferences></Preferences></Policy>\n` +
    '<Report name="Weekly clinical scan" xmlns:cm="http://www.nessus.org/cm">\n' +
    hosts +
    tail
  );
}

/** A finding's `ReportItem`; `attrs` and `children` replace the defaults. */
export function item(attrs = '', children = ''): string {
  const defaults =
    'port="104" svc_name="dicom" protocol="tcp" severity="3" pluginID="190000" ' +
    'pluginName="Orthanc &lt; 1.12.2 Remote Code Execution" pluginFamily="Misc."';
  const body =
    children ||
    '<cve>CVE-2023-33466</cve><cve>cve-2023-33466</cve><cpe>cpe:/a:orthanc:orthanc</cpe>' +
      '<cvss3_base_score>8.8</cvss3_base_score><cvss3_vector>CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H</cvss3_vector>' +
      '<cvss_base_score>6.5</cvss_base_score><cvss_vector>CVSS2#AV:N/AC:L/Au:S/C:P/I:P/A:P</cvss_vector>' +
      '<risk_factor>High</risk_factor><synopsis>The DICOM server is affected by an RCE.</synopsis>' +
      '<solution>Upgrade Orthanc to 1.12.2 or later.</solution><description>Long text not kept.</description>' +
      '<plugin_output>\n  Installed version : 1.12.1\n  Fixed version     : 1.12.2\n</plugin_output>';
  return `<ReportItem ${attrs || defaults}>${body}</ReportItem>\n`;
}

/** A `ReportHost` with the host tags Nessus writes and two items. */
export function reportHost(name = '10.20.0.5', items = ''): string {
  const tag = (tagName: string, value: string): string => `<tag name="${tagName}">${value}</tag>\n`;
  return (
    `<ReportHost name="${name}"><HostProperties>\n` +
    tag('HOST_END_TIMESTAMP', '1709283600') +
    tag('HOST_END', 'Fri Mar  1 09:00:00 2024') +
    tag('host-ip', isIP(name) === 0 ? '10.20.0.5' : name) +
    tag('host-fqdn', 'pacs01.hospital.example') +
    tag('netbios-name', 'PACS01') +
    tag('mac-address', '00:1B:63:84:45:E6\n00-1b-63-84-45-e7') +
    tag('operating-system', 'Microsoft Windows Server 2019\nMicrosoft Windows 10') +
    tag('os', 'windows') +
    tag('system-type', 'general-purpose') +
    tag('cpe', 'cpe:/o:microsoft:windows_server_2019') +
    tag('cpe-0', 'cpe:/o:microsoft:windows_server_2019 -&gt; Microsoft Windows Server 2019') +
    tag('cpe-1', 'cpe:/a:orthanc:orthanc:1.12.1') +
    tag('policy-used', 'Clinical VLANs') +
    tag('HOST_START', 'Fri Mar  1 08:00:00 2024') +
    '</HostProperties>\n' +
    item(
      'port="0" svc_name="general" protocol="tcp" severity="0" pluginID="19506" pluginName="Nessus Scan Information" pluginFamily="Settings"',
      '<risk_factor>None</risk_factor><plugin_output>Nessus version : 10.7.1</plugin_output>',
    ) +
    (items || item()) +
    '</ReportHost>\n'
  );
}

/**
 * A stream of `prefix`, then `megabytes` MiB of `fill` in 1 MiB chunks made one at a time, then
 * `suffix`: a huge hostile input that never sits in memory whole. `pulled()` counts fill chunks read.
 */
export function hugeStream(
  prefix: string,
  fill: string,
  megabytes: number,
  suffix: string,
): { readonly input: NessusInput; readonly pulled: () => number } {
  let pulled = 0;
  const chunk = fill.repeat(Math.ceil((1024 * 1024) / fill.length)).slice(0, 1024 * 1024);
  function* generate(): Generator<string> {
    yield prefix;
    for (let i = 0; i < megabytes; i += 1) {
      pulled += 1;
      yield chunk;
    }
    yield suffix;
  }
  return { input: Readable.from(generate(), { objectMode: true }), pulled: () => pulled };
}
