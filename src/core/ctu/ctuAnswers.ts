/**
 * The loop back from ČTÚ, part 2: ČTÚ's answer per locality, entered by hand or imported from a CSV keyed by the
 * locality number. Every package carries the template (`odpoved_ctu.csv`: one row per locality, the answer columns
 * empty); ČTÚ (or the kraj, from ČTÚ's letter) fills the rows it answers and the kraj imports the file. Each row is
 * checked on its own (unknown number, state, date) and reported with its line; the valid ones become `ctuAnswer`
 * review actions, so the status follows and the audit trail records them. Importing the same file twice adds
 * nothing.
 */
import Papa from 'papaparse';
import type { Clustering } from '../cluster/clusterReports.ts';
import { toExcelCsv, type CsvColumn } from '../ctuPackage/excelCsv.ts';
import type { PackageLocality } from '../ctuPackage/packageLocalities.ts';
import type { Label } from '../ctuPackage/packageTables.ts';
import { applyReviewAction } from '../review/applyReviewAction.ts';
import { localityNumberIndex } from '../review/localityNumbers.ts';
import { CTU_ANSWER_STATES, type CtuAnswer, type CtuAnswerState, type ReviewState } from '../review/reviewModel.ts';
import { normalizeForSearch } from '../text/normalizeForSearch.ts';

export const ANSWER_TEMPLATE_FILE_NAME = 'odpoved_ctu.csv';

export const ANSWER_COLUMNS = {
  number: 'Číslo lokality',
  state: 'Stav ČTÚ',
  date: 'Datum odpovědi',
  reference: 'Č. j. ČTÚ',
  note: 'Poznámka ČTÚ',
} as const;

/** The words ČTÚ may write in "Stav ČTÚ" (Czech and English, without case and diacritics), and the codes. */
const STATE_WORDS: Record<CtuAnswerState, readonly string[]> = {
  measured: ['measured', 'zmereno', 'mereno', 'zmerena'],
  confirmedWhiteSpot: ['confirmedwhitespot', 'confirmed white spot', 'potvrzene bile misto', 'bile misto', 'potvrzeno', 'potvrzena'],
  notConfirmed: ['notconfirmed', 'not confirmed', 'nepotvrzeno', 'nepotvrzena'],
  resolved: ['resolved', 'vyreseno', 'vyresena'],
};

export function answerStateOf(text: string): CtuAnswerState | null {
  const word = normalizeForSearch(text).trim();
  for (const state of CTU_ANSWER_STATES) if (STATE_WORDS[state].includes(word)) return state;
  return null;
}

