import { decodeCaseCursor, decodeRunCursor, encodeCaseCursor, encodeRunCursor } from './cursor';
import { checkLanguageTag } from './language-tag';
import { bandForScore, nextRunStatus, passRate } from './run-status';
import { rerunName, validateStartRun } from './start-run.input';

const valid = { name: ' Nightly ', widgetId: 'w', testCaseIds: ['00000000-0000-4000-8000-000000000001'] };

describe('validateStartRun', () => {
  it('trims, canonicalises and fills in nulls', () => {
    const result = validateStartRun({ ...valid, languageOverride: 'en-gb', chatUrl: ' https://x.example/a ', metadata: { a: 1 }, maxTurns: 50 });
    expect(result).toEqual({
      ok: true,
      value: { name: 'Nightly', widgetId: 'w', testCaseIds: valid.testCaseIds, languageOverride: 'en-GB', chatUrl: 'https://x.example/a', metadata: { a: 1 }, maxTurns: 50 },
    });
    expect(validateStartRun({ ...valid, languageOverride: '', chatUrl: null })).toMatchObject({ ok: true, value: { languageOverride: null, chatUrl: null, metadata: null, maxTurns: null } });
  });

  it.each([
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ maxTurns: 0 }, 'maxTurns'],
    [{ maxTurns: 2.5 }, 'maxTurns'],
    [{ chatUrl: 'javascript:alert(1)' }, 'chatUrl'],
    [{ metadata: 'text' }, 'metadata'],
    [{ metadata: { big: 'x'.repeat(20_000) } }, 'metadata'],
    [{ languageOverride: 'en_GB' }, 'languageOverride'],
  ])('refuses %j naming %s', (change, field) => {
    const result = validateStartRun({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field)).toEqual([field]);
  });
});

describe('checkLanguageTag', () => {
  it.each([
    ['de', 'de'],
    ['pt-br', 'pt-BR'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['iw', 'he'],
  ])('accepts %s as %s', (raw, tag) => expect(checkLanguageTag(raw)).toEqual({ ok: true, tag }));

  it.each(['english', 'und', 'qq', 'en-', 'x-private', 'en_GB', ''])('refuses %j', (raw) => {
    const result = checkLanguageTag(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/BCP 47/);
  });
});

describe('cursors', () => {
  it('round-trips and refuses anything else, including the other list\'s cursor', () => {
    const run = { createdAt: new Date('2026-01-02T03:04:05.678Z'), id: '00000000-0000-4000-8000-000000000001' };
    expect(decodeRunCursor(encodeRunCursor(run))).toEqual(run);
    expect(decodeCaseCursor(encodeCaseCursor({ position: 7 }))).toEqual({ position: 7 });
    expect(decodeCaseCursor(encodeRunCursor(run))).toBeNull();
    expect(decodeRunCursor(encodeCaseCursor({ position: 7 }))).toBeNull();
    for (const bad of ['', 'nonsense', '%%%', Buffer.from('[1,"case",-1]').toString('base64url'), 42]) {
      expect(decodeRunCursor(bad)).toBeNull();
      expect(decodeCaseCursor(bad)).toBeNull();
    }
  });
});

describe('run status', () => {
  const counts = (open: number, errored = 0) => ({ total: 3, passed: 1, scored: 1, errored, open });
  it('finishes once no case is open, with errors if any case errored; ended runs stay ended', () => {
    expect(nextRunStatus('QUEUED', counts(3), false)).toBe('QUEUED');
    expect(nextRunStatus('QUEUED', counts(3), true)).toBe('RUNNING');
    expect(nextRunStatus('RUNNING', counts(0), true)).toBe('COMPLETED');
    expect(nextRunStatus('RUNNING', counts(0, 1), true)).toBe('COMPLETED_WITH_ERRORS');
    expect(nextRunStatus('CANCELLED', counts(0), true)).toBe('CANCELLED');
    expect(nextRunStatus('FAILED', counts(0), true)).toBe('FAILED');
  });

  it('bands scores and computes the pass rate over scored cases', () => {
    expect([bandForScore(80), bandForScore(79), bandForScore(50), bandForScore(49)]).toEqual(['PASSED', 'NEEDS_ATTENTION', 'NEEDS_ATTENTION', 'FAILED']);
    expect(passRate(0, 0)).toBeNull();
    expect(passRate(1, 4)).toBe(25);
  });

  it('names a rerun, within the name limit', () => {
    expect(rerunName('Nightly')).toBe('Nightly (rerun)');
    expect(rerunName('x'.repeat(200))).toHaveLength(200);
  });
});
