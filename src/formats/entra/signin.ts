/**
 * One Entra ID sign-in as Sigma sees it: the Graph `signIn` members as Microsoft writes them,
 * the Azure Monitor envelope members when the record came through diagnostic settings, and the
 * Log Analytics `SigninLogs` column names SigmaHQ's `azure/signinlogs` rules use (`ResultType`,
 * `Status`, `AuthenticationRequirement`, `DeviceDetail.trusttype`…). `README.md` has the table.
 */
import type { EventData, EventValue } from '../../domain/detection.js';
import { definedOnly, isObject, memberOf, textOf } from './log-items.js';

/** Azure Monitor categories whose `properties` hold a sign-in in the Graph layout. */
export const SIGNIN_CATEGORIES: ReadonlySet<string> = new Set([
  'SignInLogs',
  'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs',
  'ManagedIdentitySignInLogs',
]);

/** Graph members that only a sign-in has; one of them makes an object a sign-in. */
const GRAPH_MARKERS = ['createdDateTime', 'userPrincipalName', 'appDisplayName', 'status'];

/** A record split into the sign-in itself and, for Azure Monitor, its envelope. */
export interface SignInParts {
  readonly signIn: EventData;
  readonly envelope: EventData | null;
}

/** Why a record is not a sign-in, or its parts. */
export function signInParts(record: EventValue): SignInParts | string {
  if (!isObject(record)) return 'the record is not a JSON object';
  const properties = memberOf(record, 'properties');
  const category = textOf(record, 'category');
  const monitor =
    isObject(properties) &&
    (category !== undefined || 'operationName' in record || 'resultType' in record);
  if (monitor) {
    if (category !== undefined && !SIGNIN_CATEGORIES.has(category)) {
      return `the Azure Monitor category \`${category.slice(0, 80)}\` is not a sign-in log`;
    }
    return { signIn: properties, envelope: record };
  }
  if (GRAPH_MARKERS.some((key) => Object.hasOwn(record, key))) {
    return { signIn: record, envelope: null };
  }
  return 'the object has none of the sign-in members (createdDateTime, userPrincipalName, appDisplayName, status)';
}

/** Numeric text as a number (`"50053"` → 50053), so rules comparing `ResultType: 50053` match. */
function resultCode(value: EventValue | undefined): EventValue | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return typeof value === 'string' ? value : undefined;
}

/**
 * `Success` when the error code is 0; otherwise `Failure`, followed by the failure reason and
 * additional details, so `Status|contains: 'MFA Denied'` can match.
 */
function statusText(
  code: EventValue | undefined,
  status: EventValue | undefined,
): string | undefined {
  if (code === undefined) return undefined;
  if (code === 0) return 'Success';
  const details = [textOf(status, 'failureReason'), textOf(status, 'additionalDetails')].filter(
    (part): part is string => part !== undefined,
  );
  return details.length === 0 ? 'Failure' : `Failure: ${details.join('; ')}`;
}

/** `deviceDetail` with `trusttype` beside `trustType`, as the SigmaHQ rules spell it. */
function deviceDetail(value: EventValue | undefined): EventValue | undefined {
  if (!isObject(value)) return undefined;
  const trustType = memberOf(value, 'trustType');
  return trustType === undefined ? value : { ...value, trusttype: trustType };
}

/** The event data: Graph members, then the envelope's, then the Sigma-named fields. */
export function signInData({ signIn, envelope }: SignInParts): EventData {
  const env = envelope ?? undefined;
  const status = memberOf(signIn, 'status');
  const code = resultCode(memberOf(env, 'resultType') ?? memberOf(status, 'errorCode'));
  const location = memberOf(signIn, 'location');
  const networks = memberOf(signIn, 'networkLocationDetails');
  const sigma = definedOnly({
    ResultType: code,
    ResultDescription: textOf(env, 'resultDescription') ?? textOf(status, 'failureReason'),
    Status: statusText(code, status),
    AppDisplayName: memberOf(signIn, 'appDisplayName'),
    AppId: memberOf(signIn, 'appId'),
    UserPrincipalName: memberOf(signIn, 'userPrincipalName'),
    UserDisplayName: memberOf(signIn, 'userDisplayName'),
    UserId: memberOf(signIn, 'userId'),
    IPAddress: memberOf(signIn, 'ipAddress') ?? memberOf(env, 'callerIpAddress'),
    ClientAppUsed: memberOf(signIn, 'clientAppUsed'),
    ClientApp: memberOf(signIn, 'clientAppUsed'),
    ConditionalAccessStatus: memberOf(signIn, 'conditionalAccessStatus'),
    AuthenticationRequirement: memberOf(signIn, 'authenticationRequirement'),
    ResourceDisplayName: memberOf(signIn, 'resourceDisplayName'),
    RiskState: memberOf(signIn, 'riskState'),
    RiskDetail: memberOf(signIn, 'riskDetail'),
    RiskLevelDuringSignIn: memberOf(signIn, 'riskLevelDuringSignIn'),
    RiskLevelAggregated: memberOf(signIn, 'riskLevelAggregated'),
    IsInteractive: memberOf(signIn, 'isInteractive'),
    CorrelationId: memberOf(signIn, 'correlationId'),
    UserAgent: memberOf(signIn, 'userAgent'),
    DeviceDetail: deviceDetail(memberOf(signIn, 'deviceDetail')),
    Location: textOf(env, 'location') ?? memberOf(location, 'countryOrRegion'),
    LocationDetails: isObject(location) ? location : undefined,
    NetworkLocationDetails: Array.isArray(networks) ? JSON.stringify(networks) : undefined,
    HomeTenantId: memberOf(signIn, 'homeTenantId'),
    ResourceTenantId: memberOf(signIn, 'resourceTenantId'),
    Category: textOf(env, 'category') ?? 'SignInLogs',
  });
  return { ...signIn, ...(envelope ?? {}), ...sigma };
}
