import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, Node, parseDocument, stringify as stringifyYaml, visit } from 'yaml';
import { findJsonSyntaxError } from './json-syntax';
import {
  NormalizedTestCaseInput,
  PersonaFactInput,
  REQUIRED_TEST_CASE_FIELDS,
  TEST_CASE_FIELDS,
  TestCaseInput,
} from './test-case.input';
import { positionAt } from './text-position';
import { validateTestCaseInput } from './validate-test-case';

export type TestCaseFileFormat = 'JSON' | 'YAML' | 'CSV';

/** `row` is 1-based among the file's records, `line` 1-based in the file; null when the error is about the whole file. */
export type ImportError = { row: number | null; line: number | null; field: string | null; message: string };

export type ImportedRow = { line: number; row: number; value: NormalizedTestCaseInput };

export type ImportParseResult = { rows: ImportedRow[]; errors: ImportError[] };

export const MAX_IMPORT_RECORDS = 1000;
/** Past this many, one summary error stands for the rest: nobody reads ten thousand. */
export const MAX_REPORTED_IMPORT_ERRORS = 200;

export const NO_TEST_CASES_MESSAGE = 'the file contains no test cases';

// ---------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------

type ExportRecord = { [K in (typeof TEST_CASE_FIELDS)[number]]-?: Exclude<TestCaseInput[K], undefined> };

/** Serialises test cases with the input's field names, in TEST_CASE_FIELDS order; the result imports back unchanged. */
export function exportTestCases(cases: TestCaseInput[], format: TestCaseFileFormat): string {
  const records = cases.map(toExportRecord);
  switch (format) {
    case 'JSON':
      return `${JSON.stringify(records, null, 2)}\n`;
    case 'YAML':
      return stringifyYaml(records, { lineWidth: 0 });
    case 'CSV':
      return stringifyCsv([[...TEST_CASE_FIELDS], ...records.map(toCsvRow)], {
        record_delimiter: '\r\n',
        // With a CRLF record delimiter the library leaves a bare LF or CR unquoted, which other
        // readers take as a line break; quoting edge whitespace keeps spreadsheet tools from trimming it.
        quoted_match: /[\r\n]|^\s|\s$/,
      });
  }
}

function toExportRecord(input: TestCaseInput): ExportRecord {
  return {
    name: input.name,
    toneOfVoice: input.toneOfVoice,
    behaviour: input.behaviour,
    personaFacts: (input.personaFacts ?? []).map(({ name, value }) => ({ name, value })),
    successCriteria: input.successCriteria,
    language: input.language ?? null,
    agentCriteria: input.agentCriteria ?? null,
    type: input.type ?? null,
    intent: input.intent ?? null,
  };
}

function toCsvRow(record: ExportRecord): string[] {
  return TEST_CASE_FIELDS.map((field) => {
    if (field === 'personaFacts') return record.personaFacts.length ? JSON.stringify(record.personaFacts) : '';
    return record[field] ?? '';
  });
}

// ---------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------

/**
 * A record read from a file before validation; `errors` are problems the file format itself
 * found in it, and a record without a `value` could not be read far enough to validate.
 */
type RawRecord = { line: number; value?: unknown; errors?: ImportError[] };
type ReadResult = { records: RawRecord[] } | { errors: ImportError[] };

const fileError = (message: string, line: number | null = null): ImportError => ({ row: null, line, field: null, message });

/**
 * Reads an import file and validates every record. Returns the valid rows and every error
 * found; the caller decides what a partly bad file means (the API imports nothing then).
 */
