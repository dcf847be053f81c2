/**
 * The demo's staff (made-up names, role-style accounts) and where they sit: each workstation of
 * the demo hospital has the person who signs in to it today.
 */
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { DEMO_STORY } from '../../src/services/demo/demo-story.js';

export interface Person {
  readonly user: string;
  readonly name: string;
  readonly role: 'Nurse' | 'Physician' | 'Registration' | 'IT';
  /** The workstation they use today. */
  readonly host: string;
  readonly ip: string;
}

const GIVEN = ['Kit', 'Jules', 'Morgan', 'Tam', 'Sasha', 'Pat', 'Lee', 'Noor', 'Casey', 'Dale'];
const FAMILY = ['Birch', 'Cedar', 'Dunmore', 'Ashby', 'Fenwick', 'Gale', 'Hale', 'Ives', 'Juniper'];

function workstations(prefix: string): DemoAsset[] {
  return DEMO_ASSETS.filter((a) => a.name.startsWith(prefix));
}

function person(asset: DemoAsset, i: number, role: Person['role']): Person {
  if (asset.name === DEMO_STORY.victim.host) {
    return {
      user: DEMO_STORY.victim.user,
      name: DEMO_STORY.victim.name,
      role,
      host: asset.name,
      ip: asset.ip,
    };
  }
  const given = GIVEN[i % GIVEN.length] ?? 'Alex';
  const family = FAMILY[(i * 7 + 3) % FAMILY.length] ?? 'Moss';
  return {
    user: `${given[0]?.toLowerCase() ?? 'x'}.${family.toLowerCase()}`,
    name: `${given} ${family}`,
    role,
    host: asset.name,
    ip: asset.ip,
  };
}

/** Everyone at a workstation today: nurses, registration and admin staff, clinic staff. */
export const STAFF: readonly Person[] = [
  ...workstations('WS-NURSE').map((a, i) => person(a, i, 'Nurse')),
  ...workstations('WS-ADMIN').map((a, i) =>
    i === 0
      ? {
          user: DEMO_STORY.admin.user,
          name: DEMO_STORY.admin.name,
          role: 'IT' as const,
          host: a.name,
          ip: a.ip,
        }
      : person(a, i + 10, 'Registration'),
  ),
  ...workstations('WS-NC').map((a, i) => person(a, i + 20, i % 2 === 0 ? 'Physician' : 'Nurse')),
];

/** The Windows servers of the demo (hosts that forward events). */
export const WINDOWS_SERVERS = DEMO_ASSETS.filter(
  (a) => a.os?.startsWith('Windows Server') === true,
).map((a) => ({ host: a.name, ip: a.ip }));

/** The hospital's internet egress address (the edge firewall's NAT). */
export const EGRESS_IP = '192.0.2.1';
