/**
 * The statements prepared (SQL `PREPARE`) in one database session, by key. Prepared
 * statements belong to a session: PGlite has one, and a PostgreSQL pool has one per
 * connection. Few statements are worth it; beyond MAX_PREPARED, statements simply run
 * unprepared.
 */
export class SessionStatements {
  /** key -> statement name, or null when it could not be prepared. */
  private readonly names = new Map<string, string | null>();

  /** The statement's name, and whether it is prepared already; null when it is not to be prepared. */
  nameFor(key: string): { name: string; known: boolean } | null {
    const known = this.names.get(key);
    if (known !== undefined) return known === null ? null : { name: known, known: true };
    if (this.names.size >= MAX_PREPARED) return null;
    return { name: `sim_stmt_${this.names.size + 1}`, known: false };
  }

  /** `name` once PREPARE succeeded; null when it failed (the statement then runs unprepared). */
  remember(key: string, name: string | null): void {
    this.names.set(key, name);
  }
}

const MAX_PREPARED = 64;
