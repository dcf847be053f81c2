/**
 * Field lookup in Winlogbeat / Elastic Common Schema events: `winlog.event_data.X` first, then the
 * `winlog` system fields, then the ECS name of a common Sigma field, then `X` itself.
 */
import type { EventData, EventValue } from '../../../domain/detection.js';
import { directOrDotted, type Accessor } from './path.js';
import { isProcessCreation4688, PROCESS_CREATION_4688 } from './windows-audit.js';

/** Windows system fields and where Winlogbeat writes them. */
const WINLOG_SYSTEM: ReadonlyMap<string, string> = new Map([
  ['EventID', 'winlog.event_id'],
  ['Channel', 'winlog.channel'],
  ['Computer', 'winlog.computer_name'],
  ['Provider_Name', 'winlog.provider_name'],
  ['Provider_Guid', 'winlog.provider_guid'],
  ['EventRecordID', 'winlog.record_id'],
  ['Task', 'winlog.task'],
  ['Opcode', 'winlog.opcode'],
  ['Version', 'winlog.version'],
  ['Keywords', 'winlog.keywords'],
  ['Level', 'log.level'],
]);

/** Sigma (Sysmon) field names and their ECS equivalents. */
const ECS_NAMES: ReadonlyMap<string, string> = new Map([
  ['Image', 'process.executable'],
  ['CommandLine', 'process.command_line'],
  ['ProcessId', 'process.pid'],
  ['ParentImage', 'process.parent.executable'],
  ['ParentCommandLine', 'process.parent.command_line'],
  ['ParentProcessId', 'process.parent.pid'],
  ['OriginalFileName', 'process.pe.original_file_name'],
  ['CurrentDirectory', 'process.working_directory'],
  ['User', 'user.name'],
  ['TargetFilename', 'file.path'],
  ['ImageLoaded', 'file.path'],
  ['TargetObject', 'registry.path'],
  ['Details', 'registry.data.strings'],
  ['SourceIp', 'source.ip'],
  ['SourcePort', 'source.port'],
  ['DestinationIp', 'destination.ip'],
  ['DestinationPort', 'destination.port'],
  ['DestinationHostname', 'destination.domain'],
  ['QueryName', 'dns.question.name'],
  ['Protocol', 'network.transport'],
]);

function chain(accessors: readonly Accessor[]): Accessor {
  return (data) => {
    for (const accessor of accessors) {
      const found = accessor(data);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

function plainAccessor(field: string): Accessor {
  const steps: Accessor[] = [directOrDotted(`winlog.event_data.${field}`)];
  const system = WINLOG_SYSTEM.get(field);
  if (system !== undefined) steps.push(directOrDotted(system));
  const ecs = ECS_NAMES.get(field);
  if (ecs !== undefined) steps.push(directOrDotted(ecs));
  steps.push(directOrDotted(field));
  return chain(steps);
}

const eventId = directOrDotted('winlog.event_id');

/**
 * The accessor for one Sigma field name in ECS events.
 *
 * @example
 * ecsAccessor('CommandLine')({ winlog: { event_data: { CommandLine: 'whoami' } } }) // → 'whoami'
 * ecsAccessor('EventID')({ winlog: { event_id: 4624 } })                          // → 4624
 */
export function ecsAccessor(field: string): Accessor {
  const plain = plainAccessor(field);
  const mapped = PROCESS_CREATION_4688.get(field);
  if (mapped === undefined) return plain;
  const audit = directOrDotted(`winlog.event_data.${mapped}`);
  return (data: EventData): EventValue | undefined => {
    if (isProcessCreation4688(eventId(data))) {
      const found = audit(data);
      if (found !== undefined) return found;
    }
    return plain(data);
  };
}
