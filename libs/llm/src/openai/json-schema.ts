/**
 * The subset of JSON Schema that strict structured outputs accept, used twice: sent to the
 * model as `response_format`, and to check the answer (a local server without structured
 * output support may still answer free-form).
 */
export type JsonSchema =
  | { type: 'string' | ['string', 'null']; enum?: string[]; description?: string }
  | { type: 'number' | 'integer' | 'boolean'; description?: string }
  | { type: 'array'; items: JsonSchema; description?: string }
  | {
      type: 'object';
      properties: Record<string, JsonSchema>;
      required: string[];
      additionalProperties: false;
      description?: string;
    };

/** Problems with `value` against `schema`, as `path: problem`; empty when it conforms. */
export function validateJson(schema: JsonSchema, value: unknown, path = '$'): string[] {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      const record = value as Record<string, unknown>;
      const problems = schema.required.filter((key) => !(key in record)).map((key) => `${path}.${key}: missing`);
      for (const [key, child] of Object.entries(schema.properties)) {
        if (key in record) problems.push(...validateJson(child, record[key], `${path}.${key}`));
      }
      return problems;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((item, i) => validateJson(schema.items, item, `${path}[${i}]`));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected a number`];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
    default: {
      const nullable = Array.isArray(schema.type);
      if (value === null) return nullable ? [] : [`${path}: must not be null`];
      if (typeof value !== 'string') return [`${path}: expected a string`];
      if (schema.enum && !schema.enum.includes(value)) return [`${path}: must be one of ${schema.enum.join(', ')}`];
      return [];
    }
  }
}
