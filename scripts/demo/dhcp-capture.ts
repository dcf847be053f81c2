/**
 * `demo/captures/clinical-dhcp.pcap`: three ICU infusion pumps coming on line at the shift change,
 * seen on the clinical devices VLAN's trunk: each one's DHCP DISCOVER, the relay's OFFER, its
 * REQUEST and the ACK (RFC 2131), with the host name, vendor class and parameter list the pump's
 * DHCP client sends. There is no pump here to run, so the frames are built (`buildFrame`); a pump
 * is then known from the CMMS and this traffic alone, as hospitals never scan them.
 */
import { parseIpv4, parseMac } from '../../src/formats/pcap/addresses.js';
import { buildFrame, writePcap, type PacketToWrite } from '../../src/formats/pcap/index.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { DEMO_TIMES } from './times.js';

/** The pumps that join, in order. */
export const DHCP_PUMPS = ['PUMP-ICU-01', 'PUMP-ICU-02', 'PUMP-ICU-03'] as const;

/** The clinical devices VLAN's gateway, relaying to the DHCP server; VRRP's virtual MAC (RFC 5798). */
const RELAY = { ip: '10.20.0.1', mac: '00:00:5e:00:01:c8' } as const;
const DHCP_SERVER = '10.40.0.5';
const VLAN = 200;
const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';

const MESSAGE = { discover: 1, offer: 2, request: 3, ack: 5 } as const;
type MessageType = keyof typeof MESSAGE;

/** The pump's DHCP client asks for these (option 55), in this order. */
const PARAMETERS = [1, 3, 6, 15, 28, 42, 51, 58, 59];

/** The name the pump gives itself: its model and the end of its serial number. */
export function pumpHostname(asset: DemoAsset): string {
  return `FS300-${(asset.serial ?? asset.name).split('-').pop() ?? ''}`;
}

/** The vendor class (option 60) the pump's DHCP client sends. */
export const PUMP_VENDOR_CLASS = 'Tidewell FlowSure 300';

function option(code: number, value: Uint8Array | string | readonly number[]): number[] {
  const bytes =
    typeof value === 'string'
      ? [...new TextEncoder().encode(value)]
      : [...(value as Iterable<number>)];
  return [code, bytes.length, ...bytes];
}

const u32 = (n: number): number[] => [
  (n >>> 24) & 0xff,
  (n >>> 16) & 0xff,
  (n >>> 8) & 0xff,
  n & 0xff,
];

/** One BOOTP/DHCP message (RFC 2131 §2) with its options. */
function dhcpMessage(type: MessageType, pump: DemoAsset, xid: number): Uint8Array {
  const fromClient = type === 'discover' || type === 'request';
  const fixed = new Uint8Array(236);
  const view = new DataView(fixed.buffer);
  fixed[0] = fromClient ? 1 : 2;
  fixed[1] = 1;
  fixed[2] = 6;
  fixed[3] = fromClient ? 0 : 1;
  view.setUint32(4, xid);
  view.setUint16(10, 0x8000); // broadcast: the pump cannot take unicast before it has an address
  if (!fromClient) {
    fixed.set(parseIpv4(pump.ip), 16); // yiaddr
    fixed.set(parseIpv4(RELAY.ip), 24); // giaddr
  }
  fixed.set(parseMac(pump.mac), 28);
  const clientId = [1, ...parseMac(pump.mac)];
  const options = fromClient
    ? [
        ...option(53, [MESSAGE[type]]),
        ...option(61, clientId),
        ...(type === 'request'
          ? [...option(50, parseIpv4(pump.ip)), ...option(54, parseIpv4(DHCP_SERVER))]
          : []),
        ...option(57, [0x02, 0x40]),
        ...option(12, pumpHostname(pump)),
        ...option(60, PUMP_VENDOR_CLASS),
        ...option(55, PARAMETERS),
      ]
    : [
        ...option(53, [MESSAGE[type]]),
        ...option(54, parseIpv4(DHCP_SERVER)),
        ...option(51, u32(86_400)),
        ...option(1, parseIpv4('255.255.252.0')),
        ...option(3, parseIpv4(RELAY.ip)),
        ...option(6, [...parseIpv4('10.40.0.53'), ...parseIpv4('10.40.0.54')]),
        ...option(15, 'larkspur.example'),
        ...option(42, parseIpv4('10.0.0.2')),
      ];
  return Uint8Array.from([...fixed, 0x63, 0x82, 0x53, 0x63, ...options, 255]);
}

function frame(type: MessageType, pump: DemoAsset, xid: number): Uint8Array {
  const fromClient = type === 'discover' || type === 'request';
  return buildFrame({
    srcMac: fromClient ? pump.mac : RELAY.mac,
    dstMac: BROADCAST_MAC,
    vlanIds: [VLAN],
    srcIp: fromClient ? '0.0.0.0' : RELAY.ip,
    dstIp: '255.255.255.255',
    ttl: fromClient ? 64 : 255,
    ipId: xid & 0xffff,
    transport: {
      kind: 'udp',
      srcPort: fromClient ? 68 : 67,
      dstPort: fromClient ? 67 : 68,
    },
    payload: dhcpMessage(type, pump, xid),
  });
}

/** Makes the DHCP capture; deterministic (no software runs). */
export function clinicalDhcpCapture(): Uint8Array {
  const start = BigInt(Date.parse(DEMO_TIMES.dhcpCapture)) * 1000n;
  const packets: PacketToWrite[] = [];
  DHCP_PUMPS.forEach((name, i) => {
    const pump = DEMO_ASSETS.find((a) => a.name === name);
    if (pump === undefined) throw new Error(`No demo device ${name}.`);
    const xid = 0x5a17_0000 + i * 0x1d3;
    // Seconds apart as the nurses power them on; each exchange takes a few milliseconds.
    const at = start + BigInt(i * 47_000_000 + i * 131_071);
    const steps: readonly [MessageType, bigint][] = [
      ['discover', 0n],
      ['offer', 2_113n],
      ['request', 4_871n],
      ['ack', 6_402n],
    ];
    for (const [type, micros] of steps) {
      packets.push({ timestampMicros: at + micros, data: frame(type, pump, xid) });
    }
  });
  return writePcap(packets);
}
