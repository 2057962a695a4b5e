import { parse as parseYaml } from 'yaml';
import { NormalizedTestCaseInput, TEST_CASE_FIELDS } from './test-case.input';
import {
  exportTestCases,
  MAX_IMPORT_RECORDS,
  MAX_REPORTED_IMPORT_ERRORS,
  NO_TEST_CASES_MESSAGE,
  parsePersonaFactsCell,
  parseTestCaseImport,
  scanCsvRecordLines,
  TestCaseFileFormat,
} from './test-case-io';

const FORMATS: TestCaseFileFormat[] = ['JSON', 'YAML', 'CSV'];
const HEADER = TEST_CASE_FIELDS.join(',');

const basic: NormalizedTestCaseInput = {
  name: 'Where is my order?',
  toneOfVoice: 'Polite but impatient',
  behaviour: 'Ask where the order is.',
  personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
  successCriteria: 'Gets a tracking link',
  language: 'en-GB',
  agentCriteria: 'Within 4 turns',
  type: 'Order Status',
  intent: 'Order Status :: WISMO',
};

const minimal: NormalizedTestCaseInput = {
  name: 'Minimal',
  toneOfVoice: 'Calm',
  behaviour: 'Say hello',
  personaFacts: [],
  successCriteria: 'Greeted back',
  language: null,
  agentCriteria: null,
  type: null,
  intent: null,
};

/** Content that breaks naive CSV, YAML or JSON writers; already normalised, so it must come back identical. */
const tricky: NormalizedTestCaseInput[] = [
  {
    name: '=HYPERLINK("http://evil.example") , "quoted", \'single\'',
    toneOfVoice: '+1 -1 @sum',
    behaviour: 'Line 1\nLine 2\r\nLine 3\rLine 4\n\n   indented line\twith tab\n- looks like a list\n# looks like a comment',
    personaFacts: [
      { name: 'emoji 😀', value: '日本語, ümlaut, عربى' },
      { name: 'eq=sign; semi', value: '[not json' },
      { name: 'quote"name', value: '"fully quoted"' },
    ],
    successCriteria: 'key: value # not a comment',
    language: 'pt-BR',
    agentCriteria: null,
    type: 'yes',
    intent: '00123',
  },
  {
    name: 'null',
    toneOfVoice: 'true',
    behaviour: '~',
    personaFacts: [{ name: 'n', value: '1e3' }],
    successCriteria: '"',
    language: null,
    agentCriteria: '[]',
    type: '{}',
    intent: null,
  },
  {
    name: 'Ünïcödé 🚀 name with 👩‍👩‍👧 family',
    toneOfVoice: ',',
    behaviour: 'ends with a quote"',
    personaFacts: [],
    successCriteria: 'a,b,"c"\n"d",e',
    language: null,
    agentCriteria: null,
    type: null,
    intent: 'tab\tseparated',
  },
  minimal,
];

function values(format: TestCaseFileFormat, content: string) {
  const result = parseTestCaseImport(format, content);
  expect(result.errors).toEqual([]);
  return result.rows.map((r) => r.value);
}

