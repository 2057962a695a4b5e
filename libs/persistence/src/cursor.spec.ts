import { decodeCursor, encodeCursor } from './cursor';

describe('cursor', () => {
  const position = { createdAt: new Date('2025-03-04T05:06:07.089Z'), id: '3f1c2a9e-8b7d-4c6e-9f00-123456789abc' };

  it('round-trips a position through an opaque URL-safe token', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.id);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('keeps ids with any characters', () => {
    const odd = { createdAt: new Date(0), id: 'ünï/cödé+😀"' };
    expect(decodeCursor(encodeCursor(odd))).toEqual(odd);
  });

  it('refuses to encode an invalid date', () => {
    expect(() => encodeCursor({ createdAt: new Date('nope'), id: 'a' })).toThrow('createdAt must be a valid Date');
  });

  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['empty', ''],
    ['garbage', 'not a cursor!'],
    ['padded base64', `${encodeCursor(position)}=`],
    ['base64 that is not JSON', b64('hello')],
    ['JSON of the wrong shape', b64('{"createdAt":"2025-01-01T00:00:00.000Z","id":"a"}')],
    ['an unknown version', b64('[2,"2025-01-01T00:00:00.000Z","a"]')],
    ['an invalid date', b64('[1,"yesterday","a"]')],
    ['a non-canonical date', b64('[1,"2025-01-01","a"]')],
    ['an empty id', b64('[1,"2025-01-01T00:00:00.000Z",""]')],
    ['a numeric id', b64('[1,"2025-01-01T00:00:00.000Z",5]')],
    ['an oversized token', 'A'.repeat(5000)],
    ['a number', 42],
    ['null', null],
    ['an object', { toString: () => { throw new Error('boom'); } }],
  ])('returns null for %s', (_label, input) => {
    expect(decodeCursor(input)).toBeNull();
  });

  it('returns null for a truncated or altered token', () => {
    const cursor = encodeCursor(position);
    expect(decodeCursor(cursor.slice(0, -3))).toBeNull();
    expect(decodeCursor(`x${cursor}`)).toBeNull();
  });
});
