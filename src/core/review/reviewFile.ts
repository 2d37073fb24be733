/**
 * The review file: the coordinator's reviews, pins and audit trail, exported and imported as JSON so the review
 * survives moving between machines. Importing merges: audit entries by id (union, in time order), each review and
 * each pin by the later of the two timestamps, a review's notes as the union of both. Importing the same file twice
 * changes nothing. The same merge keeps two tabs that review at once from overwriting each other (reportDatabase).
 */
import { mergePackageHistories } from '../ctu/packageHistory.ts';
import { LOCALITY_STATUSES, PRIORITIES, type ReviewState } from './reviewModel.ts';

export const REVIEW_FILE_FORMAT = 'hlucha-mista/review';
export const REVIEW_FILE_VERSION = 1;

export interface ReviewFile {
  format: typeof REVIEW_FILE_FORMAT;
  version: number;
  exportedAt: string;
  state: ReviewState;
}

export function exportReviewFile(state: ReviewState, exportedAt: string): string {
  const file: ReviewFile = { format: REVIEW_FILE_FORMAT, version: REVIEW_FILE_VERSION, exportedAt, state };
  return `${JSON.stringify(file, null, 1)}\n`;
}

export type ReviewFileProblem = 'reviewFile.notJson' | 'reviewFile.notReviewFile' | 'reviewFile.newerVersion' | 'reviewFile.invalid';

export function parseReviewFile(text: string): { ok: true; state: ReviewState } | { ok: false; code: ReviewFileProblem } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, code: 'reviewFile.notJson' };
  }
  const file = data as Partial<ReviewFile> | null;
  if (!file || typeof file !== 'object' || file.format !== REVIEW_FILE_FORMAT || typeof file.version !== 'number')
    return { ok: false, code: 'reviewFile.notReviewFile' };
  if (file.version > REVIEW_FILE_VERSION) return { ok: false, code: 'reviewFile.newerVersion' };
  const state = file.state;
  if (!state || typeof state.reviews !== 'object' || typeof state.pins !== 'object' || !Array.isArray(state.audit))
    return { ok: false, code: 'reviewFile.invalid' };
  for (const review of Object.values(state.reviews)) {
    if (!LOCALITY_STATUSES.includes(review.status) || !PRIORITIES.includes(review.priority) || !Array.isArray(review.notes))
      return { ok: false, code: 'reviewFile.invalid' };
  }
  return { ok: true, state };
}

export function mergeReviewStates(mine: ReviewState, theirs: ReviewState): ReviewState {
  const reviews = { ...mine.reviews };
  for (const [id, review] of Object.entries(theirs.reviews)) {
    const current = reviews[id];
    if (!current) reviews[id] = review;
    else {
      // Status, priority and merge: the later decision wins. Notes: both sides' notes are kept (two people, or two
      // tabs, writing notes on one locality at once lose none), in time order, each once.
      const later = review.updatedAt > current.updatedAt ? review : current;
      const notes = new Map([...current.notes, ...review.notes].map((note) => [`${note.at}|${note.by}|${note.text}`, note]));
      const merged = [...notes.values()].sort((a, b) => a.at.localeCompare(b.at) || a.by.localeCompare(b.by) || a.text.localeCompare(b.text));
      let withNotes = merged.length === later.notes.length ? later : { ...later, notes: merged };
      if (current.ctuAnswers || review.ctuAnswers) {
        const answers = new Map([...(current.ctuAnswers ?? []), ...(review.ctuAnswers ?? [])].map((a) => [`${a.date}|${a.state}|${a.reference}|${a.note}`, a]));
        if (answers.size !== (later.ctuAnswers?.length ?? 0))
          withNotes = { ...withNotes, ctuAnswers: [...answers.values()].sort((a, b) => a.date.localeCompare(b.date)) };
      }
      // A locality's number is given once: a copy saved before it was given (another tab) must not drop it.
      const other = later === review ? current : review;
      reviews[id] =
        withNotes.number === undefined && other.number !== undefined
          ? { ...withNotes, number: other.number, ...(other.formerNumbers ? { formerNumbers: other.formerNumbers } : {}) }
          : withNotes;
    }
  }
  const pins = { ...mine.pins };
  for (const [reportId, pin] of Object.entries(theirs.pins)) {
    const current = pins[reportId];
    if (!current || pin.at > current.at) pins[reportId] = pin;
  }
  const audit = new Map(mine.audit.map((entry) => [entry.id, entry]));
  for (const entry of theirs.audit) if (!audit.has(entry.id)) audit.set(entry.id, entry);
  const merged: ReviewState = { reviews, pins, audit: [...audit.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)) };
  if (mine.packages || theirs.packages) merged.packages = mergePackageHistories(mine.packages ?? [], theirs.packages ?? []);
  return merged;
}
