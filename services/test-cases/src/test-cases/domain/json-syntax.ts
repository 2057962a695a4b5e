/**
 * Finds where JSON text stops being valid JSON. V8's `JSON.parse` errors often carry no
 * position at all ("Unexpected token '}', ... is not valid JSON"), and a user fixing an
 * import file needs the line and column. Only called after `JSON.parse` has failed.
 */
export type JsonSyntaxError = { offset: number; message: string };

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

type Expecting = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'separator';

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const stack: ('array' | 'object')[] = [];
  let expecting: Expecting = 'value';
  const fail = (message: string): JsonSyntaxError => ({
    offset: i,
    message: i >= text.length ? `unexpected end of input: ${message}` : `${message}, found ${quote(text, i)}`,
  });

  for (;;) {
    while (i < text.length && WHITESPACE.has(text[i])) i++;
    const c = text[i];
    const top = stack[stack.length - 1];

    if (expecting === 'separator') {
      if (!top) return i < text.length ? fail('unexpected text after the end of the JSON value') : null;
      if (c === ',') {
        i++;
        expecting = top === 'array' ? 'value' : 'key';
      } else if (c === (top === 'array' ? ']' : '}')) {
        i++;
        stack.pop();
      } else {
        return fail(top === 'array' ? 'expected "," or "]" after a list element' : 'expected "," or "}" after a property value');
      }
      continue;
    }

    if (expecting === 'key' || expecting === 'keyOrClose') {
      if (expecting === 'keyOrClose' && c === '}') {
        i++;
        stack.pop();
        expecting = 'separator';
        continue;
      }
      if (c !== '"') return fail('expected a double-quoted property name');
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      while (i < text.length && WHITESPACE.has(text[i])) i++;
      if (text[i] !== ':') return fail('expected ":" after a property name');
      i++;
      expecting = 'value';
      continue;
    }

    if (expecting === 'valueOrClose' && c === ']') {
      i++;
      stack.pop();
      expecting = 'separator';
    } else if (c === '{' || c === '[') {
      i++;
      stack.push(c === '{' ? 'object' : 'array');
      expecting = c === '{' ? 'keyOrClose' : 'valueOrClose';
    } else {
      const end = c === '"' ? scanString(text, i) : scanLiteralOrNumber(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expecting = 'separator';
    }
  }
}

function scanString(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          return { offset: i, message: 'invalid \\u escape in a string (expected 4 hex digits)' };
        }
        i += 6;
        continue;
      }
      if (e === undefined) break;
      if (!ESCAPES.has(e)) return { offset: i, message: `invalid escape "\\${e}" in a string` };
      i += 2;
      continue;
    }
    if (c.charCodeAt(0) < 0x20) {
      return { offset: i, message: 'control character (such as a raw line break or tab) inside a string; escape it as \\n or \\t' };
    }
    i++;
  }
  return { offset: start, message: 'unterminated string (missing closing ")' };
}

function scanLiteralOrNumber(text: string, start: number): number | JsonSyntaxError {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, start)) return start + literal.length;
  }
  const number = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 400));
  if (number && number[0] !== '-' && number[0] !== '') {
    const end = start + number[0].length;
    if (/^[0-9.eE+-]/.test(text[end] ?? '')) return { offset: end, message: `invalid number, found ${quote(text, end)}` };
    return end;
  }
  if (start >= text.length) return { offset: start, message: 'unexpected end of input: expected a value' };
  return { offset: start, message: `expected a value (a string, number, object, list, true, false or null), found ${quote(text, start)}` };
}

function quote(text: string, at: number): string {
  const word = /^[A-Za-z0-9_]+/.exec(text.slice(at, at + 20))?.[0] ?? String.fromCodePoint(text.codePointAt(at)!);
  return word.includes('"') ? `'${word}'` : JSON.stringify(word);
}
