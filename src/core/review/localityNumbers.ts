/**
 * Human-readable locality numbers within a kraj: `KV-2026-0042` (kraj letters, the year the number was given, a
 * sequence within kraj and year). A number is given once, stored with the locality's review, and kept across
 * re-analysis (locality ids are stable); a split-off part gets a new number; a merge keeps the older of the two
 * and records the other (applyReviewAction). Pure: the caller stores the returned state.
 *
 * Two tabs (or two machines) may give the same number to different localities before their reviews merge; then
 * `assignLocalityNumbers` keeps it on the locality whose id sorts first and gives the other a new one.
 */
import { defaultReview, type LocalityReview, type ReviewState } from './reviewModel.ts';
import type { Report } from '../reports/report.ts';
import { krajOfReports } from '../reports/reportKraj.ts';

/** Letters of each kraj in locality numbers (the usual two-letter abbreviations). */
export const KRAJ_NUMBER_PREFIX: Readonly<Record<string, string>> = {
  CZ010: 'PH',
  CZ020: 'ST',
  CZ031: 'JC',
  CZ032: 'PL',
  CZ041: 'KV',
  CZ042: 'UL',
  CZ051: 'LB',
  CZ052: 'HK',
  CZ053: 'PA',
  CZ063: 'VY',
  CZ064: 'JM',
  CZ071: 'OL',
  CZ072: 'ZL',
  CZ080: 'MS',
};

/** updatedAt of a review created only to hold a number. */
export const NUMBERING_EPOCH = '1970-01-01T00:00:00.000Z';

const NUMBER_PATTERN = /^([A-Z]{2})-(\d{4})-(\d{4,})$/;

export interface LocalityNumberParts {
  prefix: string;
  year: number;
  sequence: number;
}

export function formatLocalityNumber(parts: LocalityNumberParts): string {
  return `${parts.prefix}-${parts.year}-${String(parts.sequence).padStart(4, '0')}`;
}

export function parseLocalityNumber(text: string): LocalityNumberParts | null {
  const match = NUMBER_PATTERN.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { prefix: match[1]!, year: Number(match[2]), sequence: Number(match[3]) };
}

/** Older first: by year, then sequence (then text, for numbers that do not parse). */
export function compareLocalityNumbers(a: string, b: string): number {
  const pa = parseLocalityNumber(a);
  const pb = parseLocalityNumber(b);
  if (pa && pb) return pa.year - pb.year || pa.sequence - pb.sequence || pa.prefix.localeCompare(pb.prefix);
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NumberableLocality {
  id: string;
  /** NUTS3 of the kraj the locality belongs to (the kraj of most of its reports); null: not numbered. */
  nuts3: string | null;
  /** Its earliest report's createdAt: new numbers are given in this order. */
  firstAt: string;
}

export interface NumberAssignment {
  state: ReviewState;
  /** Locality id → the number given now (new localities, and the losers of a duplicate). */
  assigned: Map<string, string>;
}

/**
 * Gives every listed locality without a number its number, and resolves duplicates. `at` is the time of giving
 * (its year goes into new numbers). Returns the same state object when nothing changed.
 */
export function assignLocalityNumbers(state: ReviewState, localities: readonly NumberableLocality[], at: string): NumberAssignment {
  const year = Number(at.slice(0, 4));
  const assigned = new Map<string, string>();
  // The highest sequence used per prefix and year, over every review (merged-away ones and absorbed numbers too:
  // a number once given is never given again).
  const highest = new Map<string, number>();
  const note = (number: string) => {
    const parts = parseLocalityNumber(number);
    if (!parts) return;
    const key = `${parts.prefix}-${parts.year}`;
    highest.set(key, Math.max(highest.get(key) ?? 0, parts.sequence));
  };
  // Duplicates: the same number on two living localities keeps it on the id that sorts first.
  const holder = new Map<string, string>();
  const losers = new Set<string>();
  for (const id of Object.keys(state.reviews).sort()) {
    const review = state.reviews[id]!;
    if (review.number) {
      note(review.number);
      const first = holder.get(review.number);
      if (first === undefined) holder.set(review.number, id);
      else if (review.mergedInto === null && state.reviews[first]!.mergedInto === null) losers.add(id);
    }
    for (const former of review.formerNumbers ?? []) note(former);
  }
  const next = (nuts3: string) => {
    const prefix = KRAJ_NUMBER_PREFIX[nuts3] ?? nuts3.slice(-2);
    const key = `${prefix}-${year}`;
    const sequence = (highest.get(key) ?? 0) + 1;
    highest.set(key, sequence);
    return formatLocalityNumber({ prefix, year, sequence });
  };
  const ordered = [...localities].sort((a, b) => (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let reviews: Record<string, LocalityReview> | null = null;
  for (const locality of ordered) {
    if (locality.nuts3 === null) continue;
    const current = state.reviews[locality.id];
    if (current?.number && !losers.has(locality.id)) continue;
    if (current?.mergedInto) continue;
    const number = next(locality.nuts3);
    reviews ??= { ...state.reviews };
    // The review's updatedAt is left alone (a new one gets the epoch): giving a number is no decision, and must not
    // win over another tab's status or priority when the two reviews merge (the merge keeps the number anyway).
    reviews[locality.id] = { ...(current ?? defaultReview(locality.id, NUMBERING_EPOCH)), number };
    assigned.set(locality.id, number);
  }
  return { state: reviews ? { ...state, reviews } : state, assigned };
}

/** Locality id → number, and every number (absorbed ones too) → the locality that carries it now. */
export function localityNumberIndex(state: ReviewState): { numberOf: Map<string, string>; localityOfNumber: Map<string, string> } {
  const numberOf = new Map<string, string>();
  const localityOfNumber = new Map<string, string>();
  const living = (id: string): string => {
    let current = id;
    for (let guard = 0; guard < 100; guard++) {
      const into = state.reviews[current]?.mergedInto;
      if (!into) return current;
      current = into;
    }
    return current;
  };
  for (const [id, review] of Object.entries(state.reviews)) {
    if (review.number && review.mergedInto === null) numberOf.set(id, review.number);
  }
  for (const [id, review] of Object.entries(state.reviews)) {
    for (const number of [review.number, ...(review.formerNumbers ?? [])]) {
      if (!number) continue;
      const target = living(id);
      if (!localityOfNumber.has(number) || review.mergedInto === null) localityOfNumber.set(number, target);
    }
  }
  return { numberOf, localityOfNumber };
}

/**
 * The numbers a package gives (core's preparePackage, for the app and the CLI alike): localities of `clustering`
 * without one in `review` get one, in the order of their earliest report, so the same reports and review give the
 * same numbers on every run.
 */
export function numberClusteredLocalities(
  review: ReviewState,
  clustering: { localities: ReadonlyArray<{ id: string; reportIds: readonly string[] }> },
  reports: readonly Report[],
  at: string,
): ReviewState {
  const byId = new Map(reports.map((r) => [r.id, r]));
  const localities = clustering.localities.map((locality) => {
    const members = locality.reportIds.map((id) => byId.get(id)).filter((r): r is Report => r !== undefined);
    return { id: locality.id, nuts3: krajOfReports(members), firstAt: members[0]?.createdAt ?? '' };
  });
  return assignLocalityNumbers(review, localities, at).state;
}
