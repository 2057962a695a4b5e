import { parse as parseCsv } from 'csv-parse/sync';
import { isNode, isSeq, LineCounter, parseDocument, visit } from 'yaml';

export type ImportFileFormat = 'JSON' | 'YAML' | 'CSV';

/** `row` is 1-based among the file's records, `line` 1-based in the file; null when the error is about the whole file. */
export type ImportError = { row: number | null; line: number | null; field: string | null; message: string };

/** One record of an import file before validation, with the line it starts on. */
export type RawRecord = { row: number; line: number; value: unknown };

export type ReadResult = { ok: true; records: RawRecord[] } | { ok: false; errors: ImportError[] };

/** Past this many, one summary error stands for the rest. */
export const MAX_REPORTED_IMPORT_ERRORS = 200;

export const fileError = (message: string, line: number | null = null): ImportError => ({ row: null, line, field: null, message });

/**
 * Reads a JSON or YAML list, or CSV with a header row, into records. CSV records are
 * objects of the header's column names to the cells' text; callers convert cells they
 * expect as numbers or lists. What a record must contain is the caller's business.
 */
export function readImportFile(format: ImportFileFormat, content: string, what: string): ReadResult {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, errors: [fileError(`the file contains no ${what}`)] };
  const read = format === 'CSV' ? readCsv(text) : readYamlOrJson(text, format, what);
  if (read.ok && read.records.length === 0) return { ok: false, errors: [fileError(`the file contains no ${what}`)] };
  return read;
}

export function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_REPORTED_IMPORT_ERRORS) return errors;
  const hidden = errors.length - MAX_REPORTED_IMPORT_ERRORS;
  return [...errors.slice(0, MAX_REPORTED_IMPORT_ERRORS), fileError(`${hidden} more errors not shown; fix the ones above and import again`)];
}

/** JSON is YAML 1.2 flow syntax, so one parser gives both formats the line of every record. */
function readYamlOrJson(text: string, format: 'JSON' | 'YAML', what: string): ReadResult {
  if (format === 'JSON') {
    try {
      JSON.parse(text);
    } catch (error) {
      return { ok: false, errors: [jsonError(text, error as Error)] };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return fileError(`invalid ${format} at line ${line}, column ${col}: ${error.message.split('\n')[0]}`, line);
      }),
    };
  }
  if (format === 'YAML') keepPlainScalarsAsWritten(doc);
  let top: unknown;
  try {
    top = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { ok: false, errors: [fileError(`invalid ${format}: ${(error as Error).message}`)] };
  }
  if (top === null || top === undefined) return { ok: true, records: [] };
  if (!Array.isArray(top) || !isSeq(doc.contents)) {
    return { ok: false, errors: [fileError(`expected a list of ${what}`, 1)] };
  }
  const items = doc.contents.items;
  return {
    ok: true,
    records: top.map((value: unknown, i) => {
      const node = items[i];
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      return { row: i + 1, line: lineCounter.linePos(offset).line, value };
    }),
  };
}

/** V8 names an offset in some JSON errors ("at position 12"); turn it into a line. */
function jsonError(text: string, error: Error): ImportError {
  const position = /position (\d+)/.exec(error.message);
  const line = position ? text.slice(0, Number(position[1])).split('\n').length : null;
  return fileError(`invalid JSON${line ? ` at line ${line}` : ''}: ${error.message}`, line);
}

/** Text fields keep what the user typed: `sku: 00123` is the text "00123", not the number 123. */
function keepPlainScalarsAsWritten(doc: ReturnType<typeof parseDocument>): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && (typeof node.value === 'number' || typeof node.value === 'boolean') && node.source) {
        node.value = node.source;
      }
    },
  });
}

function readCsv(text: string): ReadResult {
  let table: string[][];
  try {
    table = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const e = error as Error & { lines?: number };
    return { ok: false, errors: [fileError(`invalid CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, e.lines ?? null)] };
  }
  const starts = csvRecordStartLines(text);
  const header = (table[0] ?? []).map((cell) => cell.trim());
  while (header.length && header[header.length - 1] === '') header.pop();
  const repeated = header.find((name, i) => name !== '' && header.indexOf(name) !== i);
  if (header.length === 0 || header.includes('') || repeated) {
    const problem = repeated ? `repeats the column "${repeated}"` : 'must name every column';
    return { ok: false, errors: [fileError(`the first row ${problem}`, 1)] };
  }
  const records: RawRecord[] = [];
  const errors: ImportError[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    if (cells.every((cell) => cell.trim() === '')) continue;
    const line = starts[i] ?? i + 1;
    const row = records.length + errors.length + 1;
    if (cells.slice(header.length).some((cell) => cell.trim() !== '')) {
      errors.push({ row, line, field: null, message: `this row has ${cells.length} cells but the header has ${header.length} columns` });
      continue;
    }
    records.push({ row, line, value: Object.fromEntries(header.map((name, c) => [name, cells[c] ?? ''])) });
  }
  return errors.length ? { ok: false, errors } : { ok: true, records };
}

/**
 * The line each CSV record starts on, counting line breaks inside quoted cells
 * (csv-parse reports where records end, not where they start). Text has `\n` breaks only.
 */
export function csvRecordStartLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atRecordStart) {
      starts.push(line);
      atRecordStart = false;
    }
    if (c === '"') inQuotes = !inQuotes; // a doubled quote toggles twice
    else if (c === '\n') {
      line++;
      if (!inQuotes) atRecordStart = true;
    }
  }
  return starts;
}
