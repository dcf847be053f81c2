/**
 * Sign-ins: the Okta System Log (staff signing in with one Okta Verify push each) and Entra ID's
 * sign-in log (Graph `signIn` objects: Microsoft 365 and the VPN). The story: someone holding the
 * nurse's password pushes Okta Verify at her seven times until she accepts, and overnight a
 * password spray from one address tries fourteen accounts.
 */
import { DEMO_DOMAIN, DEMO_STORY } from '../../src/services/demo/demo-story.js';
import { EGRESS_IP, STAFF } from './people.js';
import { byTime, clock, iso, random, type Random, type Timed } from './random.js';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface OktaEntry extends Timed {
  readonly user: string;
  readonly name: string;
  readonly ip: string;
  readonly type: string;
  readonly result: 'SUCCESS' | 'FAILURE';
  readonly message: string;
  readonly country: string;
}

const upn = (user: string): string => `${user}@${DEMO_DOMAIN.upn}`;

function oktaEvent(e: OktaEntry, r: Random): string {
  return JSON.stringify({
    uuid: r.uuid(),
    published: iso(e.t),
    eventType: e.type,
    version: '0',
    severity: e.result === 'SUCCESS' ? 'INFO' : 'WARN',
    displayMessage: e.message,
    actor: { id: `00u${r.hex(17)}`, type: 'User', alternateId: upn(e.user), displayName: e.name },
    client: {
      userAgent: { rawUserAgent: UA, os: 'Windows 10', browser: 'CHROME' },
      zone: 'null',
      device: 'Computer',
      ipAddress: e.ip,
      geographicalContext: { country: e.country },
    },
    outcome: { result: e.result, reason: e.result === 'SUCCESS' ? null : e.message },
    transaction: { type: 'WEB', id: r.hex(24), detail: {} },
    target: [{ type: 'AppInstance', displayName: 'CedarEHR', alternateId: 'CedarEHR' }],
  });
}

function oktaDay(r: Random): OktaEntry[] {
  const out: OktaEntry[] = [];
  for (const p of STAFF) {
    // The nurse starts at seven, well before anyone else pushes at her.
    const t =
      p.user === DEMO_STORY.victim.user
        ? clock('06:58:10')
        : clock('06:55:00') + r.int(0, 3 * 3600);
    const base = { user: p.user, name: p.name, ip: EGRESS_IP, country: 'United States' };
    out.push(
      {
        ...base,
        t,
        type: 'system.push.send_factor_verify_push',
        result: 'SUCCESS',
        message: 'Push notification sent for verification',
      },
      {
        ...base,
        t: t + 9,
        type: 'user.authentication.auth_via_mfa',
        result: 'SUCCESS',
        message: 'Authentication of user via MFA',
      },
      {
        ...base,
        t: t + 10,
        type: 'user.session.start',
        result: 'SUCCESS',
        message: 'User login to Okta',
      },
    );
  }
  const { victim, oktaAttacker } = DEMO_STORY;
  const attacker = {
    user: victim.user,
    name: victim.name,
    ip: oktaAttacker,
    country: 'Netherlands',
  };
  for (let i = 0; i < 7; i++) {
    const t = clock('09:28:00') + i * 70;
    out.push({
      ...attacker,
      t,
      type: 'system.push.send_factor_verify_push',
      result: 'SUCCESS',
      message: 'Push notification sent for verification',
    });
    if (i < 6)
      out.push({
        ...attacker,
        t: t + 25,
        type: 'user.mfa.okta_verify.deny_push',
        result: 'FAILURE',
        message: 'User rejected Okta push verify',
      });
  }
  const accepted = clock('09:28:00') + 6 * 70 + 31;
  out.push(
    {
      ...attacker,
      t: accepted,
      type: 'user.authentication.auth_via_mfa',
      result: 'SUCCESS',
      message: 'Authentication of user via MFA',
    },
    {
      ...attacker,
      t: accepted + 1,
      type: 'user.session.start',
      result: 'SUCCESS',
      message: 'User login to Okta',
    },
  );
  return out;
}

/** The Okta System Log, NDJSON. */
export function oktaSystemLogNdjson(): string {
  const r = random(0x5eed_0005);
  return `${byTime(oktaDay(r))
    .map((e) => oktaEvent(e, r))
    .join('\n')}\n`;
}

interface SignIn extends Timed {
  readonly user: string;
  readonly name: string;
  readonly ip: string;
  readonly app: string;
  readonly code: number;
  readonly country: string;
  readonly city: string;
}

const FAILURE: Readonly<Record<number, string>> = {
  0: '',
  50126: 'Error validating credentials due to invalid username or password.',
};

function signIn(s: SignIn, r: Random): string {
  return JSON.stringify({
    id: r.uuid(),
    createdDateTime: iso(s.t),
    userDisplayName: s.name,
    userPrincipalName: upn(s.user),
    userId: r.uuid(),
    appId:
      s.app === 'Larkspur VPN'
        ? '6f2b1c0e-0000-4000-8000-00000000a001'
        : '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: s.app,
    ipAddress: s.ip,
    clientAppUsed: 'Browser',
    correlationId: r.uuid(),
    conditionalAccessStatus: s.code === 0 ? 'success' : 'notApplied',
    isInteractive: true,
    resourceDisplayName: s.app,
    status: {
      errorCode: s.code,
      failureReason: FAILURE[s.code] ?? 'Other.',
      additionalDetails: null,
    },
    location: { city: s.city, state: '', countryOrRegion: s.country },
    deviceDetail: {
      deviceId: '',
      operatingSystem: 'Windows10',
      browser: 'Chrome 131.0.0',
      isCompliant: s.ip === EGRESS_IP,
      isManaged: s.ip === EGRESS_IP,
    },
  });
}

function entraDay(r: Random): SignIn[] {
  const out: SignIn[] = [];
  for (const p of STAFF) {
    const base = { user: p.user, name: p.name, country: 'US', city: 'Larkspur Valley' };
    for (let i = 0; i < 4; i++) {
      out.push({
        ...base,
        t: clock('07:00:00') + r.int(0, 10 * 3600),
        ip: EGRESS_IP,
        app: 'Office 365 Exchange Online',
        code: 0,
      });
    }
    if (r.next() < 0.25)
      out.push({
        ...base,
        t: clock('07:00:00') + r.int(0, 10 * 3600),
        ip: EGRESS_IP,
        app: 'Office 365 Exchange Online',
        code: 50126,
      });
    if (r.next() < 0.3)
      out.push({
        ...base,
        t: clock('19:00:00') + r.int(0, 3 * 3600),
        ip: `198.51.100.${String(r.int(100, 180))}`,
        app: 'Larkspur VPN',
        code: 0,
      });
  }
  const { sprayer } = DEMO_STORY;
  STAFF.slice(0, 14).forEach((p, i) => {
    out.push({
      user: p.user,
      name: p.name,
      t: clock('02:10:00') + i * 95 + r.int(0, 30),
      ip: sprayer,
      app: 'Office 365 Exchange Online',
      code: 50126,
      country: 'NL',
      city: 'Amsterdam',
    });
  });
  return out;
}

/** Entra ID sign-ins, Graph `signIn` objects as NDJSON. */
export function entraSignInsNdjson(): string {
  const r = random(0x5eed_0006);
  return `${byTime(entraDay(r))
    .map((s) => signIn(s, r))
    .join('\n')}\n`;
}
