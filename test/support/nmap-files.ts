/** Nmap XML reports written for tests, in the shape `nmap -sV -O -oX` writes. */
import { writeFile } from 'node:fs/promises';

export interface TestScanHost {
  readonly ip: string;
  readonly mac?: string;
  readonly hostname?: string;
  readonly os?: string;
  readonly ports?: readonly { port: number; name: string; product?: string; version?: string }[];
}

/** A whole report scanned at `time` (ISO). */
export function nmapReport(time: string, hosts: readonly TestScanHost[]): string {
  const epoch = Math.floor(Date.parse(time) / 1000);
  const body = hosts
    .map((host) => {
      const mac = host.mac === undefined ? '' : `<address addr="${host.mac}" addrtype="mac"/>`;
      const names =
        host.hostname === undefined
          ? '<hostnames/>'
          : `<hostnames><hostname name="${host.hostname}" type="PTR"/></hostnames>`;
      const ports = (host.ports ?? [])
        .map(
          (p) =>
            `<port protocol="tcp" portid="${String(p.port)}"><state state="open" reason="syn-ack"/>` +
            `<service name="${p.name}"${p.product === undefined ? '' : ` product="${p.product}"`}${p.version === undefined ? '' : ` version="${p.version}"`}/></port>`,
        )
        .join('');
      const os =
        host.os === undefined
          ? ''
          : `<os><osmatch name="${host.os}" accuracy="98"><osclass type="general purpose" vendor="Microsoft" osfamily="Windows" accuracy="98"/></osmatch></os>`;
      return (
        `<host starttime="${String(epoch)}" endtime="${String(epoch + 5)}"><status state="up" reason="arp-response"/>` +
        `<address addr="${host.ip}" addrtype="ipv4"/>${mac}${names}<ports>${ports}</ports>${os}</host>`
      );
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<nmaprun scanner="nmap" args="nmap -sV -O" start="${String(epoch)}" version="7.94" xmloutputversion="1.05">\n` +
    `${body}\n<runstats><finished time="${String(epoch + 60)}" exit="success"/><hosts up="${String(hosts.length)}" down="0" total="${String(hosts.length)}"/></runstats></nmaprun>\n`
  );
}

export async function writeNmapReport(
  path: string,
  time: string,
  hosts: readonly TestScanHost[],
): Promise<string> {
  await writeFile(path, nmapReport(time, hosts));
  return path;
}
