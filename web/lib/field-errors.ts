import type { CombinedError } from 'urql';
import { errorMessage } from './format';

/**
 * Reading the gateway's errors the way forms need them: the code (LIMIT_EXCEEDED, FORBIDDEN,
 * ...) to word the problem, and the fields a BAD_USER_INPUT names (`extensions.fieldErrors`,
 * else `extensions.field`) to put each message next to its field. A NOT_FOUND may name the
 * field that gave the id (a chat widget deleted since the form listed it): its message goes
 * there too. The API names fields of an
 * input with or without its argument (`url`, `input.name`, `filter.minCsat`); forms know them
 * without it.
 */
export interface ApiFieldError {
  field: string;
  message: string;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

interface CombinedErrorLike {
  graphQLErrors?: GraphQLErrorLike[];
}

export function errorCode(error: CombinedErrorLike | null | undefined): string | null {
  const code = error?.graphQLErrors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

const withoutArgument = (field: string) => field.replace(/^(input|filter)\./, '');

const CODES_NAMING_FIELDS: readonly unknown[] = ['BAD_USER_INPUT', 'NOT_FOUND'];

/** The fields one GraphQL error names; none unless it is a BAD_USER_INPUT or NOT_FOUND that names some. */
function fieldErrorsOf(gqlError: GraphQLErrorLike): ApiFieldError[] {
  const extensions = gqlError.extensions ?? {};
  if (!CODES_NAMING_FIELDS.includes(extensions.code)) return [];
  const listed = Array.isArray(extensions.fieldErrors) ? (extensions.fieldErrors as { field?: unknown; message?: unknown }[]) : [];
  if (listed.length > 0) {
    return listed.map((item) => ({
      field: typeof item.field === 'string' ? withoutArgument(item.field) : '',
      message: typeof item.message === 'string' ? item.message : gqlError.message,
    }));
  }
  if (typeof extensions.field !== 'string') return [];
  const message = gqlError.message.replace(new RegExp(`^${escapeRegExp(extensions.field)}:\\s*`), '');
  return [{ field: withoutArgument(extensions.field), message }];
}

export function apiFieldErrors(error: CombinedErrorLike | null | undefined): ApiFieldError[] {
  return (error?.graphQLErrors ?? []).flatMap(fieldErrorsOf).filter((item) => item.field !== '');
}

/**
 * Splits server field errors into those a form can show beside a field (by its own key) and
 * the rest, which it shows at the top. `placeField` maps an API field path to a form key.
 */
export function placeFieldErrors(
  errors: ApiFieldError[],
  placeField: (field: string) => string | null,
): { byField: Record<string, string>; unplaced: string[] } {
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field, message } of errors) {
    const key = placeField(field);
    if (key && !byField[key]) byField[key] = message;
    else if (!key) unplaced.push(message);
  }
  return { byField, unplaced };
}

/** What a failed save shows: messages under the fields the API named, and the rest above the form. */
export interface FormErrors {
  fields: Record<string, string>;
  other: string | null;
}

export const NO_FORM_ERRORS: FormErrors = { fields: {}, other: null };

/**
 * Splits an error by the fields it names. A field the form does not show, and any other
 * error, goes to `other`, so nothing the API said is lost.
 */
export function formErrorsOf(error: CombinedError | null | undefined, formFields: readonly string[]): FormErrors {
  if (!error) return NO_FORM_ERRORS;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const gqlError of error.graphQLErrors ?? []) {
    const named = fieldErrorsOf(gqlError);
    if (named.length === 0) rest.push(gqlError.message);
    for (const { field, message } of named) {
      if (formFields.includes(field) && !fields[field]) fields[field] = message;
      else rest.push(field ? `${field}: ${message}` : message);
    }
  }
  if (!error.graphQLErrors?.length) rest.push(errorMessage(error));
  return { fields, other: rest.length ? rest.join('; ') : null };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
