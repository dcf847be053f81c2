/**
 * Windows event IDs → Sigma generic `category` (Sigma taxonomy appendix, "Windows folder"): the
 * Sysmon event types, PowerShell script and module logging, classic PowerShell engine events,
 * and Security 4688 (a process created) for `process_creation`.
 */

export interface WindowsCategory {
  readonly category: string;
  readonly alsoCategories?: readonly string[];
}

const REGISTRY_EVENT = ['registry_event'] as const;

const SYSMON: ReadonlyMap<number, WindowsCategory> = new Map<number, WindowsCategory>([
  [1, { category: 'process_creation' }],
  [2, { category: 'file_change' }],
  [3, { category: 'network_connection' }],
  [4, { category: 'sysmon_status' }],
  [5, { category: 'process_termination' }],
  [6, { category: 'driver_load' }],
  [7, { category: 'image_load' }],
  [8, { category: 'create_remote_thread' }],
  [9, { category: 'raw_access_thread' }],
  [10, { category: 'process_access' }],
  [11, { category: 'file_event' }],
  [13, { category: 'registry_set', alsoCategories: REGISTRY_EVENT }],
  [14, { category: 'registry_rename', alsoCategories: REGISTRY_EVENT }],
  [15, { category: 'create_stream_hash' }],
  [16, { category: 'sysmon_status' }],
  [17, { category: 'pipe_created' }],
  [18, { category: 'pipe_created' }],
  [19, { category: 'wmi_event' }],
  [20, { category: 'wmi_event' }],
  [21, { category: 'wmi_event' }],
  [22, { category: 'dns_query' }],
  [23, { category: 'file_delete' }],
  [24, { category: 'clipboard_capture' }],
  [25, { category: 'process_tampering' }],
  [26, { category: 'file_delete' }],
  [27, { category: 'file_block_executable', alsoCategories: ['file_block'] }],
  [28, { category: 'file_block_shredding', alsoCategories: ['file_block'] }],
  [29, { category: 'file_executable_detected' }],
  [255, { category: 'sysmon_error' }],
]);

/**
 * Sysmon 12 is a key or value created or deleted; its `EventType` says which. Without one it is
 * only `registry_event`.
 */
function sysmonRegistryObject(eventType: string | undefined): WindowsCategory {
  const kind = eventType?.toLowerCase() ?? '';
  if (kind.startsWith('create'))
    return { category: 'registry_add', alsoCategories: REGISTRY_EVENT };
  if (kind.startsWith('delete')) {
    return { category: 'registry_delete', alsoCategories: REGISTRY_EVENT };
  }
  return { category: 'registry_event' };
}

const POWERSHELL: ReadonlyMap<number, WindowsCategory> = new Map([
  [4103, { category: 'ps_module' }],
  [4104, { category: 'ps_script' }],
]);

const POWERSHELL_CLASSIC: ReadonlyMap<number, WindowsCategory> = new Map([
  [400, { category: 'ps_classic_start' }],
  [600, { category: 'ps_classic_provider_start' }],
  [800, { category: 'ps_classic_script' }],
]);

const SECURITY: ReadonlyMap<number, WindowsCategory> = new Map([
  [4688, { category: 'process_creation' }],
]);

/**
 * The category of a Windows event, from its service (see `windowsService`) and event ID.
 * @example windowsCategory('sysmon', 13, undefined)
 *   // { category: 'registry_set', alsoCategories: ['registry_event'] }
 */
export function windowsCategory(
  service: string | undefined,
  eventId: number | undefined,
  eventType: string | undefined,
): WindowsCategory | undefined {
  if (eventId === undefined) return undefined;
  switch (service) {
    case 'sysmon':
      return eventId === 12 ? sysmonRegistryObject(eventType) : SYSMON.get(eventId);
    case 'powershell':
      return POWERSHELL.get(eventId);
    case 'powershell-classic':
      return POWERSHELL_CLASSIC.get(eventId);
    case 'security':
      return SECURITY.get(eventId);
    case undefined:
    default:
      return undefined;
  }
}