export function parseTestCaseImport(format: TestCaseFileFormat, content: string): ImportParseResult {
  const text = content.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { rows: [], errors: [fileError(NO_TEST_CASES_MESSAGE)] };

  const read = format === 'CSV' ? readCsv(text) : format === 'YAML' ? readYaml(text) : readJson(text);
  if ('errors' in read) return { rows: [], errors: capErrors(read.errors) };
  if (read.records.length === 0) return { rows: [], errors: [fileError(NO_TEST_CASES_MESSAGE)] };
  if (read.records.length > MAX_IMPORT_RECORDS) {
    return {
      rows: [],
      errors: [
        fileError(
          `the file contains ${read.records.length} test cases; at most ${MAX_IMPORT_RECORDS} can be imported at once, split it into smaller files`,
        ),
      ],
    };
  }

  const rows: ImportedRow[] = [];
  const errors: ImportError[] = [];
  read.records.forEach((record, index) => {
    const row = index + 1;
    const formatErrors = (record.errors ?? []).map((e) => ({ ...e, row }));
    errors.push(...formatErrors);
    if (!('value' in record)) return;
    const result = validateTestCaseInput(record.value);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ row, line: record.line, field: e.field || null, message: e.message })));
    } else if (formatErrors.length === 0) {
      rows.push({ line: record.line, row, value: result.value });
    }
  });
  return { rows, errors: capErrors(errors) };
}

function capErrors(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_REPORTED_IMPORT_ERRORS) return errors;
  const hidden = errors.length - MAX_REPORTED_IMPORT_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_IMPORT_ERRORS),
    fileError(`${hidden} more error${hidden === 1 ? '' : 's'} not shown; fix the ones above and import again`),
  ];
}

/** Accepts `[...]` or `{ "testCases": [...] }`; anything else at the top is an error. */
function unwrapList(top: unknown): { list: unknown[] } | { error: string } {
  const expected = 'expected a list of test cases, or an object with a "testCases" list';
  if (Array.isArray(top)) return { list: top };
  if (top === null || typeof top !== 'object') return { error: `${expected}; found ${top === null ? 'null' : typeof top}` };
  const keys = Object.keys(top);
  const extra = keys.filter((k) => k !== 'testCases');
  if (!keys.includes('testCases')) return { error: `${expected}; found an object without "testCases"` };
  if (extra.length) return { error: `unknown top-level field ${JSON.stringify(extra[0])} (only "testCases" is allowed)` };
  const list = (top as { testCases: unknown }).testCases;
  if (list === null || list === undefined) return { list: [] };
  return Array.isArray(list) ? { list } : { error: '"testCases" must be a list of test cases' };
}

// JSON ----------------------------------------------------------------------------------

function readJson(text: string): ReadResult {
  let top: unknown;
  try {
    top = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (!found) return { errors: [fileError(`invalid JSON: ${(error as Error).message}`)] };
    const { line, column } = positionAt(text, found.offset);
    return { errors: [fileError(`invalid JSON at line ${line}, column ${column}: ${found.message}`, line)] };
  }
  const unwrapped = unwrapList(top);
  if ('error' in unwrapped) return { errors: [fileError(unwrapped.error, 1)] };
  // JSON is YAML 1.2 flow syntax, so the YAML parser's node ranges give each record's line.
  // That parse is the slow part, so a file that will be refused for its size skips it.
  const lines = unwrapped.list.length <= MAX_IMPORT_RECORDS ? recordLines(text) : null;
  return { records: unwrapped.list.map((value, i) => ({ line: lines?.[i] ?? 1, value })) };
}

function recordLines(text: string): number[] | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const seq = listNode(doc.contents);
  if (doc.errors.length || !seq) return null;
  return seq.items.map((item) => lineCounter.linePos(nodeStart(item, 0)).line);
}

// YAML ----------------------------------------------------------------------------------

