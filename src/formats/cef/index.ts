/** CEF 0 lines for SIEMs. */
export { formatCef, type CefEvent } from './write.js';
