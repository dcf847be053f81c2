/**
 * Writes hosts back as Nmap XML, in the shape Nmap itself emits. Its reason to exist is the
 * `parse(write(x))` property test and hand-built fixtures; Wardline's own exports use other formats.
 */
import type { NmapHost, NmapOsClass, NmapPort, NmapRun, NmapScript, NmapService } from './types.js';

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Attribute-value normalization would turn these into spaces; Nmap writes them as references.
  '\n': '&#xa;',
  '\r': '&#xd;',
  '\t': '&#x9;',
};

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\n\r\t]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

function escapeText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '\r' ? '&#xd;' : (ATTRIBUTE_ESCAPES[c] ?? c)));
}

/** `name="value"` pairs for the values that are present, in the given order. */
function attributes(pairs: readonly (readonly [string, string | number | null])[]): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

function epoch(iso: string | null): number | null {
  return iso === null ? null : Math.floor(Date.parse(iso) / 1000);
}

function cpes(list: readonly string[]): string {
  return list.map((cpe) => `<cpe>${escapeText(cpe)}</cpe>`).join('');
}

function formatScript(script: NmapScript): string {
  const head = `<script${attributes([
    ['id', script.id],
    ['output', script.output],
  ])}`;
  const cert = script.certificate;
  if (cert === null) return `${head}/>`;
  const elem = (key: string, value: string | null): string =>
    value === null ? '' : `<elem key="${escapeAttribute(key)}">${escapeText(value)}</elem>`;
  const issuer =
    cert.issuer === null
      ? ''
      : cert.issuer
          .split('/')
          .map((field) => {
            const at = field.indexOf('=');
            return elem(field.slice(0, at), field.slice(at + 1));
          })
          .join('');
  return (
    `${head}><table key="subject">${elem('commonName', cert.subjectCommonName)}</table>` +
    `<table key="issuer">${issuer}</table>` +
    `<table key="validity">${elem('notBefore', cert.notBefore)}${elem('notAfter', cert.notAfter)}</table></script>`
  );
}

function formatService(service: NmapService): string {
  const attrs = attributes([
    ['name', service.name],
    ['product', service.product],
    ['version', service.version],
    ['extrainfo', service.extraInfo],
    ['ostype', service.osType],
    ['tunnel', service.tunnel],
  ]);
  return `<service${attrs}>${cpes(service.cpes)}</service>`;
}

function formatPort(port: NmapPort): string {
  const state = `<state${attributes([
    ['state', port.state],
    ['reason', port.reason],
  ])}/>`;
  const service = port.service === null ? '' : formatService(port.service);
  const scripts = port.scripts.map(formatScript).join('');
  return `<port${attributes([
    ['protocol', port.protocol],
    ['portid', port.port],
  ])}>${state}${service}${scripts}</port>\n`;
}

function formatOsClass(osClass: NmapOsClass): string {
  const attrs = attributes([
    ['type', osClass.type],
    ['vendor', osClass.vendor],
    ['osfamily', osClass.family],
    ['osgen', osClass.generation],
    ['accuracy', osClass.accuracy],
  ]);
  return `<osclass${attrs}>${cpes(osClass.cpes)}</osclass>`;
}

/** One `<host>` element, newline-terminated. */
export function formatNmapHostXml(host: NmapHost): string {
  const times = attributes([
    ['starttime', epoch(host.startTime)],
    ['endtime', epoch(host.endTime)],
  ]);
  const status = `<status${attributes([
    ['state', host.status],
    ['reason', host.statusReason],
  ])}/>`;
  const addresses = host.addresses
    .map(
      (a) =>
        `<address${attributes([
          ['addr', a.value],
          ['addrtype', a.kind],
          ['vendor', a.vendor],
        ])}/>`,
    )
    .join('');
  const hostnames = host.hostnames
    .map(
      (h) =>
        `<hostname${attributes([
          ['name', h.name],
          ['type', h.kind],
        ])}/>`,
    )
    .join('');
  const matches = host.osMatches
    .map(
      (m) =>
        `<osmatch${attributes([
          ['name', m.name],
          ['accuracy', m.accuracy],
        ])}>${m.classes.map(formatOsClass).join('')}</osmatch>`,
    )
    .join('');
  const legacyClasses = host.osClasses.map(formatOsClass).join('');
  const scripts = host.scripts.map(formatScript).join('');
  return (
    `<host${times}>${status}\n${addresses}\n<hostnames>${hostnames}</hostnames>\n` +
    `<ports>${host.ports.map(formatPort).join('')}</ports>\n` +
    `<os>${legacyClasses}${matches}</os>\n<hostscript>${scripts}</hostscript>\n</host>\n`
  );
}

/** A whole report: `nmaprun`, the hosts and `runstats`. */
export function formatNmapXml(run: NmapRun, hosts: readonly NmapHost[]): string {
  const head = attributes([
    ['scanner', run.scanner],
    ['args', run.args],
    ['start', epoch(run.startTime)],
    ['version', run.version],
    ['xmloutputversion', run.xmlOutputVersion],
  ]);
  const finished = attributes([
    ['time', epoch(run.finishedTime)],
    ['summary', run.summary],
    ['exit', run.exit],
  ]);
  const counts = attributes([
    ['up', run.hostsUp],
    ['down', run.hostsDown],
    ['total', run.hostsTotal],
  ]);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<nmaprun${head}>\n` +
    hosts.map(formatNmapHostXml).join('') +
    `<runstats><finished${finished}/><hosts${counts}/></runstats>\n</nmaprun>\n`
  );
}
