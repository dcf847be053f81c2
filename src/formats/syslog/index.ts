export { parseSyslogMessage } from './parse.js';
export {
  SyslogFramer,
  type SyslogFrame,
  type SyslogFramerOptions,
  type SyslogFraming,
} from './framer.js';
export { formatSyslog5424 } from './write.js';
export * from './types.js';
export * from './limits.js';
