/**
 * Writes hosts back as a `.nessus` v2 file, in the shape Nessus exports, with a small policy
 * section in front. Its reason to exist is the `parse(write(x))` property test and hand-built
 * fixtures; Wardline's own exports use other formats.
 */
import type { NessusFinding, NessusHost, NessusHostnameSource, NessusScan } from './types.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#xa;',
  '\r': '&#xd;',
  '\t': '&#x9;',
};

function attribute(name: string, value: string | number | null): string {
  if (value === null) return '';
  return ` ${name}="${String(value).replace(/[&<>"\n\r\t]/g, (c) => ESCAPES[c] ?? c)}"`;
}

function text(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);
}

function element(name: string, value: string | number | null): string {
  return value === null ? '' : `<${name}>${text(String(value))}</${name}>`;
}

function tag(name: string, value: string | null): string {
  return value === null ? '' : `<tag name="${name}">${text(value)}</tag>\n`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue Jun 25 10:32:42 2013`, as Nessus writes `HOST_START` (here in UTC). */
function ctime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[d.getUTCDay()] ?? ''} ${MONTHS[d.getUTCMonth()] ?? ''} ${String(d.getUTCDate()).padStart(2, ' ')} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`
  );
}

function timeTags(name: 'HOST_START' | 'HOST_END', iso: string | null): string {
  if (iso === null) return '';
  return (
    tag(`${name}_TIMESTAMP`, String(Math.floor(Date.parse(iso) / 1000))) + tag(name, ctime(iso))
  );
}

const HOSTNAME_TAGS: Readonly<Record<NessusHostnameSource, string | null>> = {
  fqdn: 'host-fqdn',
  rdns: 'host-rdns',
  hostname: 'hostname',
  netbios: 'netbios-name',
  'report-name': null,
};

function formatItem(finding: NessusFinding): string {
  const attrs =
    attribute('port', finding.port) +
    attribute('svc_name', finding.serviceName) +
    attribute('protocol', finding.protocol) +
    attribute('severity', finding.severity) +
    attribute('pluginID', finding.pluginId) +
    attribute('pluginName', finding.pluginName) +
    attribute('pluginFamily', finding.pluginFamily);
  const children = [
    ...finding.cpes.map((cpe) => element('cpe', cpe)),
    ...finding.cves.map((cve) => element('cve', cve)),
    element('cvss_base_score', finding.cvss2BaseScore),
    element('cvss_vector', finding.cvss2Vector),
    element('cvss3_base_score', finding.cvss3BaseScore),
    element('cvss3_vector', finding.cvss3Vector),
    element('risk_factor', finding.riskFactor),
    element('solution', finding.solution),
    element('synopsis', finding.synopsis),
    element('plugin_output', finding.output),
  ];
  return `<ReportItem${attrs}>\n${children.filter((c) => c !== '').join('\n')}\n</ReportItem>\n`;
}

/** One `ReportHost` element, newline-terminated. */
function formatNessusHostXml(host: NessusHost): string {
  const properties =
    timeTags('HOST_END', host.endTime) +
    host.hostnames
      .map(({ name, source }) => {
        const tagName = HOSTNAME_TAGS[source];
        return tagName === null ? '' : tag(tagName, name);
      })
      .join('') +
    tag('host-ip', host.addresses[0] ?? null) +
    tag('mac-address', host.macs.length === 0 ? null : host.macs.join('\n')) +
    tag(
      'operating-system',
      host.operatingSystems.length === 0 ? null : host.operatingSystems.join('\n'),
    ) +
    tag('os', host.osFamily) +
    tag('system-type', host.systemType) +
    host.cpes
      .map(({ cpe, title }, n) => tag(`cpe-${n}`, title === null ? cpe : `${cpe} -> ${title}`))
      .join('') +
    timeTags('HOST_START', host.startTime);
  return (
    `<ReportHost${attribute('name', host.name)}><HostProperties>\n${properties}</HostProperties>\n` +
    `${host.findings.map(formatItem).join('')}</ReportHost>\n`
  );
}

/** A whole file: a policy with a plugin list of `pluginCount` ids, then the report. */
export function formatNessusXml(
  scan: NessusScan,
  hosts: readonly NessusHost[],
  pluginCount = 100,
): string {
  const plugins = Array.from({ length: pluginCount }, (_, n) => 10_000 + n).join(';');
  return (
    `<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>Wardline</policyName>\n` +
    `<Preferences><ServerPreferences><preference><name>plugin_set</name>\n<value>${plugins}</value>\n` +
    `</preference></ServerPreferences></Preferences></Policy>\n` +
    `<Report${attribute('name', scan.reportName)} xmlns:cm="http://www.nessus.org/cm">\n` +
    `${hosts.map(formatNessusHostXml).join('')}</Report>\n</NessusClientData_v2>\n`
  );
}
