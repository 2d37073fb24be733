import initSqlJs, { type SqlJsStatic } from 'sql.js';

let sql: Promise<SqlJsStatic> | undefined;
/** sql.js in Node (its wasm from node_modules), as the app loads it in the browser. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sql ??= initSqlJs();
  return sql;
}
