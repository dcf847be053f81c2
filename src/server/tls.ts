/**
 * The server's TLS credentials: the operator's certificate and key when configured, otherwise a
 * self-signed certificate for localhost made on first run and kept in `<dataDir>/tls/` so that
 * browsers see the same certificate after a restart.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { WardlineError } from '../domain/errors.js';

export interface TlsCredentials {
  readonly cert: string;
  readonly key: string;
  readonly selfSigned: boolean;
}

export interface TlsSettings {
  readonly dataDir: string;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  /** Host names the self-signed certificate covers besides localhost. */
  readonly hostNames?: readonly string[];
}

export async function loadTlsCredentials(settings: TlsSettings): Promise<TlsCredentials> {
  if (settings.certFile !== undefined || settings.keyFile !== undefined) {
    if (settings.certFile === undefined || settings.keyFile === undefined) {
      throw new WardlineError('WL_CONFIG_INVALID', 'Set both tls.certFile and tls.keyFile.');
    }
    return {
      cert: readFileSync(settings.certFile, 'utf8'),
      key: readFileSync(settings.keyFile, 'utf8'),
      selfSigned: false,
    };
  }
  const dir = join(settings.dataDir, 'tls');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    return {
      cert: readFileSync(certPath, 'utf8'),
      key: readFileSync(keyPath, 'utf8'),
      selfSigned: true,
    };
  }
  const generated = await generateSelfSigned(settings.hostNames ?? []);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, generated.key, { mode: 0o600 });
  writeFileSync(certPath, generated.cert, { mode: 0o644 });
  return { ...generated, selfSigned: true };
}

async function generateSelfSigned(
  hostNames: readonly string[],
): Promise<{ cert: string; key: string }> {
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 1);
  const dnsNames = ['localhost', ...hostNames.filter((h) => h !== 'localhost')];
  const pems = await generate([{ name: 'commonName', value: 'Wardline (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dnsNames.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
