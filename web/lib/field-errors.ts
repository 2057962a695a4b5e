import type { CombinedError } from 'urql';
import { errorMessage } from './format';

/** What a failed save shows: messages under the fields the API named, and the rest above the form. */
export interface FormErrors {
  fields: Record<string, string>;
  other: string | null;
}

export const NO_FORM_ERRORS: FormErrors = { fields: {}, other: null };

interface FieldErrorExtension {
  field?: unknown;
  message?: unknown;
}

/**
 * Splits a BAD_USER_INPUT error by the fields it names (`extensions.fieldErrors`, else
 * `extensions.field`). The API names fields of an input with or without its argument
 * (`url`, `input.name`, `filter.minCsat`): the argument prefix is dropped. A field the form
 * does not show, and any other error, goes to `other` so nothing the API said is lost.
 */
export function formErrorsOf(error: CombinedError | null | undefined, formFields: readonly string[]): FormErrors {
  if (!error) return NO_FORM_ERRORS;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const gqlError of error.graphQLErrors ?? []) {
    const extensions = gqlError.extensions ?? {};
    const listed = Array.isArray(extensions.fieldErrors) ? (extensions.fieldErrors as FieldErrorExtension[]) : [];
    const named = listed.length
      ? listed
      : typeof extensions.field === 'string'
        ? [{ field: extensions.field, message: gqlError.message.replace(new RegExp(`^${escapeRegExp(extensions.field)}:\\s*`), '') }]
        : [];
    if (extensions.code !== 'BAD_USER_INPUT' || named.length === 0) {
      rest.push(gqlError.message);
      continue;
    }
    for (const item of named) {
      const field = typeof item.field === 'string' ? item.field.replace(/^(input|filter)\./, '') : '';
      const message = typeof item.message === 'string' ? item.message : gqlError.message;
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
