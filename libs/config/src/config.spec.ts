import { bool, ConfigError, describeConfig, float, int, list, loadConfig, oneOf, optionalStr, optionalUrl, port, str, url } from './config';

const definition = {
  port: port('APP_PORT', { description: 'HTTP port', default: 4000 }),
  host: str('APP_HOST', { description: 'Interface to listen on', default: '0.0.0.0' }),
  databaseUrl: url('DATABASE_URL', { description: 'PostgreSQL connection string' }),
  secret: str('APP_SECRET', { description: 'Signing secret', default: 'dev-only-secret', secret: true }),
  issuer: optionalStr('APP_ISSUER', { description: 'Expected token issuer' }),
  verbose: bool('APP_VERBOSE', { description: 'Log every request', default: false }),
  mode: oneOf('APP_MODE', ['embedded', 'distributed'] as const, { description: 'How the platform runs', default: 'embedded' }),
  workers: int('APP_WORKERS', { description: 'Worker count', default: 2, min: 1, max: 16 }),
  origins: list('APP_ORIGINS', { description: 'Allowed origins', default: ['http://localhost:3000'] }),
};

const required = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sim' };

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(definition, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('returns every default when only the required variable is set', () => {
    expect(loadConfig(definition, required)).toEqual({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: required.DATABASE_URL,
      secret: 'dev-only-secret',
      issuer: null,
      verbose: false,
      mode: 'embedded',
      workers: 2,
      origins: ['http://localhost:3000'],
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(definition, { ...required, APP_PORT: '', APP_ISSUER: '' })).toMatchObject({ port: 4000, issuer: null });
  });

  it('parses each kind of value', () => {
    const config = loadConfig(definition, {
      ...required,
      APP_PORT: '8080',
      APP_HOST: '127.0.0.1',
      APP_SECRET: 's3cret',
      APP_ISSUER: 'https://id.example',
      APP_VERBOSE: 'YES',
      APP_MODE: 'distributed',
      APP_WORKERS: '16',
      APP_ORIGINS: ' https://a.example , https://b.example ,,',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: required.DATABASE_URL,
      secret: 's3cret',
      issuer: 'https://id.example',
      verbose: true,
      mode: 'distributed',
      workers: 16,
      origins: ['https://a.example', 'https://b.example'],
    });
    for (const [raw, expected] of [['1', true], ['on', true], ['TRUE', true], ['0', false], ['off', false], ['No', false]] as const) {
      expect(loadConfig(definition, { ...required, APP_VERBOSE: raw }).verbose).toBe(expected);
    }
  });

  it('names a missing required variable and what it is for', () => {
    const error = configError({});
    expect(error.problems).toEqual(['DATABASE_URL is required: PostgreSQL connection string']);
    expect(error.message).toContain('DATABASE_URL is required');
  });

  it('collects every bad variable in one error whose message names each of them', () => {
    const error = configError({
      APP_PORT: '70000',
      APP_VERBOSE: 'maybe',
      APP_MODE: 'cloud',
      APP_WORKERS: '2.5',
      DATABASE_URL: 'not a url',
    });
    expect(error.problems).toHaveLength(5);
    for (const [name, reason] of [
      ['APP_PORT', 'must be at most 65535'],
      ['APP_VERBOSE', '"maybe" is not a boolean'],
      ['APP_MODE', '"cloud" must be one of embedded, distributed'],
      ['APP_WORKERS', '"2.5" is not an integer'],
      ['DATABASE_URL', '"not a url" is not a URL'],
    ]) {
      expect(error.message).toContain(`${name}: ${reason}`);
    }
  });

  it('reports a missing required variable together with bad values', () => {
    const error = configError({ APP_WORKERS: '0', APP_PORT: 'http' });
    expect(error.problems.map((p) => p.split(/[: ]/)[0]).sort()).toEqual(['APP_PORT', 'APP_WORKERS', 'DATABASE_URL']);
    expect(error.message).toContain('APP_WORKERS: must be at least 1');
    expect(error.message).toContain('APP_PORT: "http" is not an integer');
  });

  it('reads process.env when no environment is given', () => {
    const key = 'SIM_CONFIG_SPEC_PORT';
    process.env[key] = '5123';
    try {
      expect(loadConfig({ p: port(key, { description: 'x' }) })).toEqual({ p: 5123 });
    } finally {
      delete process.env[key];
    }
  });
});

describe('float and optionalUrl', () => {
  const tuning = {
    ratio: float('SAMPLE_RATIO', { description: 'Share of traces kept', default: 1, min: 0, max: 1 }),
    collector: optionalUrl('COLLECTOR_URL', { description: 'Where spans go' }),
  };

  it('reads a decimal and a URL, and leaves an unset URL as null', () => {
    expect(loadConfig(tuning, { SAMPLE_RATIO: '0.25', COLLECTOR_URL: 'http://otel:4318' })).toEqual({ ratio: 0.25, collector: 'http://otel:4318' });
    expect(loadConfig(tuning, {})).toEqual({ ratio: 1, collector: null });
  });

  it('names the variable when the number is out of range or not a number, or the URL is not one', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(tuning, env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    expect(problems({ SAMPLE_RATIO: '1.5' })).toEqual(['SAMPLE_RATIO: must be at most 1']);
    expect(problems({ SAMPLE_RATIO: 'half' })).toEqual(['SAMPLE_RATIO: "half" is not a number']);
    expect(problems({ COLLECTOR_URL: 'collector port 4318' })).toEqual(['COLLECTOR_URL: "collector port 4318" is not a URL']);
  });
});

describe('describeConfig', () => {
  it('documents each variable with its default, marking required and unset ones', () => {
    const rows = describeConfig(definition);
    expect(rows).toHaveLength(Object.keys(definition).length);
    expect(rows).toContain('| `APP_PORT` | `4000` | HTTP port |');
    expect(rows).toContain('| `DATABASE_URL` | (required) | PostgreSQL connection string |');
    expect(rows).toContain('| `APP_ISSUER` | (unset) | Expected token issuer |');
    expect(rows).toContain('| `APP_ORIGINS` | `http://localhost:3000` | Allowed origins |');
  });

  it('never prints a secret default', () => {
    const rows = describeConfig(definition);
    const secretRow = rows.find((row) => row.startsWith('| `APP_SECRET` |'));
    // Documented as a placeholder in parentheses, never as the value itself.
    expect(secretRow).toMatch(/^\| `APP_SECRET` \| \([a-z ]+\) \| Signing secret \|$/);
    expect(rows.join('\n')).not.toContain('dev-only-secret');
  });

  it('prefers the documented default over the computed one', () => {
    const rows = describeConfig({ path: str('SUPERGRAPH_PATH', { description: 'SDL file', default: '/home/ci/repo/gateway/supergraph.graphql', defaultDoc: '`gateway/supergraph.graphql`' }) });
    expect(rows).toEqual(['| `SUPERGRAPH_PATH` | `gateway/supergraph.graphql` | SDL file |']);
  });
});
