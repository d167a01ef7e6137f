import type { CallRule, RuleTable } from './types';

export const DB_CONNECTION = 'db.connection';

const functions: CallRule[] = [
  { names: ['sqlite3.connect', 'sqlalchemy.create_engine', 'psycopg2.connect', 'pymysql.connect', 'duckdb.connect'], reads: 'db', returns: DB_CONNECTION },
];

const methods: CallRule[] = [
  // `execute("SELECT …")` only reads (../effects.ts); any other statement writes.
  { names: ['execute', 'executemany', 'executescript'], receivers: [DB_CONNECTION], mutates: ['self'], writes: 'db', sqlQuery: true, returns: DB_CONNECTION },
  { names: ['commit', 'rollback'], receivers: [DB_CONNECTION], mutates: ['self'], writes: 'db', returns: DB_CONNECTION },
  { names: ['cursor', 'connect', 'begin'], receivers: [DB_CONNECTION], returns: DB_CONNECTION, reads: 'db' },
  { names: ['fetchall', 'fetchone', 'fetchmany'], receivers: [DB_CONNECTION], reads: 'db' },
];

export const dbRules: RuleTable = { library: 'db', functions, methods };
