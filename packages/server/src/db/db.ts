/**
 * The storage seam: a small async interface over SQL with two adapters, SQLite (one file,
 * the default) and PostgreSQL (when `DATABASE_URL` names one). Statements are written once
 * with `?` placeholders in the SQL both databases understand; the PostgreSQL adapter numbers
 * them. Instants are stored as epoch milliseconds (BIGINT), documents as JSON text.
 */

/** A row as the driver returns it. */
export type Row = Record<string, unknown>;

/** A statement parameter. */
export type Param = string | number | null;

/** What both a database and an open transaction can do. */
export interface Queryable {
  /** Rows of a query (or of a write with `RETURNING`). */
  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Row>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

/** A database connection (or pool). */
export interface Db extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * SQLite takes the write lock up front (`BEGIN IMMEDIATE`), so a transaction never fails
   * half-way on a lock upgrade.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Where the data lives: a PostgreSQL URL, or else a SQLite file (`:memory:` for a throwaway one). */
export interface DbLocation {
  url?: string | undefined;
  file?: string | undefined;
}

/** Opens the database `location` names: PostgreSQL for a `postgres://` URL, else SQLite. */
export async function openDatabase(location: DbLocation): Promise<Db> {
  if (location.url && /^postgres(ql)?:\/\//.test(location.url)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres({ connectionString: location.url });
  }
  const { openSqlite } = await import('./sqlite.js');
  return openSqlite(location.file ?? ':memory:');
}
