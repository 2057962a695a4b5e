import type { DocumentFormat } from '../entities';

/** Small enough for several chunks to fit in one generation prompt, big enough to keep a topic together. */
export const MAX_CHUNK_LENGTH = 800;

/**
 * Splits a document into readable chunks of at most MAX_CHUNK_LENGTH characters: a heading
 * starts a new chunk (and is repeated on the section's later chunks, so each chunk says
 * what it is about), paragraphs are packed together, and a paragraph that is too long is
 * cut at sentence, then word, boundaries.
 */
export function chunkDocument(format: DocumentFormat, content: string): string[] {
  const text = format === 'HTML' ? htmlToText(content) : normaliseLineBreaks(content);
  const chunks: string[] = [];
  for (const section of sections(text, format !== 'TEXT')) {
    chunks.push(...packSection(section.heading, section.paragraphs));
  }
  return chunks;
}

type Section = { heading: string | null; paragraphs: string[] };

/** Markdown-style `#` headings open sections; HTML headings were turned into them. */
function sections(text: string, hasHeadings: boolean): Section[] {
  const result: Section[] = [{ heading: null, paragraphs: [] }];
  let paragraph: string[] = [];
  const endParagraph = () => {
    const joined = paragraph.join('\n').trim();
    if (joined) result[result.length - 1].paragraphs.push(joined);
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (hasHeadings && /^#{1,6}\s+\S/.test(line)) {
      endParagraph();
      result.push({ heading: line.trim(), paragraphs: [] });
    } else if (line.trim() === '') {
      endParagraph();
    } else {
      paragraph.push(line.trimEnd());
    }
  }
  endParagraph();
  return result.filter((s) => s.heading !== null || s.paragraphs.length > 0);
}

function packSection(heading: string | null, paragraphs: string[]): string[] {
  const prefix = heading ? `${heading.slice(0, MAX_CHUNK_LENGTH / 4)}\n\n` : '';
  const room = MAX_CHUNK_LENGTH - prefix.length;
  if (paragraphs.length === 0) return heading ? [heading.slice(0, MAX_CHUNK_LENGTH)] : [];
  const pieces = paragraphs.flatMap((p) => (p.length <= room ? [p] : splitLong(p, room)));
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + 2 + piece.length > room) {
      chunks.push(prefix + current);
      current = '';
    }
    current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) chunks.push(prefix + current);
  return chunks;
}

/** Cuts at sentence ends where possible, else at spaces, else anywhere. */
function splitLong(paragraph: string, room: number): string[] {
  const parts: string[] = [];
  let rest = paragraph;
  while (rest.length > room) {
    const window = rest.slice(0, room + 1);
    const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '), window.lastIndexOf('\n'));
    const space = window.lastIndexOf(' ');
    const cut = sentenceEnd > room / 3 ? sentenceEnd + 1 : space > room / 3 ? space : room;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Plain text from HTML, good enough for help-centre pages: scripts, styles and comments go,
 * headings become `#` lines, block elements and list items become paragraphs and lines.
 */
export function htmlToText(html: string): string {
  const text = normaliseLineBreaks(html)
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_m, level: string, inner: string) => `\n\n${'#'.repeat(Number(level))} ${inner}\n\n`)
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|section|article|ul|ol|table|blockquote|pre|header|footer|main|nav|aside|form|fieldset|dl)\b[^>]*>/gi, '\n\n')
    .replace(/<\/?(tr|dt|dd)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, ' \t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(match: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return ENTITIES[name.toLowerCase()] ?? match;
}
