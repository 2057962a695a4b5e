const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids that are not uuids cannot exist; checking first keeps PostgreSQL from rejecting the query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
