export type TextPosition = { line: number; column: number };

/**
 * 1-based line and column of a UTF-16 offset. Line breaks are `\n`, `\r\n` and a lone `\r`,
 * matching what the CSV record scanner counts.
 */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
