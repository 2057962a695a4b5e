/**
 * Reading the gateway's errors the way the screens need them: the code (LIMIT_EXCEEDED,
 * FORBIDDEN, ...) to word the problem, and the per-field list BAD_USER_INPUT carries in
 * `extensions.fieldErrors` (with `extensions.field` naming the first) to put each message
 * next to its field.
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

/** Fields may be named with their argument (`input.name`); the forms know them without it. */
const withoutArgument = (field: string) => field.replace(/^(input|filter)\./, '');

export function apiFieldErrors(error: CombinedErrorLike | null | undefined): ApiFieldError[] {
  const found: ApiFieldError[] = [];
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const extensions = graphQLError.extensions ?? {};
    if (extensions.code !== 'BAD_USER_INPUT') continue;
    const list = Array.isArray(extensions.fieldErrors) ? extensions.fieldErrors : [];
    for (const item of list) {
      if (item && typeof item.field === 'string' && typeof item.message === 'string') found.push({ field: withoutArgument(item.field), message: item.message });
    }
    if (list.length === 0 && typeof extensions.field === 'string') found.push({ field: withoutArgument(extensions.field), message: graphQLError.message });
  }
  return found;
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
