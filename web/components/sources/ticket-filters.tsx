'use client';

import { useId, type ReactNode } from 'react';
import type { TicketFilter } from '../../gql/graphql';

/** The filter bar as the user set it: dates as yyyy-mm-dd, CSAT as text ('' = any). */
export interface TicketFilterState {
  from: string;
  to: string;
  channels: string[];
  tags: string[];
  intents: string[];
  minCsat: string;
  maxCsat: string;
}

export const NO_TICKET_FILTER: TicketFilterState = { from: '', to: '', channels: [], tags: [], intents: [], minCsat: '', maxCsat: '' };

export function isFiltered(state: TicketFilterState): boolean {
  return JSON.stringify(state) !== JSON.stringify(NO_TICKET_FILTER);
}

/** Dates are whole days in the user's time zone: from its first to its last millisecond. */
export function ticketFilterOf(state: TicketFilterState): TicketFilter {
  const filter: TicketFilter = {};
  if (state.from) filter.from = new Date(`${state.from}T00:00:00`).toISOString();
  if (state.to) filter.to = new Date(`${state.to}T23:59:59.999`).toISOString();
  if (state.channels.length) filter.channels = state.channels;
  if (state.tags.length) filter.tags = state.tags;
  if (state.intents.length) filter.intents = state.intents;
  if (state.minCsat) filter.minCsat = Number(state.minCsat);
  if (state.maxCsat) filter.maxCsat = Number(state.maxCsat);
  return filter;
}

const CSAT_SCORES = ['1', '2', '3', '4', '5'];

/** The tickets' filter bar; the menus offer the values the tenant's tickets have (ticketFacets). */
export function TicketFilters({
  value,
  facets,
  errors,
  onChange,
}: {
  value: TicketFilterState;
  facets: { channels: string[]; tags: string[]; intents: string[] };
  errors: Record<string, string>;
  onChange(next: TicketFilterState): void;
}) {
  const set = <K extends keyof TicketFilterState>(key: K, next: TicketFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <div className="filters ticket-filters" role="group" aria-label="Filter tickets">
      <FilterField label="From" error={errors.from}>
        {(props) => <input {...props} type="date" value={value.from} max={value.to || undefined} onChange={(e) => set('from', e.target.value)} />}
      </FilterField>
      <FilterField label="To" error={errors.to}>
        {(props) => <input {...props} type="date" value={value.to} min={value.from || undefined} onChange={(e) => set('to', e.target.value)} />}
      </FilterField>
      <MultiSelect label="Channel" options={facets.channels} selected={value.channels} onChange={(next) => set('channels', next)} />
      <MultiSelect label="Tag" options={facets.tags} selected={value.tags} onChange={(next) => set('tags', next)} />
      <MultiSelect label="Intent" options={facets.intents} selected={value.intents} onChange={(next) => set('intents', next)} />
      <FilterField label="Min CSAT" narrow error={errors.minCsat}>
        {(props) => (
          <select {...props} value={value.minCsat} onChange={(e) => set('minCsat', e.target.value)}>
            <option value="">Any</option>
            {CSAT_SCORES.map((score) => (
              <option key={score} value={score}>
                {score}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      <FilterField label="Max CSAT" narrow error={errors.maxCsat}>
        {(props) => (
          <select {...props} value={value.maxCsat} onChange={(e) => set('maxCsat', e.target.value)}>
            <option value="">Any</option>
            {CSAT_SCORES.map((score) => (
              <option key={score} value={score}>
                {score}
              </option>
            ))}
          </select>
        )}
      </FilterField>
      {isFiltered(value) && (
        <button type="button" className="button button-small su-clear-filters" onClick={() => onChange(NO_TICKET_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}

/** A disclosure with one checkbox per value; its summary says how many are chosen. */
function MultiSelect({ label, options, selected, onChange }: { label: string; options: string[]; selected: string[]; onChange(next: string[]): void }) {
  const toggle = (option: string, on: boolean) => onChange(on ? [...selected, option] : selected.filter((s) => s !== option));
  return (
    <details className="su-multi-select">
      <summary>
        {label}: <span className="su-multi-select-value">{selected.length === 0 ? 'All' : selected.length === 1 ? selected[0] : `${selected.length} selected`}</span>
      </summary>
      <fieldset className="checkbox-list su-multi-select-options">
        <legend className="visually-hidden">{label}</legend>
        {options.length === 0 ? (
          <p className="muted">No values yet</p>
        ) : (
          options.map((option) => (
            <label key={option}>
              <input type="checkbox" checked={selected.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />
              {option}
            </label>
          ))
        )}
      </fieldset>
    </details>
  );
}

/**
 * A labelled filter control with its error. Unlike a form's Field it does not mark itself
 * "(optional)": every filter is.
 */
function FilterField({
  label,
  error,
  narrow,
  children,
}: {
  label: string;
  error?: string;
  narrow?: boolean;
  children(props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }): ReactNode;
}) {
  const id = useId();
  return (
    <div className={`field${narrow ? ' su-filter-narrow' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
