'use client';

import { useEffect, useRef, useState } from 'react';
import { languageName } from '../../lib/format';
import { hasFilters, type ListParams } from './list-params';
import { MultiSelectFilter } from './multi-select-filter';

const SEARCH_DELAY_MS = 300;

/** Type, Language and Intent menus from the tenant's facets, and a search box that waits for a pause in typing. */
export function TestCaseFilters({
  params,
  facets,
  onChange,
}: {
  params: ListParams;
  facets: { types: string[]; languages: string[]; intents: string[] };
  onChange(next: ListParams): void;
}) {
  const [text, setText] = useState(params.search);
  const pushed = useRef(params.search);

  // The URL changed from elsewhere (Clear filters, back button): show its search, not ours.
  useEffect(() => {
    if (params.search !== pushed.current) {
      pushed.current = params.search;
      setText(params.search);
    }
  }, [params.search]);

  useEffect(() => {
    if (text === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = text;
      onChange({ ...params, search: text });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, params, onChange]);

  const options = (values: string[]) => values.map((value) => ({ value, label: value }));

  return (
    <div className="filters tc-filters" role="search" aria-label="Filter test cases">
      <div className="field">
        <label htmlFor="test-case-search">Search</label>
        <input id="test-case-search" type="search" value={text} placeholder="Name, behaviour or criteria" onChange={(event) => setText(event.target.value)} />
      </div>
      <MultiSelectFilter label="Type" options={options(facets.types)} selected={params.types} onChange={(types) => onChange({ ...params, types })} />
      <MultiSelectFilter
        label="Language"
        options={facets.languages.map((code) => ({ value: code, label: `${languageName(code)} (${code})` }))}
        selected={params.languages}
        onChange={(languages) => onChange({ ...params, languages })}
      />
      <MultiSelectFilter label="Intent" options={options(facets.intents)} selected={params.intents} onChange={(intents) => onChange({ ...params, intents })} />
      {hasFilters(params) && (
        <button
          type="button"
          className="button-link"
          onClick={() => {
            pushed.current = '';
            setText('');
            onChange({ ...params, types: [], languages: [], intents: [], search: '' });
          }}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
