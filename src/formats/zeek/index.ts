export { pathFromSource, readZeek, readZeekText, type ZeekReadOptions } from './read.js';
export { zeekTimeIso, unescapeZeek } from './values.js';
export * from './limits.js';