function readYaml(text: string): ReadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      errors: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return fileError(`invalid YAML at line ${line}, column ${col}: ${error.message.split('\n')[0]}`, line);
      }),
    };
  }
  keepPlainScalarsAsWritten(doc);
  let top: unknown;
  try {
    top = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return { errors: [fileError(`invalid YAML: ${(error as Error).message}`)] };
  }
  if (top === null || top === undefined) return { records: [] };
  const unwrapped = unwrapList(top);
  if ('error' in unwrapped) return { errors: [fileError(unwrapped.error, lineCounter.linePos(nodeStart(doc.contents, 0)).line)] };
  const seq = listNode(doc.contents);
  return {
    records: unwrapped.list.map((value, i) => ({
      line: lineCounter.linePos(nodeStart(seq?.items[i], 0)).line,
      value,
    })),
  };
}

/**
 * Every field is text, so `value: 00123` or `name: yes` in hand-written YAML means the text
 * the user typed, not the number 123 or a boolean. Nulls stay null; quoted scalars are already text.
 */
function keepPlainScalarsAsWritten(doc: ReturnType<typeof parseDocument>): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && (typeof node.value === 'number' || typeof node.value === 'boolean') && node.source) {
        node.value = node.source;
      }
    },
  });
}

/** The sequence of records in `[...]` or `{testCases: [...]}`, if the document has that shape. */
function listNode(contents: unknown) {
  if (isSeq(contents)) return contents;
  if (isMap(contents)) {
    const pair = contents.items.find((p) => isScalar(p.key) && p.key.value === 'testCases');
    if (pair && isSeq(pair.value)) return pair.value;
  }
  return null;
}

function nodeStart(item: unknown, fallback: number): number {
  if (isNode(item) && item.range) return (item as Node).range![0];
  if (isPair(item) && isNode(item.key) && item.key.range) return item.key.range[0];
  return fallback;
}

// CSV -----------------------------------------------------------------------------------

type CsvError = Error & { code?: string; lines?: number; records?: number };

function readCsv(text: string): ReadResult {
  const scan = scanCsvRecordLines(text);
  if (scan.unclosedQuoteLine !== null) {
    return {
      errors: [
        fileError(
          `invalid CSV at line ${scan.unclosedQuoteLine}: a quoted cell is never closed (a cell that starts with " must end with ")`,
          scan.unclosedQuoteLine,
        ),
      ],
    };
  }
  let table: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse returns { record, info } objects; its typings only know string[][].
    table = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof table;
  } catch (error) {
    const e = error as CsvError;
    const line = (e.records !== undefined ? scan.starts[e.records] : undefined) ?? e.lines ?? null;
    return { errors: [fileError(`invalid CSV${line ? ` at line ${line}` : ''}: ${describeCsvError(e)}`, line)] };
  }
  // The scanner's lines are exact; csv-parse counts a CRLF inside a quoted cell as two lines.
  const lineOf = (i: number) =>
    scan.starts.length === table.length ? scan.starts[i] : i === 0 ? 1 : table[i - 1].info.lines + 1;

  if (table.length === 0) return { records: [] };
  const header = readCsvHeader(table[0].record);
  if ('errors' in header) return { errors: header.errors.map((message) => fileError(message, lineOf(0))) };

  const records: RawRecord[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i].record;
    if (cells.every((cell) => cell.trim() === '')) continue;
    const line = lineOf(i);
    const extra = cells.slice(header.columns.length);
    if (cells.length < header.columns.length || extra.some((cell) => cell.trim() !== '')) {
      records.push({
        line,
        errors: [{ row: null, line, field: null, message: `this row has ${cells.length} cells but the header has ${header.columns.length} columns` }],
      });
      continue;
    }
    records.push(csvRecord(header.columns, cells, line));
  }
  return { records };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside a cell that is not quoted (quote the whole cell and double the quotes inside it: "say ""hi""")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unexpected text after a closing quote (quotes inside a quoted cell must be doubled: "")';
    default:
      return error.message;
  }
}

