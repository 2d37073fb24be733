/**
 * Find obce — and their části (from the RÚIAN address points) — by name, with or without diacritics, with one typo
 * tolerated. Ranking: exact name, then name prefix, then a word of the name starting with the query, then anywhere
 * in the name, then a name one edit away (a letter missing, extra, wrong or two swapped: "pernik" → Pernink);
 * within a rank an obec before a část, larger population first, then name. A query of digits matches the kód obce.
 */
import type { ObecProperties } from '../units/adminUnits.ts';
import { normalizeForSearch } from './normalizeForSearch.ts';

export interface SearchableObec {
  obec: ObecProperties;
  folded: string;
  /** Set for a část obce: the place found is this part of `obec`. */
  cast?: { kod: string; nazev: string };
  /** The folded words of the name, for word-level typo matching. */
  words?: string[];
}

export interface FoundPlace {
  obec: ObecProperties;
  cast: { kod: string; nazev: string } | null;
  /** 0 exact … 3 substring, 4 one typo away. */
  rank: number;
}

/** Typos are tolerated from this many letters on: shorter queries would match half the kraj. */
const TYPO_MIN_LENGTH = 4;

/** Precompute the folded names once per pack; pass the result to searchObce for every keystroke. */
export function prepareObceForSearch(obce: readonly ObecProperties[]): SearchableObec[] {
  return obce.map((obec) => prepared(obec, obec.nazev));
}

/**
 * The části obce of a kraj (RÚIAN), for searching next to the obce. A část named like its obec (the obec's main
 * part) is left out: the obec itself is found.
 */
export function prepareCastiForSearch(
  casti: ReadonlyArray<{ kod: string; nazev: string; kodObce: string }>,
  obce: readonly ObecProperties[],
): SearchableObec[] {
  const byKod = new Map(obce.map((obec) => [obec.kod, obec]));
  const entries: SearchableObec[] = [];
  for (const cast of casti) {
    const obec = byKod.get(cast.kodObce);
    if (!obec || normalizeForSearch(cast.nazev) === normalizeForSearch(obec.nazev)) continue;
    entries.push({ ...prepared(obec, cast.nazev), cast: { kod: cast.kod, nazev: cast.nazev } });
  }
  return entries;
}

function prepared(obec: ObecProperties, name: string): SearchableObec {
  const folded = normalizeForSearch(name);
  return { obec, folded, words: folded.split(' ') };
}

/** Obce only (the "Moje obec" chooser and callers that want obce): the best matches, typo-tolerant. */
export function searchObce(obce: readonly ObecProperties[] | readonly SearchableObec[], query: string, limit = 10): ObecProperties[] {
  const list: readonly SearchableObec[] = isPrepared(obce) ? obce : prepareObceForSearch(obce);
  return searchPlaces(
    list.filter((entry) => !entry.cast),
    query,
    limit,
  ).map((found) => found.obec);
}

/** Obce and části obce together (the header's search). */
export function searchPlaces(entries: readonly SearchableObec[], query: string, limit = 10): FoundPlace[] {
  const folded = normalizeForSearch(query);
  if (folded === '') return [];
  if (/^\d+$/.test(folded)) {
    return entries
      .filter((entry) => !entry.cast && entry.obec.kod.startsWith(folded))
      .slice(0, limit)
      .map((entry) => ({ obec: entry.obec, cast: null, rank: 0 }));
  }
  const ranked: FoundPlace[] = [];
  for (const entry of entries) {
    const rank = matchRank(entry, folded);
    if (rank >= 0) ranked.push({ obec: entry.obec, cast: entry.cast ?? null, rank });
  }
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(a.cast !== null) - Number(b.cast !== null) ||
      (b.obec.obyvatel ?? 0) - (a.obec.obyvatel ?? 0) ||
      (a.cast?.nazev ?? a.obec.nazev).localeCompare(b.cast?.nazev ?? b.obec.nazev, 'cs'),
  );
  return ranked.slice(0, limit);
}

function isPrepared(list: readonly ObecProperties[] | readonly SearchableObec[]): list is readonly SearchableObec[] {
  return list.length > 0 && 'folded' in list[0]!;
}

function matchRank(entry: SearchableObec, query: string): number {
  const name = entry.folded;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(` ${query}`)) return 2;
  if (name.includes(query)) return 3;
  if (query.length >= TYPO_MIN_LENGTH && oneTypoAway(name, entry.words ?? name.split(' '), query)) return 4;
  return -1;
}

/**
 * The query is one edit from the name, from a prefix of it (typing is not finished), or from one of its words
 * (or the words from there on: "lipa" / "krasna lpa").
 */
function oneTypoAway(name: string, words: readonly string[], query: string): boolean {
  if (withinOneEdit(name, query)) return true;
  for (const length of [query.length - 1, query.length, query.length + 1]) {
    if (length >= TYPO_MIN_LENGTH - 1 && length < name.length && withinOneEdit(name.slice(0, length), query)) return true;
  }
  if (words.length > 1) {
    let offset = 0;
    for (const word of words) {
      const rest = name.slice(offset);
      if (offset > 0 && (withinOneEdit(rest, query) || withinOneEdit(rest.slice(0, query.length), query))) return true;
      if (word.length >= TYPO_MIN_LENGTH - 1 && withinOneEdit(word, query)) return true;
      offset += word.length + 1;
    }
  }
  return false;
}

/** Optimal string alignment distance ≤ 1: one insertion, deletion, substitution or swap of neighbours. O(n). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // substitution, or two neighbours swapped
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // one letter missing from the shorter
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
