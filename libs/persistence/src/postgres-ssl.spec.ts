import { ConfigError } from '@sim/config';
import { postgresSsl } from './postgres-ssl';

const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('postgresSsl (DATABASE_SSL_MODE, DATABASE_SSL_CA_FILE)', () => {
  it('connects in plain text by default, encrypted without checking the server for require', () => {
    expect(postgresSsl('disable', null)).toBe(false);
    expect(postgresSsl('require', null)).toEqual({ rejectUnauthorized: false });
  });

  it("checks the server's certificate for verify-full, against the CA file when one is given", () => {
    expect(postgresSsl('verify-full', null)).toEqual({ rejectUnauthorized: true });
    expect(postgresSsl('verify-full', '/etc/db/ca.pem', () => Buffer.from(ca))).toEqual({ rejectUnauthorized: true, ca });
  });

  it('stops the boot naming the variable for an unreadable CA file or one that would be ignored', () => {
    const unreadable = () =>
      postgresSsl('verify-full', '/missing.pem', () => {
        throw new Error('ENOENT');
      });
    expect(unreadable).toThrow(ConfigError);
    expect(unreadable).toThrow('DATABASE_SSL_CA_FILE: cannot read /missing.pem (ENOENT)');
    expect(() => postgresSsl('disable', '/etc/db/ca.pem')).toThrow(/DATABASE_SSL_CA_FILE is set but DATABASE_SSL_MODE is disable/);
  });
});