function readCsvHeader(cells: string[]): { columns: string[] } | { errors: string[] } {
  const known = new Map<string, string>(TEST_CASE_FIELDS.map((f) => [f.toLowerCase(), f]));
  const names = cells.map((cell) => cell.trim());
  // Spreadsheets often save trailing empty columns; their cells are checked to be empty per row.
  while (names.length && names[names.length - 1] === '') names.pop();
  const columns = names.map((name) => known.get(name.toLowerCase()) ?? name);
  const list = (items: readonly string[]) => items.map((n) => JSON.stringify(n)).join(', ');
  const plural = (items: readonly unknown[]) => (items.length > 1 ? 's' : '');

  const missing = REQUIRED_TEST_CASE_FIELDS.filter((f) => !columns.includes(f));
  const unknown = columns.filter((c) => c !== '' && !known.has(c.toLowerCase()));
  const unnamed = columns.flatMap((c, i) => (c === '' ? [i + 1] : []));
  const repeated = [...new Set(columns.filter((c, i) => c !== '' && columns.indexOf(c) !== i))];
  const errors: string[] = [];
  if (missing.length) errors.push(`the header row is missing the required column${plural(missing)} ${list(missing)}`);
  if (unknown.length) errors.push(`unknown column${plural(unknown)} ${list(unknown)} in the header row`);
  if (unnamed.length) errors.push(`column${plural(unnamed)} ${unnamed.join(', ')} of the header row ha${unnamed.length > 1 ? 've' : 's'} no name`);
  if (repeated.length) errors.push(`the header row repeats the column${plural(repeated)} ${list(repeated)}`);
  if (missing.length || unknown.length) {
    errors.push(`the first row must name the columns: ${TEST_CASE_FIELDS.join(', ')} (name, toneOfVoice, behaviour and successCriteria are required)`);
  }
  return errors.length ? { errors } : { columns };
}

function csvRecord(columns: string[], cells: string[], line: number): RawRecord {
  const value: Record<string, unknown> = {};
  const errors: ImportError[] = [];
  columns.forEach((column, i) => {
    if (column !== 'personaFacts') {
      value[column] = cells[i];
      return;
    }
    const facts = parsePersonaFactsCell(cells[i]);
    if ('error' in facts) errors.push({ row: null, line, field: 'personaFacts', message: facts.error });
    else value.personaFacts = facts.value;
  });
  return { line, value, errors };
}

/** A personaFacts cell: a JSON list of {name, value}, or `name=value; name2=value2`. */
export function parsePersonaFactsCell(cell: string): { value: unknown } | { error: string } {
  const text = cell.trim();
  if (text === '') return { value: undefined };
  if (text.startsWith('[')) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { error: 'personaFacts starts with "[" but is not a valid JSON list of {"name": ..., "value": ...} objects' };
    }
  }
  const facts: PersonaFactInput[] = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      return {
        error: `personaFacts entry ${JSON.stringify(part.trim())} is not in the form name=value (separate facts with ";", or use a JSON list)`,
      };
    }
    facts.push({ name: part.slice(0, eq), value: part.slice(eq + 1) });
  }
  return { value: facts };
}

/**
 * The line each CSV record starts on, counting line breaks inside quoted cells, and the
 * line of a quote that is never closed. Empty lines are skipped, as the parser skips them.
 * A quote only opens a quoted cell at the start of a cell; elsewhere the parser rejects it.
 */
export function scanCsvRecordLines(text: string): { starts: number[]; unclosedQuoteLine: number | null } {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let quoteLine = 0;
  let atRecordStart = true;
  let atCellStart = true;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    const lineBreak = c === '\n' || c === '\r';
    if (atRecordStart && !lineBreak) {
      starts.push(line);
      atRecordStart = false;
    }
    if (lineBreak) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      if (!inQuotes) atRecordStart = atCellStart = true;
    } else if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') inQuotes = false;
    } else if (c === '"' && atCellStart) {
      inQuotes = true;
      quoteLine = line;
    } else {
      atCellStart = c === ',';
    }
  }
  return { starts, unclosedQuoteLine: inQuotes ? quoteLine : null };
}
