import { chunkDocument, htmlToText, MAX_CHUNK_LENGTH } from './chunk-document';

const paragraph = (word: string, sentences: number) => Array.from({ length: sentences }, (_, i) => `${word} sentence ${i} is here.`).join(' ');

describe('chunkDocument', () => {
  it('keeps a short text as one chunk', () => {
    expect(chunkDocument('TEXT', 'Returns are free within 30 days.')).toEqual(['Returns are free within 30 days.']);
  });

  it('packs paragraphs up to the maximum and never exceeds it', () => {
    const text = Array.from({ length: 12 }, (_, i) => paragraph(`p${i}`, 5)).join('\n\n');
    const chunks = chunkDocument('TEXT', text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(MAX_CHUNK_LENGTH);
    // Nothing is lost: every paragraph's first sentence appears in some chunk.
    for (let i = 0; i < 12; i++) expect(chunks.some((c) => c.includes(`p${i} sentence 0`))).toBe(true);
  });

  it('cuts an over-long paragraph at sentence ends', () => {
    const chunks = chunkDocument('TEXT', paragraph('long', 60));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(MAX_CHUNK_LENGTH);
      expect(chunk.endsWith('.')).toBe(true);
    }
  });

  it('starts a chunk at each Markdown heading and keeps the heading with its text', () => {
    const md = '# Returns\n\nFree within **30 days**.\n\n## Refunds\n\nRefunds take 5 days.\n\n- card\n- PayPal';
    expect(chunkDocument('MARKDOWN', md)).toEqual(['# Returns\n\nFree within **30 days**.', '## Refunds\n\nRefunds take 5 days.\n\n- card\n- PayPal']);
  });

  it('repeats the heading on every chunk of a long section', () => {
    const md = `## Shipping\n\n${Array.from({ length: 6 }, (_, i) => paragraph(`s${i}`, 6)).join('\n\n')}`;
    const chunks = chunkDocument('MARKDOWN', md);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.startsWith('## Shipping\n\n')).toBe(true);
  });

  it('does not treat # lines as headings in plain text', () => {
    expect(chunkDocument('TEXT', '#1 tip: keep the receipt')).toEqual(['#1 tip: keep the receipt']);
  });

  it('strips HTML to readable text with headings and list items', () => {
    const html = `<html><head><title>x</title><style>p{color:red}</style></head><body>
      <h1>Returns</h1><p>Free within <b>30&nbsp;days</b> &amp; no questions.</p><script>alert(1)</script>
      <h2>How</h2><ul><li>Print the label</li><li>Drop it off</li></ul><!-- hidden --></body></html>`;
    expect(htmlToText(html)).toBe('# Returns\n\nFree within 30 days & no questions.\n\n## How\n\n- Print the label\n- Drop it off');
    expect(chunkDocument('HTML', html)).toEqual(['# Returns\n\nFree within 30 days & no questions.', '## How\n\n- Print the label\n- Drop it off']);
  });

  it('returns nothing for markup without text', () => {
    expect(chunkDocument('HTML', '<div><br/></div>')).toEqual([]);
  });
});
