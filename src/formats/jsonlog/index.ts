export { readJsonLog, readJsonLogText, type JsonLogReadOptions } from './read.js';
export { jsonLogTime, TIME_PATHS } from './event.js';
export { isoFromEpoch, isoFromText, isoFromValue } from './time.js';
export * from './limits.js';
