/**
 * The obec a table row names (its kód or name column) checked against the obec its coordinates lie in. A row whose
 * coordinates are in another obec is still imported — the coordinates are the report's place, and near a border the
 * simplified boundaries can put a correct point in the neighbour — but it is listed as a warning with both obce, so
 * the office can check a typo in the coordinates or a wrong obec in its table.
 */
import { normalizeForSearch } from '../text/normalizeForSearch.ts';
import type { TableRowProblem } from './table.ts';
import type { TableMapping } from './tableMapping.ts';

/** What the row says its obec is: the cell (kód preferred, else name) and its column. */
export interface ObecClaim {
  column: number;
  value: string;
}

export function obecClaimOf(cells: readonly string[], mapping: TableMapping): ObecClaim | null {
  for (const field of ['obecKod', 'obecNazev'] as const) {
    const column = mapping.columns[field];
    const value = column === null ? '' : (cells[column] ?? '').trim();
    if (column !== null && value !== '') return { column, value: value.slice(0, 200) };
  }
  return null;
}

/**
 * Null when the claim agrees with the obec found at the coordinates: the same 6-digit kód (when the cell holds one),
 * else the same name once folded as the obec search folds it (normalizeForSearch: case, diacritics, hyphens and
 * punctuation ignored). Otherwise the warning 'row.obecMismatch'.
 */
export function obecClaimWarning(claim: ObecClaim, found: { kod: string; nazev: string }): Omit<TableRowProblem, 'row'> | null {
  const kod = /(?:^|\D)(\d{6})(?:\D|$)/.exec(claim.value)?.[1];
  const agrees = kod !== undefined ? kod === found.kod : normalizeForSearch(claim.value) === normalizeForSearch(found.nazev);
  if (agrees) return null;
  return { column: claim.column, code: 'row.obecMismatch', params: { value: claim.value.slice(0, 80), found: `${found.nazev} (${found.kod})` } };
}
