/**
 * Find obce by name, with or without diacritics. Ranking: exact name, then name prefix, then a word of the
 * name starting with the query, then anywhere in the name; within a rank, larger population first, then name.
 * A query of digits matches the kód obce.
 */
import type { ObecProperties } from '../units/adminUnits.ts';
import { normalizeForSearch } from './normalizeForSearch.ts';

export interface SearchableObec {
  obec: ObecProperties;
  folded: string;
}

/** Precompute the folded names once per pack; pass the result to searchObce for every keystroke. */
export function prepareObceForSearch(obce: readonly ObecProperties[]): SearchableObec[] {
  return obce.map((obec) => ({ obec, folded: normalizeForSearch(obec.nazev) }));
}

export function searchObce(
  obce: readonly ObecProperties[] | readonly SearchableObec[],
  query: string,
  limit = 10,
): ObecProperties[] {
  const folded = normalizeForSearch(query);
  if (folded === '') return [];
  const prepared: readonly SearchableObec[] = isPrepared(obce) ? obce : prepareObceForSearch(obce);
  if (/^\d+$/.test(folded)) {
    return prepared.filter((entry) => entry.obec.kod.startsWith(folded)).slice(0, limit).map((entry) => entry.obec);
  }
  const ranked: Array<{ obec: ObecProperties; rank: number }> = [];
  for (const entry of prepared) {
    const rank = matchRank(entry.folded, folded);
    if (rank >= 0) ranked.push({ obec: entry.obec, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      (b.obec.obyvatel ?? 0) - (a.obec.obyvatel ?? 0) ||
      a.obec.nazev.localeCompare(b.obec.nazev, 'cs'),
  );
  return ranked.slice(0, limit).map((entry) => entry.obec);
}

function isPrepared(list: readonly ObecProperties[] | readonly SearchableObec[]): list is readonly SearchableObec[] {
  return list.length > 0 && 'folded' in list[0]!;
}

function matchRank(name: string, query: string): number {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(` ${query}`)) return 2;
  if (name.includes(query)) return 3;
  return -1;
}
