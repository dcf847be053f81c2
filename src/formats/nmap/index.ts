/** Nmap XML (`nmap -oX`): streaming parser, writer and the observation types. */
export { collectNmapXml, parseNmapXml, type NmapInput, type ParseNmapOptions } from './parse.js';
export { formatNmapHostXml, formatNmapXml } from './write.js';
export * from './limits.js';
export * from './types.js';