describe('exportTestCases', () => {
  it('writes JSON as a pretty-printed array with the input field names in order', () => {
    const json = exportTestCases([basic, { ...minimal, personaFacts: undefined, language: undefined }], 'JSON');
    const parsed = JSON.parse(json);
    expect(parsed).toEqual([basic, minimal]);
    expect(Object.keys(parsed[0])).toEqual(TEST_CASE_FIELDS);
    expect(json).toContain('\n  {\n    "name": "Where is my order?",\n    "toneOfVoice"');
  });

  it('writes YAML as a sequence of mappings', () => {
    const yaml = exportTestCases([basic, minimal], 'YAML');
    expect(yaml.startsWith('- name: Where is my order?\n')).toBe(true);
    const parsed = parseYaml(yaml);
    expect(parsed).toEqual([basic, minimal]);
    expect(Object.keys(parsed[1])).toEqual(TEST_CASE_FIELDS);
  });

  it('writes CSV with a header row, compact JSON persona facts and empty cells for nulls', () => {
    const csv = exportTestCases([basic, minimal], 'CSV');
    expect(csv.split('\r\n')).toEqual([
      HEADER,
      'Where is my order?,Polite but impatient,Ask where the order is.,"[{""name"":""order_number"",""value"":""DG-882341""}]",' +
        'Gets a tracking link,en-GB,Within 4 turns,Order Status,Order Status :: WISMO',
      'Minimal,Calm,Say hello,,Greeted back,,,,',
      '',
    ]);
  });

  it('quotes CSV cells per RFC 4180', () => {
    const csv = exportTestCases([{ ...minimal, name: 'a,b', toneOfVoice: 'say "hi"', behaviour: 'x\ny', type: 'a\rb' }], 'CSV');
    expect(csv.split('\r\n')[1]).toBe('"a,b","say ""hi""","x\ny",,Greeted back,,,"a\rb",');
  });

  it.each(FORMATS)('exports an empty list in %s so that it reads as "no test cases"', (format) => {
    const content = exportTestCases([], format);
    expect(parseTestCaseImport(format, content).errors).toEqual([{ row: null, line: null, field: null, message: NO_TEST_CASES_MESSAGE }]);
  });
});

describe('round trip', () => {
  it.each(FORMATS)('imports a %s export back unchanged, tricky content included', (format) => {
    const content = exportTestCases(tricky, format);
    expect(values(format, content)).toEqual(tricky);
    // A second trip changes nothing either.
    expect(exportTestCases(values(format, content), format)).toBe(content);
  });

  it.each(FORMATS)('reports in %s the line where each record starts', (format) => {
    const content = exportTestCases(tricky, format);
    const lines = content.split(/\r\n|\n|\r/);
    const rows = parseTestCaseImport(format, content).rows;
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    rows.forEach(({ line, value }) => {
      const first = lines[line - 1];
      if (format === 'JSON') expect(first.trim()).toBe('{');
      if (format === 'YAML') expect(first.startsWith(`- name: ${value.name === 'null' ? '"null"' : value.name.slice(0, 5)}`)).toBe(true);
      if (format === 'CSV') expect(first.startsWith(value.name.includes(',') ? '"' : value.name.slice(0, 3))).toBe(true);
    });
  });
});

