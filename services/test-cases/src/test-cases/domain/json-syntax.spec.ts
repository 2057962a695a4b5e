import { findJsonSyntaxError } from './json-syntax';

describe('findJsonSyntaxError', () => {
  it.each([
    '[]',
    '{}',
    ' \t\r\n[ 1 , -0.5e+10, 0, 1E3, "a\\"b\\\\c\\/d\\u00e9\\n", true, false, null, {"k": [{}]} ] \n',
    '"just a string"',
    '-12',
    '{"testCases": [{"name": "😀 \\ud83d\\ude00"}]}',
    JSON.stringify({ deep: Array.from({ length: 50 }, (_, i) => ({ i, s: `x${i}` })) }),
  ])('finds nothing wrong in the valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeNull();
  });

  it.each([
    ['', 0],
    ['[', 1],
    ['{"a" 1}', 5],
    ['{"a": 1 "b": 2}', 8],
    ['[1 2]', 3],
    ['[-]', 1],
    ['[1.]', 2],
    ['[.5]', 1],
    ['[+1]', 1],
    ['["\\u12"]', 2],
    ['[NaN]', 1],
    ['{"a": undefined}', 6],
    ['[true false]', 6],
    ['{"a":1}}', 7],
  ])('locates the error in %j at offset %i, where JSON.parse also fails', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ offset, message: expect.any(String) });
  });

  it('copes with very deep nesting without recursion', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
    expect(findJsonSyntaxError(text)).toEqual({ offset: text.length, message: 'unexpected end of input: expected "," or "]" after a list element' });
  });
});
