import { BadUserInputError } from '@sim/errors';

export const MAX_NAME_LENGTH = 200;
export const MAX_TITLE_LENGTH = 300;
/** One document is read whole into memory and split; past a megabyte it should be several documents. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_PAI_RECORDS = 5000;
export const MAX_TICKET_RECORDS = 1000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A trimmed, non-empty name of bounded length, or BAD_USER_INPUT naming the field. */
export function requiredName(value: string | null | undefined, field: string, max = MAX_NAME_LENGTH): string {
  const text = (value ?? '').trim();
  if (text === '') throw BadUserInputError.field(field, `${field} is required`);
  if (text.length > max) throw BadUserInputError.field(field, `${field} must be at most ${max} characters`);
  return text;
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw BadUserInputError.field('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

export function checkImportSize(content: string): void {
  if (Buffer.byteLength(content, 'utf8') > MAX_IMPORT_BYTES) {
    throw BadUserInputError.field('content', `must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the file`);
  }
}
