/** Greenbone (GVM / OpenVAS) report XML: streaming parser, writer and the observation types. */
export {
  collectOpenvasXml,
  parseOpenvasXml,
  type OpenvasInput,
  type ParseOpenvasOptions,
} from './parse.js';
export { formatOpenvasXml } from './write.js';
export * from './limits.js';
export * from './types.js';
