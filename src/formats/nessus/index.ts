/** Nessus `.nessus` (v2): streaming parser, writer and the observation types. */
export {
  collectNessusXml,
  parseNessusXml,
  type NessusInput,
  type ParseNessusOptions,
} from './parse.js';
export { formatNessusXml } from './write.js';
export * from './limits.js';
export * from './types.js';
