/**
 * The team server's database: one small interface over PGlite (Postgres in WebAssembly, a data
 * folder) and a `pg` Pool (a real PostgreSQL), so the same parameterised SQL runs on both.
 * Both drivers are loaded lazily, so the CLI bundle keeps them external and other commands never load them.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (BEGIN … COMMIT; ROLLBACK when it throws). */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database cannot be reached right now (the server answers 503 and stays up). */
export class UnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UnavailableError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** True for errors that mean "the database is down or restarting", not "this query is wrong". */
export function isUnavailable(e: unknown): boolean {
  if (e instanceof UnavailableError) return true;
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  }
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(message);
}

export async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    tx<T>(fn: (q: Queryable) => Promise<T>) {
      return db.transaction(async (t) => fn({ query: async <R>(sql: string, params: unknown[] = []) => (await t.query<R>(sql, params)).rows }));
    },
    close: () => db.close(),
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg');
  // int8 (counts, times in ms) as numbers: every value we store fits in 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 10_000 });
  // An idle client losing its connection (a restart) must not crash the server.
  pool.on('error', () => {});
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      throw isUnavailable(e) ? new UnavailableError(e) : e;
    }
  };
  return {
    kind: 'postgres',
    query<T>(sql: string, params: unknown[] = []) {
      return wrap(async () => (await pool.query(sql, params)).rows as T[]);
    },
    tx<T>(fn: (q: Queryable) => Promise<T>) {
      return wrap(async () => {
        const client = await pool.connect();
        let broken: unknown;
        try {
          await client.query('BEGIN');
          const out = await fn({ query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[] });
          await client.query('COMMIT');
          return out;
        } catch (e) {
          await client.query('ROLLBACK').catch((r: unknown) => (broken = r));
          throw e;
        } finally {
          client.release(broken instanceof Error ? broken : undefined);
        }
      });
    },
    close: () => pool.end(),
  };
}

/** `--database URL` (PostgreSQL) or else `--data DIR` (PGlite). */
export function openDatabase(opts: { database?: string; data: string }): Promise<Database> {
  return opts.database ? openPostgres(opts.database) : openPglite(opts.data);
}
