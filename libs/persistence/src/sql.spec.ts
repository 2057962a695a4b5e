import { inlineParameters, sqlLiteral, toPostgresText } from './sql';

describe('SQL literals', () => {
  it('quotes like quote_literal: doubled quotes, and the E form with doubled backslashes', () => {
    expect(sqlLiteral("o'brien")).toBe("'o''brien'");
    expect(sqlLiteral('a\\b')).toBe("E'a\\\\b'");
    expect(() => sqlLiteral('nul\0')).toThrow(/NUL/);
  });

  it('writes parameters as node-postgres sends them', () => {
    expect(toPostgresText(null)).toBeNull();
    expect(toPostgresText(12.5)).toBe('12.5');
    expect(toPostgresText(true)).toBe('true');
    expect(toPostgresText(new Date('2026-11-25T01:02:03.004Z'))).toBe('2026-11-25T01:02:03.004Z');
    expect(toPostgresText(Buffer.from([0, 255]))).toBe('\\x00ff');
    expect(toPostgresText({ a: [1] })).toBe('{"a":[1]}');
    expect(toPostgresText(['x', null, 'say "hi" \\ bye'])).toBe('{"x",NULL,"say \\"hi\\" \\\\ bye"}');
  });

  it('writes every $n in once, never a value into another', () => {
    expect(inlineParameters('SELECT $1, $2::int, $10', ['$2', 7, null, 0, 0, 0, 0, 0, 0, "it's"])).toBe("SELECT '$2', '7'::int, 'it''s'");
    expect(inlineParameters('UPDATE t SET a = $1', [null])).toBe('UPDATE t SET a = NULL');
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/\$2/);
    const bytes = Buffer.from([0, 39, 92, 255]);
    expect(inlineParameters('SELECT $1::bytea', [bytes])).toBe(`SELECT ${sqlLiteral(toPostgresText(bytes)!)}::bytea`);
    expect(inlineParameters('SELECT $1::bytea', [bytes.subarray(1, 3)])).toBe("SELECT E'\\\\x275c'::bytea");
  });
});