/** ISO date from `2026-12-01` or Czech `1. 12. 2026`; null when neither or not a real day. */
export function answerDateOf(text: string): string | null {
  const value = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$/.exec(value);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The template in the package: one row per locality, what identifies it, and the answer columns empty. */
export function buildAnswerTemplateCsv(localities: readonly PackageLocality[], label: Label): string {
  const columns: Array<CsvColumn<PackageLocality>> = [
    { header: ANSWER_COLUMNS.number, kind: 'text', value: (l) => l.number },
    { header: 'Obec', kind: 'text', value: (l) => l.obce.map((o) => o.nazev).join(', ') },
    { header: 'Oblast', kind: 'text', value: (l) => label(`enum.domain.${l.domain}`) },
    { header: 'Popis lokality', kind: 'text', value: (l) => l.description },
    { header: ANSWER_COLUMNS.state, kind: 'text', value: () => '' },
    { header: ANSWER_COLUMNS.date, kind: 'text', value: () => '' },
    { header: ANSWER_COLUMNS.reference, kind: 'text', value: () => '' },
    { header: ANSWER_COLUMNS.note, kind: 'text', value: () => '' },
  ];
  return toExcelCsv(columns, localities);
}

export type AnswerRowProblem = 'ctu.unknownNumber' | 'ctu.badState' | 'ctu.badDate' | 'ctu.noNumber';

export type AnswerRow =
  | { line: number; number: string; ok: true; answer: CtuAnswer }
  | { line: number; number: string; ok: false; code: AnswerRowProblem; value?: string };

export type AnswerFile = { ok: true; rows: AnswerRow[]; skippedEmpty: number } | { ok: false; code: 'ctu.notAnswerFile' | 'ctu.empty' };

/** The fields of one answer as a person or a CSV row gives them (text), for one locality number. */
export interface AnswerFields {
  state: string;
  date: string;
  reference: string;
  note: string;
}

/** One answer checked as every answer is, whether from a row of the CSV or from the form of the locality panel. */
export function answerRowOf(line: number, number: string, fields: AnswerFields): AnswerRow {
  if (number === '') return { line, number, ok: false, code: 'ctu.noNumber' };
  const state = answerStateOf(fields.state);
  if (!state) return { line, number, ok: false, code: 'ctu.badState', value: fields.state };
  const date = answerDateOf(fields.date);
  if (!date) return { line, number, ok: false, code: 'ctu.badDate', value: fields.date };
  return { line, number, ok: true, answer: { state, date, reference: fields.reference.trim(), note: fields.note.trim() } };
}

/** A cell as Excel-safe CSV wrote it: the apostrophe guarding a formula-like value is not part of the value. */
const cell = (value: string | undefined) => {
  const text = (value ?? '').trim();
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
};

/** Reads a filled template (or any CSV with its column names; `;`, `,` or tab, BOM or not). */
export function parseAnswersCsv(text: string): AnswerFile {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, code: 'ctu.empty' };
  const parsed = Papa.parse<Record<string, string>>(body, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t'],
    transformHeader: (h) => h.trim(),
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes(ANSWER_COLUMNS.number) || !fields.includes(ANSWER_COLUMNS.state)) return { ok: false, code: 'ctu.notAnswerFile' };
  const rows: AnswerRow[] = [];
  let skippedEmpty = 0;
  parsed.data.forEach((record, i) => {
    const line = i + 2; // the header is line 1
    const number = cell(record[ANSWER_COLUMNS.number]).toUpperCase();
    const stateText = cell(record[ANSWER_COLUMNS.state]);
    if (stateText === '') {
      skippedEmpty++; // a template row ČTÚ did not answer
      return;
    }
    rows.push(
      answerRowOf(line, number, {
        state: stateText,
        date: cell(record[ANSWER_COLUMNS.date]),
        reference: cell(record[ANSWER_COLUMNS.reference]),
        note: cell(record[ANSWER_COLUMNS.note]),
      }),
    );
  });
  return { ok: true, rows, skippedEmpty };
}

export interface AnswersImport {
  review: ReviewState;
  /** Rows recorded: the locality, its number and the answer. */
  applied: Array<{ line: number; number: string; localityId: string; answer: CtuAnswer }>;
  /** Rows already recorded before (the same answer): nothing added. */
  alreadyKnown: number;
  /** Rows refused, with their line and reason. */
  refused: Array<{ line: number; number: string; code: AnswerRowProblem | string; value?: string }>;
}

function sameAnswer(a: CtuAnswer, b: CtuAnswer): boolean {
  return a.state === b.state && a.date === b.date && a.reference === b.reference && a.note === b.note;
}

/** Records the file's valid rows as ČTÚ's answers (keyed by locality number, absorbed numbers included). */
export function importAnswers(review: ReviewState, rows: readonly AnswerRow[], context: { clustering: Clustering; by: string; at: string }): AnswersImport {
  let state = review;
  const result: AnswersImport = { review, applied: [], alreadyKnown: 0, refused: [] };
  const { localityOfNumber } = localityNumberIndex(review);
  for (const row of rows) {
    if (!row.ok) {
      result.refused.push({ line: row.line, number: row.number, code: row.code, ...(row.value !== undefined ? { value: row.value } : {}) });
      continue;
    }
    const localityId = localityOfNumber.get(row.number);
    if (!localityId) {
      result.refused.push({ line: row.line, number: row.number, code: 'ctu.unknownNumber' });
      continue;
    }
    if ((state.reviews[localityId]?.ctuAnswers ?? []).some((known) => sameAnswer(known, row.answer))) {
      result.alreadyKnown++;
      continue;
    }
    const applied = applyReviewAction(
      state,
      { type: 'ctuAnswer', localityId, answer: row.answer },
      { clustering: context.clustering, createdAt: new Map(), by: context.by, at: context.at },
    );
    if (!applied.ok) {
      result.refused.push({ line: row.line, number: row.number, code: applied.code });
      continue;
    }
    state = applied.state;
    result.applied.push({ line: row.line, number: row.number, localityId, answer: row.answer });
  }
  result.review = state;
  return result;
}
