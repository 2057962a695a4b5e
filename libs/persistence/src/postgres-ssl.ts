/**
 * TLS to an external PostgreSQL (a managed database usually insists on it), in libpq's terms:
 * `disable` (plain), `require` (encrypted, the server's certificate not checked), `verify-full`
 * (encrypted, the certificate must chain to a trusted CA and name the host).
 */
import { readFileSync } from 'node:fs';
import type { TlsOptions } from 'node:tls';
import { ConfigError } from '@sim/config';

export const DATABASE_SSL_MODES = ['disable', 'require', 'verify-full'] as const;
export type DatabaseSslMode = (typeof DATABASE_SSL_MODES)[number];

/** What the `pg` driver takes as `ssl`: false, or the TLS options. */
export type PostgresSsl = false | Pick<TlsOptions, 'rejectUnauthorized' | 'ca'>;

export function postgresSsl(mode: DatabaseSslMode, caFile: string | null, readFile: (path: string) => Buffer = readFileSync): PostgresSsl {
  if (mode === 'disable') {
    if (caFile) throw new ConfigError(['DATABASE_SSL_CA_FILE is set but DATABASE_SSL_MODE is disable; set DATABASE_SSL_MODE=verify-full to use it']);
    return false;
  }
  if (mode === 'require') return { rejectUnauthorized: false };
  if (!caFile) return { rejectUnauthorized: true }; // Node's trusted CAs
  try {
    return { rejectUnauthorized: true, ca: readFile(caFile).toString('utf8') };
  } catch (error) {
    throw new ConfigError([`DATABASE_SSL_CA_FILE: cannot read ${caFile} (${(error as Error).message})`]);
  }
}
