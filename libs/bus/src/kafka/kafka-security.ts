/**
 * How a process reaches a managed Kafka (Confluent Cloud, MSK, Aiven, Strimzi with TLS): the
 * variables every Kafka-using process reads, and the kafkajs `ssl` / `sasl` options they make.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';
import { ConfigError, bool, oneOf, optionalStr, type ConfigOf, type VariableSpec } from '@sim/config';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export const kafkaSecurityConfigDefinition = {
  kafkaSsl: bool('KAFKA_SSL', { description: 'Connect to the brokers over TLS.', default: false }),
  kafkaSslCaFile: optionalStr('KAFKA_SSL_CA_FILE', {
    description: "PEM file of the CA that signed the brokers' certificates (unset: the system's trusted CAs). Implies KAFKA_SSL.",
  }),
  kafkaSaslMechanism: unsetByDefault(
    oneOf('KAFKA_SASL_MECHANISM', KAFKA_SASL_MECHANISMS, {
      description: 'SASL authentication: `plain`, `scram-sha-256` or `scram-sha-512` (unset: none). Needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.',
    }),
  ),
  kafkaSaslUsername: optionalStr('KAFKA_SASL_USERNAME', { description: 'SASL user name.' }),
  kafkaSaslPassword: optionalStr('KAFKA_SASL_PASSWORD', { description: 'SASL password.', secret: true }),
};

/** The same variable, null when unset. */
function unsetByDefault<T>(spec: VariableSpec<T>): VariableSpec<T | null> {
  return { ...spec, default: null };
}

export type KafkaSecurityConfig = ConfigOf<typeof kafkaSecurityConfigDefinition>;

export interface KafkaSecurityOptions {
  ssl?: ConnectionOptions | boolean;
  sasl?: SASLOptions;
}

/**
 * kafkajs options from the variables; a mechanism without credentials (or credentials without
 * a mechanism), or an unreadable CA file, is a ConfigError naming the variables.
 */
export function kafkaSecurityOptions(config: KafkaSecurityConfig, readFile: (path: string) => Buffer = readFileSync): KafkaSecurityOptions {
  const problems: string[] = [];
  const options: KafkaSecurityOptions = {};
  if (config.kafkaSslCaFile) {
    try {
      options.ssl = { ca: [readFile(config.kafkaSslCaFile).toString('utf8')] };
    } catch (error) {
      problems.push(`KAFKA_SSL_CA_FILE: cannot read ${config.kafkaSslCaFile} (${(error as Error).message})`);
    }
  } else if (config.kafkaSsl) {
    options.ssl = true;
  }
  const { kafkaSaslMechanism: mechanism, kafkaSaslUsername: username, kafkaSaslPassword: password } = config;
  if (mechanism) {
    if (!username) problems.push(`KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!password) problems.push(`KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (username && password) options.sasl = { mechanism, username, password } as SASLOptions;
  } else if (username || password) {
    problems.push('KAFKA_SASL_MECHANISM is required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set (plain, scram-sha-256 or scram-sha-512)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return options;
}
