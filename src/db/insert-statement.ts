/**
 * The one statement a commit batch is written with (src/db/event-store.ts): the rows of several
 * tables inserted together, the first tables as data-modifying CTEs, the last as the main statement.
 * PostgreSQL runs a statement as one transaction, so all rows land or none does.
 *
 * Batches come in few shapes (which tables, which columns, how many rows), so the SQL text of a
 * shape is built once and kept, with a name the driver prepares it under on each connection: a
 * commit then only gathers its values, which are bound, never inlined into the text.
 */

/** Rows for one table; keys are column names (code constants, never input), values are bound. */
export interface TableRows {
  table: string;
  rows: ReadonlyArray<Record<string, unknown>>;
}

/**
 * `$1, $2 …` bound by the driver itself (`native`), or `?` for MikroORM's `execute`, which inlines
 * the values into the text (the rare batches that go through a MikroORM transaction).
 */
export type Placeholders = 'native' | 'orm';

export interface InsertStatement {
  /** Set for a kept shape: the name it is prepared under (`native` only). */
  name?: string;
  sql: string;
  params: unknown[];
}

/**
 * A value meaning the transaction's time (the database clock). A column is `now()` in every row
 * when it is in the first row of its table.
 */
export const NOW = Symbol('now()');
/** Columns whose values are bound as text and cast. */
const CASTS: Record<string, string> = { payload: '::jsonb' };
/**
 * Shapes kept (per kind of placeholders); past it a batch's text is built for it alone. Each kept
 * shape is prepared at most once per pooled connection.
 */
export const MAX_KEPT_SHAPES = 200;

interface Shape { name: string; sql: string }
const kept: Record<Placeholders, Map<string, Shape>> = { native: new Map(), orm: new Map() };
let named = 0;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The statement for these inserts (tables without rows left out), or null when there is no row. */
export function insertStatement(inserts: readonly TableRows[], placeholders: Placeholders = 'native'): InsertStatement | null {
  const tables = inserts.filter((insert) => insert.rows.length > 0);
  if (tables.length === 0) return null;
  const layouts = tables.map(({ table, rows }) => {
    const columns = Object.keys(rows[0]);
    return { table, rows, columns, now: columns.map((column) => rows[0][column] === NOW) };
  });
  const params: unknown[] = [];
  for (const { rows, columns, now } of layouts) {
    for (const row of rows) {
      for (let c = 0; c < columns.length; c++) if (!now[c]) params.push(row[columns[c]]);
    }
  }
  const key = shapeKey(layouts);
  const cache = kept[placeholders];
  const known = cache.get(key);
  if (known) return placeholders === 'native' ? { name: known.name, sql: known.sql, params } : { sql: known.sql, params };
  const sql = statementText(layouts, placeholders);
  if (cache.size >= MAX_KEPT_SHAPES) return { sql, params };
  const shape = { name: `clubhouse_insert_${++named}`, sql };
  cache.set(key, shape);
  return placeholders === 'native' ? { name: shape.name, sql, params } : { sql, params };
}

/** One table's rows as a statement lays them out: its columns, and which of them are now(). */
type Layout = { table: string; rows: TableRows['rows']; columns: string[]; now: boolean[] };

/** Which tables, columns (and which are now()) and how many rows: the kept text's key. Built once per commit batch. */
function shapeKey(layouts: readonly Layout[]): string {
  let key = '';
  for (const { table, rows, columns, now } of layouts) {
    key += `${table}(`;
    for (let c = 0; c < columns.length; c++) key += now[c] ? `${columns[c]}=now,` : `${columns[c]},`;
    key += `)x${rows.length};`;
  }
  return key;
}

function statementText(layouts: readonly Layout[], placeholders: Placeholders): string {
  let n = 0;
  const parts = layouts.map(({ table, rows, columns, now }) => {
    const tuple = () => `(${columns.map((column, c) => {
      if (now[c]) return 'now()';
      return `${placeholders === 'native' ? `$${++n}` : '?'}${CASTS[column] ?? ''}`;
    }).join(', ')})`;
    const tuples = rows.map(tuple);
    return `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${tuples.join(', ')}`;
  });
  const ctes = parts.slice(0, -1).map((sql, i) => `w${i} as (${sql})`);
  return `${ctes.length > 0 ? `with ${ctes.join(', ')} ` : ''}${parts.at(-1)}`;
}
