/**
 * Writes hosts back as GMP report XML, in the shape `gvmd` exports: results first, then one host
 * block per host with its details. Its reason to exist is the `parse(write(x))` property test and
 * hand-built fixtures; Wardline's own exports use other formats.
 */
import type { OpenvasFinding, OpenvasHost, OpenvasScan } from './types.js';

/** GVM's built-in XML report format. */
const XML_FORMAT_ID = 'a994b278-1f62-11e1-96ac-406186ea4fc5';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#xa;',
  '\r': '&#xd;',
  '\t': '&#x9;',
};

function attribute(name: string, value: string | null): string {
  return value === null
    ? ''
    : ` ${name}="${value.replace(/[&<>"\n\r\t]/g, (c) => ESCAPES[c] ?? c)}"`;
}

function text(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => ESCAPES[c] ?? c);
}

/** `<name>value</name>`, or nothing when the value is absent. */
function element(name: string, value: string | number | null): string {
  return value === null ? '' : `<${name}>${text(String(value))}</${name}>`;
}

function detail(name: string, value: string): string {
  return `<detail><name>${text(name)}</name><value>${text(value)}</value><source><type>nvt</type></source></detail>\n`;
}

function formatNvt(finding: OpenvasFinding): string {
  const tags = finding.summary === null ? null : `summary=${finding.summary}`;
  const solution =
    finding.solution === null && finding.solutionType === null
      ? ''
      : `<solution${attribute('type', finding.solutionType)}>${text(finding.solution ?? '')}</solution>`;
  const severities =
    finding.cvssVector === null
      ? ''
      : `<severities><severity type="cvss_base_v3">${element('value', finding.cvssVector)}</severity></severities>`;
  const refs = finding.cves.map((cve) => `<ref type="cve"${attribute('id', cve)}/>`).join('');
  return (
    `<nvt${attribute('oid', finding.oid)}><type>nvt</type>${element('name', finding.name)}` +
    `${element('family', finding.family)}${element('cvss_base', finding.cvssBase)}${severities}` +
    `${element('tags', tags)}${solution}<refs>${refs}</refs></nvt>`
  );
}

function formatResult(host: OpenvasHost, finding: OpenvasFinding): string {
  const qod =
    finding.qod === null && finding.qodType === null
      ? ''
      : `<qod>${element('value', finding.qod)}${element('type', finding.qodType)}</qod>`;
  return (
    `<result${attribute('id', finding.resultId)}>${element('name', finding.name)}` +
    `<host>${text(host.ip)}<asset asset_id=""/></host>${element('port', finding.portText)}\n` +
    `${formatNvt(finding)}\n${element('threat', finding.threat)}${element('severity', finding.severity)}` +
    `${qod}${element('description', finding.description)}</result>\n`
  );
}

function formatHostBlock(host: OpenvasHost): string {
  const details = [
    ...host.hostnames.map((name) => detail('hostname', name)),
    host.mac === null ? '' : detail('MAC', host.mac),
    host.osName === null ? '' : detail('best_os_txt', host.osName),
    host.osCpe === null ? '' : detail('best_os_cpe', host.osCpe),
    ...host.applications.flatMap((app) => [
      detail('App', app.cpe),
      ...app.locations.map((location) => detail(app.cpe, location)),
    ]),
    ...host.services
      .filter((service) => service.name !== null)
      .map((s) => detail('Services', `${s.port},${s.transport},${s.name ?? ''}`)),
  ];
  for (const transport of ['tcp', 'udp'] as const) {
    const ports = host.services
      .filter((s) => s.name === null && s.transport === transport)
      .map((s) => s.port);
    if (ports.length > 0) details.push(detail(`${transport}_ports`, ports.join(',')));
  }
  return (
    `<host>${element('ip', host.ip)}<asset asset_id=""/>${element('start', host.startTime)}` +
    `${element('end', host.endTime)}\n${details.join('')}</host>\n`
  );
}

/** A whole report in the `get_reports` shape: the envelope `report` around the report itself. */
export function formatOpenvasXml(scan: OpenvasScan, hosts: readonly OpenvasHost[]): string {
  const results = hosts.flatMap((host) => host.findings.map((f) => formatResult(host, f)));
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<report${attribute('id', scan.reportId)} format_id="${XML_FORMAT_ID}" extension="xml" content_type="text/xml">\n` +
    `<report${attribute('id', scan.reportId)}>\n` +
    `<gmp>${element('version', scan.gmpVersion)}</gmp>\n` +
    `${element('scan_run_status', scan.scanRunStatus)}\n` +
    `<task>${element('name', scan.taskName)}</task>\n` +
    `${element('scan_start', scan.startTime)}\n` +
    `<results start="1" max="-1">\n${results.join('')}</results>\n` +
    hosts.map(formatHostBlock).join('') +
    `${element('scan_end', scan.endTime)}\n</report>\n</report>\n`
  );
}
