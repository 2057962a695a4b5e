/**
 * The statements prepared (SQL `PREPARE`) in one database session, by schema and text. Prepared
 * statements belong to a session: PGlite has one, and a PostgreSQL pool has one per
 * connection. Few statements are worth it; beyond MAX_PREPARED, statements simply run
 * unprepared.
 */
export class SessionStatements {
  /**
   * schema -> statement text -> name, or null when it could not be prepared. By text within
   * a schema rather than by one joined key: a statement's text is mostly the same string
   * each time, whose hash the engine keeps, where a joined key would be hashed anew.
   */
  private readonly bySchema = new Map<string, Map<string, string | null>>();
  private count = 0;

  /** The statement's name, and whether it is prepared already; null when it is not to be prepared. */
  nameFor(schema: string, sql: string): { name: string; known: boolean } | null {
    const known = this.bySchema.get(schema)?.get(sql);
    if (known !== undefined) return known === null ? null : { name: known, known: true };
    if (this.count >= MAX_PREPARED) return null;
    return { name: `sim_stmt_${this.count + 1}`, known: false };
  }

  /** `name` once PREPARE succeeded; null when it failed (the statement then runs unprepared). */
  remember(schema: string, sql: string, name: string | null): void {
    let statements = this.bySchema.get(schema);
    if (!statements) this.bySchema.set(schema, (statements = new Map()));
    if (!statements.has(sql)) this.count += 1;
    statements.set(sql, name);
  }

  /** Forgets a statement (to be prepared anew, under a new name); returns the name it had, if prepared. */
  forget(schema: string, sql: string): string | null {
    const statements = this.bySchema.get(schema);
    const name = statements?.get(sql) ?? null;
    statements?.delete(sql);
    return name;
  }
}

const MAX_PREPARED = 64;
