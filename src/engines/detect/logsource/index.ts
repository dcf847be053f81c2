/** Log source inference: what an event is, read from its content. */
export { classifyEvent, detectShape } from './classify.js';
export { eventTime } from './time.js';
export { ipAddress } from './ips.js';
export { windowsService } from './windows-channels.js';
export { windowsCategory } from './windows-categories.js';
export * from './limits.js';
export type { ClassifyHint, EventClassification } from './types.js';
