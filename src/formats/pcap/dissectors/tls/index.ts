/** TLS: SNI, JA3 and JA4 from the ClientHello, JA3S from the ServerHello, certificates before 1.3. */
export { createTlsDissectorFactory, probeTls, tlsDissectorFactory } from './tls-dissector.js';
export type {
  CertificateEvent,
  ClientHelloEvent,
  ServerHelloEvent,
  TlsDissectorOptions,
} from './tls-dissector.js';
export { parseClientHello, parseServerHello, EXTENSION } from './hello.js';
export type { ClientHello, Parsed, ServerHello } from './hello.js';
export { directDigest, isGrease, ja3, ja3s, ja4, memoizedDigest } from './fingerprints.js';
export type { Digest, Fingerprint, Ja4 } from './fingerprints.js';
export {
  describeCertificate,
  hostNameFromCommonName,
  memoizedCertificateReader,
  readFirstCertificate,
} from './certificate.js';
export type { CertificateRead, CertificateSummary } from './certificate.js';
export { RecordStream, CONTENT_TYPE } from './record-stream.js';
export type { HandshakeOwner } from './record-stream.js';
export { TLS_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { TlsDiagnostic, TlsDiagnosticCode } from './diagnostics.js';
export { TLS_LIMITS } from './limits.js';
