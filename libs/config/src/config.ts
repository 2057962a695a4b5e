/**
 * One validated, documented configuration class per process. A definition lists every
 * environment variable a process reads, so the README table, the Helm chart and the boot
 * check all come from the same place; a bad value stops the boot naming the variable.
 */
export interface VariableSpec<T> {
  env: string;
  description: string;
  /** Used when the variable is unset; a spec without default is required. */
  default?: T;
  /** Kept out of logs and printed docs. */
  secret?: boolean;
  parse(raw: string): T;
  /** Shown in docs when the default is computed or long. */
  defaultDoc?: string;
}

export type ConfigDefinition = Record<string, VariableSpec<unknown>>;
export type ConfigOf<D extends ConfigDefinition> = { [K in keyof D]: D[K] extends VariableSpec<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<D extends ConfigDefinition>(
  definition: D,
  env: Record<string, string | undefined> = process.env,
): ConfigOf<D> {
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(definition)) {
    const raw = env[spec.env];
    if (raw === undefined || raw === '') {
      if (spec.default === undefined) problems.push(`${spec.env} is required: ${spec.description}`);
      else result[key] = spec.default;
      continue;
    }
    try {
      result[key] = spec.parse(raw);
    } catch (error) {
      problems.push(`${spec.env}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result as ConfigOf<D>;
}

type Options<T> = { description: string; default?: T; secret?: boolean; defaultDoc?: string };

export function str(env: string, options: Options<string>): VariableSpec<string> {
  return { env, ...options, parse: (raw) => raw };
}

export function optionalStr(env: string, options: Omit<Options<string>, 'default'>): VariableSpec<string | null> {
  return { env, ...options, default: null, parse: (raw) => raw };
}

export function int(env: string, options: Options<number> & { min?: number; max?: number }): VariableSpec<number> {
  return {
    env,
    ...options,
    parse(raw) {
      const value = Number(raw);
      if (!Number.isInteger(value)) throw new Error(`"${raw}" is not an integer`);
      if (options.min !== undefined && value < options.min) throw new Error(`must be at least ${options.min}`);
      if (options.max !== undefined && value > options.max) throw new Error(`must be at most ${options.max}`);
      return value;
    },
  };
}

/** A decimal number, e.g. a ratio between 0 and 1. */
export function float(env: string, options: Options<number> & { min?: number; max?: number }): VariableSpec<number> {
  return {
    env,
    ...options,
    parse(raw) {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`"${raw}" is not a number`);
      if (options.min !== undefined && value < options.min) throw new Error(`must be at least ${options.min}`);
      if (options.max !== undefined && value > options.max) throw new Error(`must be at most ${options.max}`);
      return value;
    },
  };
}

export function port(env: string, options: Options<number>): VariableSpec<number> {
  return int(env, { ...options, min: 1, max: 65535 });
}

export function bool(env: string, options: Options<boolean>): VariableSpec<boolean> {
  return {
    env,
    ...options,
    parse(raw) {
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new Error(`"${raw}" is not a boolean (use true or false)`);
    },
  };
}

export function oneOf<T extends string>(env: string, values: readonly T[], options: Options<T>): VariableSpec<T> {
  return {
    env,
    ...options,
    parse(raw) {
      if (!(values as readonly string[]).includes(raw)) throw new Error(`"${raw}" must be one of ${values.join(', ')}`);
      return raw as T;
    },
  };
}

export function list(env: string, options: Options<string[]>): VariableSpec<string[]> {
  return { env, ...options, parse: (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean) };
}

export function url(env: string, options: Options<string>): VariableSpec<string> {
  return {
    env,
    ...options,
    parse(raw) {
      try {
        new URL(raw);
      } catch {
        throw new Error(`"${raw}" is not a URL`);
      }
      return raw;
    },
  };
}

/** A URL that may be left unset (null): the feature it points to is then off. */
export function optionalUrl(env: string, options: Omit<Options<string>, 'default'>): VariableSpec<string | null> {
  const { parse } = url(env, { ...options });
  return { env, ...options, default: null, parse };
}

/** Markdown table rows for the README. */
export function describeConfig(definition: ConfigDefinition): string[] {
  return Object.values(definition).map((spec) => {
    const empty = spec.default === null || (Array.isArray(spec.default) && spec.default.length === 0);
    const def = spec.defaultDoc ?? (spec.default === undefined ? '(required)' : empty ? '(unset)' : spec.secret ? '(development value)' : `\`${String(spec.default)}\``);
    // A pipe would end the Markdown table cell.
    return `| \`${spec.env}\` | ${def.replace(/\|/g, '\\|')} | ${spec.description.replace(/\|/g, '\\|')} |`;
  });
}
