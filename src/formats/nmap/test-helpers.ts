/** Input helpers shared by the Nmap tests. */
import { Readable } from 'node:stream';
import type { NmapInput } from './parse.js';

/** The text as UTF-8 bytes in pieces of `size`, so tokens and characters straddle chunk edges. */
export function inPieces(text: string, size = 17): NmapInput {
  const bytes = Buffer.from(text, 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** A minimal report around the given host elements. */
export function report(
  hosts: string,
  tail = '<runstats><finished time="1700000100"/></runstats></nmaprun>',
): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n' +
    '<nmaprun scanner="nmap" args="nmap -sV 10.0.0.0/24" start="1700000000" version="7.94" xmloutputversion="1.05">\n' +
    hosts +
    tail
  );
}

export const GOOD_HOST =
  '<host starttime="1700000001" endtime="1700000002"><status state="up" reason="arp-response"/>' +
  '<address addr="10.0.0.5" addrtype="ipv4"/><address addr="00:1F:3C:87:66:50" addrtype="mac" vendor="Intel Corporate"/>' +
  '<hostnames><hostname name="pacs01.hospital.example" type="PTR"/></hostnames>' +
  '<ports><port protocol="tcp" portid="104"><state state="open" reason="syn-ack"/>' +
  '<service name="dicom" product="Orthanc" version="1.12.1"><cpe>cpe:/a:orthanc:orthanc:1.12.1</cpe></service></port></ports>' +
  '</host>\n';