describe('parseTestCaseImport', () => {
  describe('any format', () => {
    it.each<[TestCaseFileFormat, string]>([
      ['JSON', ''],
      ['JSON', '  \n '],
      ['JSON', '[]'],
      ['JSON', '{"testCases": []}'],
      ['YAML', ''],
      ['YAML', '[]'],
      ['YAML', '# only a comment\n'],
      ['YAML', 'testCases:\n'],
      ['CSV', ''],
      ['CSV', `${HEADER}\r\n`],
      ['CSV', `${HEADER}\n,,,,,,,,\n\n`],
    ])('says a %s file %j contains no test cases', (format, content) => {
      expect(parseTestCaseImport(format, content)).toEqual({
        rows: [],
        errors: [{ row: null, line: null, field: null, message: NO_TEST_CASES_MESSAGE }],
      });
    });

    it.each(FORMATS)('refuses more than the maximum number of records in %s', (format) => {
      const content = exportTestCases(Array.from({ length: MAX_IMPORT_RECORDS + 1 }, (_, i) => ({ ...minimal, name: `case ${i}` })), format);
      const result = parseTestCaseImport(format, content);
      expect(result.rows).toEqual([]);
      expect(result.errors).toEqual([
        expect.objectContaining({ row: null, message: expect.stringContaining(`at most ${MAX_IMPORT_RECORDS} can be imported`) }),
      ]);
    });

    it.each(FORMATS)('accepts exactly the maximum number of records in %s', (format) => {
      const content = exportTestCases(Array.from({ length: MAX_IMPORT_RECORDS }, (_, i) => ({ ...minimal, name: `case ${i}` })), format);
      expect(parseTestCaseImport(format, content).rows).toHaveLength(MAX_IMPORT_RECORDS);
    });

    it.each(FORMATS)('ignores a byte order mark in %s', (format) => {
      expect(values(format, `\uFEFF${exportTestCases([basic], format)}`)).toEqual([basic]);
    });

    it('stops listing errors after a limit and says how many were left out', () => {
      const bad = Array.from({ length: 300 }, () => ({ name: '' }));
      const errors = parseTestCaseImport('JSON', JSON.stringify(bad)).errors;
      expect(errors).toHaveLength(MAX_REPORTED_IMPORT_ERRORS + 1);
      expect(errors[MAX_REPORTED_IMPORT_ERRORS].message).toBe(`${300 * 4 - MAX_REPORTED_IMPORT_ERRORS} more errors not shown; fix the ones above and import again`);
    });
  });

  describe('JSON', () => {
    it('accepts an object with a "testCases" list', () => {
      expect(values('JSON', JSON.stringify({ testCases: [basic] }))).toEqual([basic]);
    });

    it('reports each invalid record with its row, line and field', () => {
      const content = '[\n  {"name": "ok", "toneOfVoice": "t", "behaviour": "b", "successCriteria": "s"},\n' +
        '  {\n    "name": 5,\n    "toneOfVoice": "t", "behaviour": "b", "successCriteria": "s", "language": "english"\n  }\n]';
      const result = parseTestCaseImport('JSON', content);
      expect(result.rows).toEqual([{ row: 1, line: 2, value: expect.objectContaining({ name: 'ok' }) }]);
      expect(result.errors).toEqual([
        { row: 2, line: 3, field: 'name', message: 'name must be a string, got a number (5)' },
        { row: 2, line: 3, field: 'language', message: expect.stringContaining('language "english" is not a valid BCP 47 language tag') },
      ]);
    });

    it.each([
      ['[\n  {"name": "a",}\n]', 2, 16, 'expected a double-quoted property name, found "}"'],
      ['[\n  {"name": tru}\n]', 2, 12, 'expected a value (a string, number, object, list, true, false or null), found "tru"'],
      ['[\n  {"name": "a"\n   "toneOfVoice": "b"}\n]', 3, 4, `expected "," or "}" after a property value, found '"'`],
      ['[{"name": "a"}', 1, 15, 'unexpected end of input: expected "," or "]" after a list element'],
      ['[{"name": "line\nbreak"}]', 1, 16, 'control character (such as a raw line break or tab) inside a string; escape it as \\n or \\t'],
      ['[{"name": "\\x"}]', 1, 12, 'invalid escape "\\x" in a string'],
      ['[1, 2,]', 1, 7, 'expected a value (a string, number, object, list, true, false or null), found "]"'],
      ['[01]', 1, 3, 'invalid number, found "1"'],
      ["[{'name': 'a'}]", 1, 3, 'expected a double-quoted property name, found "\'"'],
      ['[] []', 1, 4, 'unexpected text after the end of the JSON value, found "["'],
      ['[{"name": "unterminated}]', 1, 11, 'unterminated string (missing closing ")'],
    ])('reports malformed JSON %j with its line and column', (content, line, column, detail) => {
      expect(parseTestCaseImport('JSON', content)).toEqual({
        rows: [],
        errors: [{ row: null, line, field: null, message: `invalid JSON at line ${line}, column ${column}: ${detail}` }],
      });
    });

    it.each([
      ['{"name": "a"}', 'found an object without "testCases"'],
      ['"text"', 'found string'],
      ['null', 'found null'],
      ['{"testCases": {}}', '"testCases" must be a list of test cases'],
      ['{"testCases": [], "version": 2}', 'unknown top-level field "version"'],
    ])('rejects the top-level shape %s', (content, message) => {
      expect(parseTestCaseImport('JSON', content).errors).toEqual([
        { row: null, line: 1, field: null, message: expect.stringContaining(message) },
      ]);
    });

    it('keeps JSON types: a number is not text', () => {
      const content = JSON.stringify([{ ...minimal, personaFacts: [{ name: 'n', value: 123 }] }]);
      expect(parseTestCaseImport('JSON', content).errors).toEqual([
        { row: 1, line: 1, field: 'personaFacts[0].value', message: 'personaFacts[0].value must be a string, got a number (123)' },
      ]);
    });

    it('maps records to lines in tab-indented JSON', () => {
      const content = '{\n\t"testCases": [\n\t\t{"name": "a", "toneOfVoice": "t", "behaviour": "b", "successCriteria": "s"},\n\n\t\t{"name": "b", "toneOfVoice": "t", "behaviour": "b", "successCriteria": "s"}\n\t]\n}';
      expect(parseTestCaseImport('JSON', content).rows.map((r) => r.line)).toEqual([3, 5]);
    });
  });

  describe('YAML', () => {
    const yaml = [
      'testCases:',
      '  - name: First',
      '    toneOfVoice: Calm',
      '    behaviour: |',
      '      Say hello.',
      '      Then leave.',
      '    personaFacts:',
      '      - name: order_number',
      '        value: 00123',
      '      - { name: vip, value: yes }',
      '    successCriteria: Greeted',
      '    language: ~',
      '  - name: 2024',
      '    toneOfVoice: Calm',
      '    behaviour: b',
      '    successCriteria: s',
      '',
    ].join('\n');

    it('reads a testCases mapping, keeping plain scalars as the text written', () => {
      const result = parseTestCaseImport('YAML', yaml);
      expect(result.errors).toEqual([]);
      expect(result.rows).toEqual([
        {
          row: 1,
          line: 2,
          value: {
            ...minimal,
            name: 'First',
            behaviour: 'Say hello.\nThen leave.',
            personaFacts: [
              { name: 'order_number', value: '00123' },
              { name: 'vip', value: 'yes' },
            ],
            successCriteria: 'Greeted',
          },
        },
        { row: 2, line: 13, value: { ...minimal, name: '2024', behaviour: 'b', successCriteria: 's' } },
      ]);
    });

    it('reports each invalid record with its row, line and field', () => {
      const content = '- name: ok\n  toneOfVoice: t\n  behaviour: b\n  successCriteria: s\n- name: bad\n  toneOfVoice: t\n  personaFacts:\n    order: 1\n  successCriteria: s\n  colour: red\n';
      expect(parseTestCaseImport('YAML', content).errors).toEqual([
        { row: 2, line: 5, field: 'behaviour', message: 'behaviour is required' },
        { row: 2, line: 5, field: 'personaFacts', message: 'personaFacts must be a list of {name, value} objects, got an object' },
        { row: 2, line: 5, field: 'colour', message: 'unknown field "colour"' },
      ]);
    });

    it.each([
      // The parser notices an unclosed flow sequence or quote where the file ends.
      ['- name: a\n  toneOfVoice: [unclosed\n', 3],
      ['- name: a\n  name: b\n', 2],
      ['- name: a\n\t- b\n', 2],
      ['- name: "unterminated\n', 2],
      ['- a\n---\n- b\n', 2],
    ])('reports malformed YAML %j with its line', (content, line) => {
      const result = parseTestCaseImport('YAML', content);
      expect(result.rows).toEqual([]);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors[0]).toEqual({ row: null, line, field: null, message: expect.stringMatching(new RegExp(`^invalid YAML at line ${line}, column \\d+: .+`)) });
    });

    it('rejects a mapping without testCases and a scalar document', () => {
      expect(parseTestCaseImport('YAML', 'name: a\n').errors).toEqual([
        { row: null, line: 1, field: null, message: expect.stringContaining('without "testCases"') },
      ]);
      expect(parseTestCaseImport('YAML', 'just text\n').errors[0].message).toContain('expected a list of test cases');
    });

    it('stops an alias bomb', () => {
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 0; i < 8; i++) bomb.push(`${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10).fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`).join(',')}]`);
      const result = parseTestCaseImport('YAML', `${bomb.join('\n')}\ntestCases: *bbbbbbbb\n`);
      expect(result.rows).toEqual([]);
      expect(result.errors[0].message).toMatch(/^invalid YAML/);
    });

    it('reads JSON content too', () => {
      expect(values('YAML', exportTestCases([basic], 'JSON'))).toEqual([basic]);
    });
  });

  describe('CSV', () => {
    const row = (cells: string[]) => cells.join(',');

    it('accepts columns in any order and case, with optional columns left out', () => {
      const content = 'SuccessCriteria,name,behaviour, toneofvoice \nGreeted back,Minimal,Say hello,Calm\n';
      expect(values('CSV', content)).toEqual([minimal]);
    });

    it('accepts persona facts as name=value pairs', () => {
      const content = `name,toneOfVoice,behaviour,successCriteria,personaFacts\nn,t,b,s,order_number=DG-1; email = a@b.c ; formula==1+1;\n`;
      expect(values('CSV', content)[0].personaFacts).toEqual([
        { name: 'order_number', value: 'DG-1' },
        { name: 'email', value: 'a@b.c' },
        { name: 'formula', value: '=1+1' },
      ]);
    });

    it('reports a header without the required columns, naming them and any unknown ones', () => {
      expect(parseTestCaseImport('CSV', 'name,tone,behaviour\na,b,c\n').errors).toEqual([
        { row: null, line: 1, field: null, message: 'the header row is missing the required columns "toneOfVoice", "successCriteria"' },
        { row: null, line: 1, field: null, message: 'unknown column "tone" in the header row' },
        { row: null, line: 1, field: null, message: expect.stringContaining('the first row must name the columns: name, toneOfVoice') },
      ]);
    });

    it('reports repeated and unnamed columns', () => {
      expect(parseTestCaseImport('CSV', 'name,toneOfVoice,,behaviour,successCriteria,Name,NAME\na,b,,c,d,e,f\n').errors).toEqual([
        { row: null, line: 1, field: null, message: 'column 3 of the header row has no name' },
        { row: null, line: 1, field: null, message: 'the header row repeats the column "name"' },
      ]);
    });

    it('ignores trailing unnamed columns that hold no data', () => {
      const content = `${HEADER},,\nn,t,b,,s,,,,,,\nn2,t,b,,s,,,,,x,\n`;
      const result = parseTestCaseImport('CSV', content);
      expect(result.rows.map((r) => r.value.name)).toEqual(['n']);
      expect(result.errors).toEqual([{ row: 2, line: 3, field: null, message: 'this row has 11 cells but the header has 9 columns' }]);
    });

    it('reports an unclosed quote at the line where it opens', () => {
      const content = `${HEADER}\nok,t,b,,s,,,,\n"never closed,t,b,,s,,,,\nmore,t,b,,s,,,,\n`;
      expect(parseTestCaseImport('CSV', content).errors).toEqual([
        { row: null, line: 3, field: null, message: 'invalid CSV at line 3: a quoted cell is never closed (a cell that starts with " must end with ")' },
      ]);
    });

    it('reports a stray quote with its line, counting multi-line cells', () => {
      const content = `${HEADER}\r\n"multi\r\nline",t,b,,s,,,,\r\nbad "quote,t,b,,s,,,,\r\n`;
      expect(parseTestCaseImport('CSV', content).errors).toEqual([
        { row: null, line: 4, field: null, message: expect.stringMatching(/^invalid CSV at line 4: a quote appears inside a cell that is not quoted/) },
      ]);
      expect(parseTestCaseImport('CSV', `${HEADER}\n"a"b,t,b,,s,,,,\n`).errors).toEqual([
        { row: null, line: 2, field: null, message: expect.stringMatching(/^invalid CSV at line 2: unexpected text after a closing quote/) },
      ]);
    });

    it('reports rows with the wrong number of cells, and tolerates trailing empty cells', () => {
      const content = `${HEADER}\nshort,t,b\nok,t,b,,s,,,,,,\nlong,t,b,,s,,,,,extra\n`;
      const result = parseTestCaseImport('CSV', content);
      expect(result.errors).toEqual([
        { row: 1, line: 2, field: null, message: 'this row has 3 cells but the header has 9 columns' },
        { row: 3, line: 4, field: null, message: 'this row has 10 cells but the header has 9 columns' },
      ]);
      expect(result.rows).toEqual([{ row: 2, line: 3, value: expect.objectContaining({ name: 'ok' }) }]);
    });

    it('gives every field error the row and the line the record starts on, across CRLF multi-line cells', () => {
      const content = [
        HEADER,
        row(['"first\r\nspans\r\nthree lines"', 't', 'b', '', 's', '', '', '', '']),
        '',
        row(['second', 't', '', '', 's', 'english', '', '', '']),
        row(['', 't', 'b', '"a=1;a=2"', 's', '', '', '', '']),
      ].join('\r\n');
      const result = parseTestCaseImport('CSV', content);
      expect(result.rows).toEqual([{ row: 1, line: 2, value: expect.objectContaining({ name: 'first\r\nspans\r\nthree lines' }) }]);
      expect(result.errors).toEqual([
        { row: 2, line: 6, field: 'behaviour', message: 'behaviour is required' },
        { row: 2, line: 6, field: 'language', message: expect.stringContaining('language "english" is not a valid BCP 47 language tag') },
        { row: 3, line: 7, field: 'name', message: 'name is required' },
        { row: 3, line: 7, field: 'personaFacts[1].name', message: 'duplicate persona fact name "a" (already used by personaFacts[0])' },
      ]);
    });

    it('reports a malformed persona facts cell and still checks the other fields', () => {
      const content = `name,toneOfVoice,behaviour,successCriteria,personaFacts\nn,t,,s,"[{""name"": ""a"""\nn2,t,b,s,just text\n`;
      expect(parseTestCaseImport('CSV', content).errors).toEqual([
        { row: 1, line: 2, field: 'personaFacts', message: expect.stringContaining('not a valid JSON list') },
        { row: 1, line: 2, field: 'behaviour', message: 'behaviour is required' },
        { row: 2, line: 3, field: 'personaFacts', message: expect.stringContaining('"just text" is not in the form name=value') },
      ]);
    });
  });
});

describe('parsePersonaFactsCell', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['a=1', [{ name: 'a', value: '1' }]],
    ['a=1;;b=x=y;', [{ name: 'a', value: '1' }, { name: 'b', value: 'x=y' }]],
    ['[{"name":"a","value":"1;2"}]', [{ name: 'a', value: '1;2' }]],
    ['[]', []],
  ])('reads %j', (cell, value) => {
    expect(parsePersonaFactsCell(cell)).toEqual({ value });
  });
});

describe('scanCsvRecordLines', () => {
  it('finds where records start, skipping empty lines and line breaks inside quotes', () => {
    expect(scanCsvRecordLines('a\n"b\nc"\n\nd\r\n"e""\r\n"\rf')).toEqual({ starts: [1, 2, 5, 6, 8], unclosedQuoteLine: null });
  });

  it('reports the line of a quote that never closes', () => {
    expect(scanCsvRecordLines('a\n"b""\nc\n')).toEqual({ starts: [1, 2], unclosedQuoteLine: 2 });
  });
});
