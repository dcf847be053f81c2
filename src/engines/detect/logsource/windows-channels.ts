/**
 * Windows event log channels → Sigma `service` (Sigma taxonomy appendix, "Windows folder";
 * the service names SigmaHQ's rules use, as in its tests/logsource.json). Keys are lower case:
 * channel names are matched without regard to case.
 */
const CHANNEL_SERVICES: ReadonlyMap<string, string> = new Map([
  ['security', 'security'],
  ['system', 'system'],
  ['application', 'application'],
  ['microsoft-windows-sysmon/operational', 'sysmon'],
  ['microsoft-windows-powershell/operational', 'powershell'],
  ['powershellcore/operational', 'powershell'],
  ['windows powershell', 'powershell-classic'],
  ['microsoft-windows-windows defender/operational', 'windefend'],
  ['microsoft-windows-taskscheduler/operational', 'taskscheduler'],
  ['microsoft-windows-wmi-activity/operational', 'wmi'],
  ['microsoft-windows-dns client events/operational', 'dns-client'],
  ['microsoft-windows-dns-client/operational', 'dns-client'],
  ['dns server', 'dns-server'],
  ['microsoft-windows-dns-server/audit', 'dns-server-audit'],
  ['microsoft-windows-dns-server/analytical', 'dns-server-analytic'],
  ['microsoft-windows-driverframeworks-usermode/operational', 'driver-framework'],
  ['microsoft-windows-windows firewall with advanced security/firewall', 'firewall-as'],
  ['microsoft-windows-bits-client/operational', 'bits-client'],
  ['microsoft-windows-codeintegrity/operational', 'codeintegrity-operational'],
  ['microsoft-windows-dhcp-server/operational', 'dhcp'],
  ['microsoft-windows-diagnosis-scripted/operational', 'diagnosis-scripted'],
  ['microsoft-windows-ldap-client/debug', 'ldap'],
  ['microsoft-windows-lsa/operational', 'lsa-server'],
  ['msexchange management', 'msexchange-management'],
  ['microsoft-windows-ntfs/operational', 'ntfs'],
  ['microsoft-windows-ntlm/operational', 'ntlm'],
  ['openssh/operational', 'openssh'],
  ['microsoft-windows-printservice/admin', 'printservice-admin'],
  ['microsoft-windows-printservice/operational', 'printservice-operational'],
  ['microsoft-windows-security-mitigations/kernel mode', 'security-mitigations'],
  ['microsoft-windows-security-mitigations/user mode', 'security-mitigations'],
  ['microsoft-windows-sense/operational', 'sense'],
  ['microsoft-servicebus-client', 'microsoft-servicebus-client'],
  ['microsoft-servicebus-client/operational', 'microsoft-servicebus-client'],
  ['microsoft-servicebus-client/admin', 'microsoft-servicebus-client'],
  ['microsoft-windows-shell-core/operational', 'shell-core'],
  ['microsoft-windows-smbclient/security', 'smbclient-security'],
  ['microsoft-windows-smbclient/connectivity', 'smbclient-connectivity'],
  ['microsoft-windows-smbserver/connectivity', 'smbserver-connectivity'],
  [
    'microsoft-windows-terminalservices-localsessionmanager/operational',
    'terminalservices-localsessionmanager',
  ],
  ['microsoft-windows-vhdmp/operational', 'vhdmp'],
  ['microsoft-windows-applocker/msi and script', 'applocker'],
  ['microsoft-windows-applocker/exe and dll', 'applocker'],
  ['microsoft-windows-applocker/packaged app-deployment', 'applocker'],
  ['microsoft-windows-applocker/packaged app-execution', 'applocker'],
  ['microsoft-windows-appmodel-runtime/admin', 'appmodel-runtime'],
  ['microsoft-windows-appxdeploymentserver/operational', 'appxdeployment-server'],
  ['microsoft-windows-appxpackaging/operational', 'appxpackaging-om'],
  ['microsoft-windows-bitlocker/bitlocker management', 'bitlocker'],
  ['microsoft-windows-capi2/operational', 'capi2'],
  [
    'microsoft-windows-certificateservicesclient-lifecycle-system/operational',
    'certificateservicesclient-lifecycle-system',
  ],
  ['microsoft-windows-application-experience/program-telemetry', 'application-experience'],
  [
    'microsoft-windows-application-experience/program-compatibility-assistant',
    'application-experience',
  ],
  ['microsoft-windows-hyper-v-worker', 'hyper-v-worker'],
  ['microsoft-windows-hyper-v-worker-admin', 'hyper-v-worker'],
  ['microsoft-windows-kernel-eventtracing', 'kernel-event-tracing'],
  ['microsoft-windows-kernel-eventtracing/admin', 'kernel-event-tracing'],
  ['microsoft-windows-kernel-shimengine/operational', 'kernel-shimengine'],
  ['microsoft-windows-kernel-shimengine/diagnostic', 'kernel-shimengine'],
  ['microsoft-iis-configuration/operational', 'iis-configuration'],
]);

/**
 * The Sigma service of a Windows channel, or undefined for a channel the taxonomy does not name.
 * @example windowsService('Microsoft-Windows-Sysmon/Operational') // 'sysmon'
 */
export function windowsService(channel: string): string | undefined {
  return CHANNEL_SERVICES.get(channel.trim().toLowerCase());
}
