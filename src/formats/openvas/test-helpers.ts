/** Input helpers shared by the Greenbone report tests. */
import { Readable } from 'node:stream';
import type { OpenvasInput } from './parse.js';

/** The text as UTF-8 bytes in pieces of `size`, so tokens and characters straddle chunk edges. */
export function inPieces(text: string, size = 17): OpenvasInput {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** A `get_reports`-shaped report (envelope around the report) with the given results and host blocks. */
export function report(results: string, hosts = '', tail = '</report>\n</report>\n'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<report id="env-1" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">\n' +
    '<report id="rep-1"><gmp><version>22.4</version></gmp>\n' +
    '<scan_run_status>Done</scan_run_status><task id="t1"><name>Radiology VLAN</name></task>\n' +
    '<scan_start>2024-03-01T08:00:00Z</scan_start>\n' +
    `<results start="1" max="-1">\n${results}</results>\n${hosts}` +
    '<scan_end>2024-03-01T09:30:00+01:00</scan_end>\n' +
    tail
  );
}

/** One result in GVM 22 shape, for `ip`. */
export function result(ip = '10.20.0.5', extra = ''): string {
  return (
    '<result id="r-1"><name>OpenSSL Heartbleed</name><owner><name>admin</name></owner>' +
    `<host>${ip}<asset asset_id="a-1"/><hostname>pacs01.hospital.example</hostname></host>` +
    '<port>443/tcp</port>' +
    '<nvt oid="1.3.6.1.4.1.25623.1.0.103936"><type>nvt</type><name>SSL/TLS: OpenSSL Heartbleed</name>' +
    '<family>SSL and TLS</family><cvss_base>7.5</cvss_base>' +
    '<severities score="7.5"><severity type="cvss_base_v3"><value>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N</value></severity></severities>' +
    '<tags>cvss_base_vector=AV:N/AC:L/Au:N/C:P/I:N/A:N|summary=OpenSSL leaks memory.|insight=x|solution_type=VendorFix</tags>' +
    '<solution type="VendorFix">Update OpenSSL to 1.0.1g.</solution>' +
    '<refs><ref type="cve" id="CVE-2014-0160"/><ref type="url" id="https://heartbleed.com/"/><ref type="cve" id="cve-2014-0346"/></refs></nvt>' +
    '<scan_nvt_version>2024-01-01</scan_nvt_version><threat>High</threat><severity>7.5</severity>' +
    `<qod><value>98</value><type>remote_vul</type></qod><description>Leaked 64 kB.\n</description>${extra}</result>\n`
  );
}

/** A report-level host block for `ip` with the details GVM collects. */
export function hostBlock(ip = '10.20.0.5'): string {
  const detail = (name: string, value: string): string =>
    `<detail><name>${name}</name><value>${value}</value><source><type>nvt</type><name>1.3.6.1.4.1.25623.1.0.103997</name><description>Host Details</description></source><extra/></detail>`;
  return (
    `<host><ip>${ip}</ip><asset asset_id="a-1"/><start>2024-03-01T08:01:00Z</start><end>2024-03-01T08:20:00Z</end>` +
    '<port_count><page>3</page></port_count>' +
    detail('hostname', 'pacs01.hospital.example') +
    detail('DNS-via-TargetDefinition', 'pacs01') +
    detail('MAC', '00:1B:63:84:45:E6') +
    detail('best_os_txt', 'Ubuntu 20.04') +
    detail('best_os_cpe', 'cpe:/o:canonical:ubuntu_linux:20.04') +
    detail('App', 'cpe:/a:orthanc:orthanc:1.12.1') +
    detail('cpe:/a:orthanc:orthanc:1.12.1', '4242/tcp') +
    detail('Services', '104,tcp,dicom') +
    detail('ports', '22,104,443') +
    detail('traceroute', '10.20.0.1,10.20.0.5') +
    '</host>\n'
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
): { readonly input: OpenvasInput; readonly pulled: () => number } {
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
