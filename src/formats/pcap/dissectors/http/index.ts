/** HTTP/1.x: User-Agent and Host from requests, Server from responses. */
export { httpDissectorFactory, probeHttp, HTTP_METHODS } from './http-dissector.js';
export { parseHead, parseStartLine, headLines } from './head.js';
export type { MessageHead, StartLine } from './head.js';
export { MessageStream } from './message-stream.js';
export type { BodyRule, MessageOwner } from './message-stream.js';
export { HTTP_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { HttpDiagnostic, HttpDiagnosticCode } from './diagnostics.js';
export { HTTP_LIMITS } from './limits.js';
