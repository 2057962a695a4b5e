/**
 * The Test Cases list's filters live in the URL (`?type=Returns&language=de&q=refund`), so a
 * filtered list can be reloaded, bookmarked and shared. `highlight` carries the ids of cases just
 * created or generated, to mark them in the list.
 */
export interface ListParams {
  types: string[];
  languages: string[];
  intents: string[];
  search: string;
  highlight: string[];
}

export function parseListParams(query: URLSearchParams): ListParams {
  return {
    types: query.getAll('type'),
    languages: query.getAll('language'),
    intents: query.getAll('intent'),
    search: query.get('q') ?? '',
    highlight: (query.get('highlight') ?? '').split(',').filter(Boolean),
  };
}

export function listQueryString(params: ListParams): string {
  const query = new URLSearchParams();
  params.types.forEach((value) => query.append('type', value));
  params.languages.forEach((value) => query.append('language', value));
  params.intents.forEach((value) => query.append('intent', value));
  if (params.search.trim()) query.set('q', params.search.trim());
  if (params.highlight.length) query.set('highlight', params.highlight.join(','));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** The API filter for the params; empty parts are left out so "no filter" means every case. */
export function toTestCaseFilter(params: ListParams) {
  return {
    ...(params.types.length ? { types: params.types } : {}),
    ...(params.languages.length ? { languages: params.languages } : {}),
    ...(params.intents.length ? { intents: params.intents } : {}),
    ...(params.search.trim() ? { search: params.search.trim() } : {}),
  };
}

export function hasFilters(params: ListParams): boolean {
  return params.types.length + params.languages.length + params.intents.length > 0 || params.search.trim() !== '';
}
