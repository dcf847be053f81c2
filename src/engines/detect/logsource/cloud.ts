/**
 * Cloud audit logs recognised by their fields (all `flat` shape): Microsoft Entra ID sign-ins and
 * audit logs (Graph API records and the Azure Monitor diagnostic export), Azure activity logs,
 * Okta System Log, AWS CloudTrail, Google Cloud audit logs. Log sources as the Sigma taxonomy
 * names them (`azure`/`signinlogs`, `okta`/`okta`, `aws`/`cloudtrail`, `gcp`/`gcp.audit`).
 */
import type { EventData } from '../../../domain/detection.js';
import { collectIps } from './ips.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { at, hasAll, isRecord, optional, text } from './values.js';

/** Azure Monitor export `category` → Sigma service (lower-cased keys). */
const AZURE_MONITOR_CATEGORIES: ReadonlyMap<string, string> = new Map([
  ['signinlogs', 'signinlogs'],
  ['noninteractiveusersigninlogs', 'signinlogs'],
  ['serviceprincipalsigninlogs', 'signinlogs'],
  ['managedidentitysigninlogs', 'signinlogs'],
  ['auditlogs', 'auditlogs'],
  ['riskyusers', 'riskdetection'],
  ['userriskevents', 'riskdetection'],
  ['administrative', 'activitylogs'],
  ['security', 'activitylogs'],
  ['policy', 'activitylogs'],
  ['servicehealth', 'activitylogs'],
  ['resourcehealth', 'activitylogs'],
  ['alert', 'activitylogs'],
  ['autoscale', 'activitylogs'],
  ['recommendation', 'activitylogs'],
]);

type CloudReader = (data: EventData) => Classified | undefined;

const entraGraph: CloudReader = (data) => {
  if (hasAll(data, ['createdDateTime', 'userPrincipalName', 'appDisplayName'])) {
    return {
      logsource: { product: 'azure', service: 'signinlogs' },
      ...optional({ time: eventTime(data.createdDateTime), ips: collectIps([data.ipAddress]) }),
    };
  }
  if (hasAll(data, ['activityDateTime', 'activityDisplayName', 'loggedByService'])) {
    return {
      logsource: { product: 'azure', service: 'auditlogs' },
      ...optional({ time: eventTime(data.activityDateTime) }),
    };
  }
  return undefined;
};

const azureMonitor: CloudReader = (data) => {
  const category = text(data.category)?.toLowerCase();
  const service = category === undefined ? undefined : AZURE_MONITOR_CATEGORIES.get(category);
  if (service === undefined) return undefined;
  if (!isRecord(data.properties) && !Object.hasOwn(data, 'operationName')) return undefined;
  const time = eventTime(data.time) ?? eventTime(at(data, 'properties', 'createdDateTime'));
  const ips = collectIps([data.callerIpAddress, at(data, 'properties', 'ipAddress')]);
  return { logsource: { product: 'azure', service }, ...optional({ time, ips }) };
};

const okta: CloudReader = (data) =>
  hasAll(data, ['eventType', 'actor', 'outcome', 'published'])
    ? {
        logsource: { product: 'okta', service: 'okta' },
        ...optional({
          time: eventTime(data.published),
          ips: collectIps([at(data, 'client', 'ipAddress')]),
        }),
      }
    : undefined;

const cloudTrail: CloudReader = (data) =>
  hasAll(data, ['eventSource', 'eventName']) &&
  (Object.hasOwn(data, 'eventVersion') || Object.hasOwn(data, 'awsRegion'))
    ? {
        logsource: { product: 'aws', service: 'cloudtrail' },
        ...optional({
          time: eventTime(data.eventTime),
          ips: collectIps([data.sourceIPAddress]),
        }),
      }
    : undefined;

const gcpAudit: CloudReader = (data) =>
  text(at(data, 'protoPayload', '@type'))?.endsWith('google.cloud.audit.AuditLog') === true
    ? {
        logsource: { product: 'gcp', service: 'gcp.audit' },
        ...optional({
          time: eventTime(data.timestamp),
          ips: collectIps([at(data, 'protoPayload', 'requestMetadata', 'callerIp')]),
        }),
      }
    : undefined;

const READERS: readonly CloudReader[] = [entraGraph, azureMonitor, okta, cloudTrail, gcpAudit];

/** The cloud log a flat record is, or undefined when it is none of those recognised. */
export function classifyCloud(data: EventData): Classified | undefined {
  for (const read of READERS) {
    const found = read(data);
    if (found !== undefined) return found;
  }
  return undefined;
}
