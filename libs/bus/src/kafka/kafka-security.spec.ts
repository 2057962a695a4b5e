import { ConfigError, loadConfig } from '@sim/config';
import { kafkaSecurityConfigDefinition, kafkaSecurityOptions } from './kafka-security';

const options = (env: Record<string, string>, readFile?: (path: string) => Buffer) =>
  kafkaSecurityOptions(loadConfig(kafkaSecurityConfigDefinition, env), readFile);

function problemsOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('Kafka TLS and SASL settings', () => {
  it('connects in plain text without authentication by default (the local broker)', () => {
    expect(options({})).toEqual({});
  });

  it('uses TLS with the system CAs, or with the CA file given', () => {
    expect(options({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    const read = jest.fn(() => Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'));
    expect(options({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' }, read)).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] },
    });
    expect(read).toHaveBeenCalledWith('/etc/kafka/ca.pem');
  });

  it('authenticates with SCRAM or PLAIN when a mechanism and credentials are set', () => {
    expect(options({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'sim', KAFKA_SASL_PASSWORD: 's3cret' })).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'sim', password: 's3cret' },
    });
  });

  it('stops the boot naming the variable when the settings do not fit together', () => {
    expect(problemsOf(() => options({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'sim' }))).toEqual([
      'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM=scram-sha-256',
    ]);
    expect(problemsOf(() => options({ KAFKA_SASL_USERNAME: 'sim', KAFKA_SASL_PASSWORD: 'x' }))[0]).toMatch(/^KAFKA_SASL_MECHANISM is required/);
    expect(problemsOf(() => options({ KAFKA_SASL_MECHANISM: 'gssapi' }))).toEqual(['KAFKA_SASL_MECHANISM: "gssapi" must be one of plain, scram-sha-256, scram-sha-512']);
    const missing = () => {
      throw new Error('ENOENT: no such file');
    };
    expect(problemsOf(() => options({ KAFKA_SSL_CA_FILE: '/missing/ca.pem' }, missing))).toEqual(['KAFKA_SSL_CA_FILE: cannot read /missing/ca.pem (ENOENT: no such file)']);
  });
});
