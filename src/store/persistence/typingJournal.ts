/**
 * What a person has typed into a report form and the store has not saved yet, written down synchronously on every
 * keystroke (localStorage), so that closing the tab, reloading or a phone dropping the page while another app is in
 * front loses nothing: the form saves typing to IndexedDB after a short pause (src/ui/reports/autosave.ts) and when
 * the page is hidden, but an IndexedDB write started while a page is being closed may never finish. localStorage is
 * written before the event handler returns.
 *
 * At start-up, after the reports are loaded, recoverTyping() saves what the journal holds through the store's
 * updateReport (one ordinary, undoable edit), unless the report is gone or was saved later than the typing (another
 * tab, an import): the newest edit wins, as everywhere else in the app.
 */
import { canonicalJson } from '../../core/text/canonicalJson.ts';
import type { Report } from '../../core/reports/report.ts';
import { EDITABLE_REPORT_FIELDS, type EditableReportFields } from '../reportsContract.ts';

export const TYPING_JOURNAL_KEY = 'hlucha-mista.unsavedTyping';

/** At most this many characters are journaled (a bound on bad input; the form's own limits are far lower). */
const MAX_JOURNAL_CHARS = 2_000_000;

export interface TypingEntry {
  /** The page (tab) that typed it: a page that is still open saves its own typing. */
  pageId: string;
  reportId: string;
  /** The fields that differ from the stored report, as the form holds them. */
  fields: Partial<EditableReportFields>;
  /** ISO date-time of the last keystroke. */
  at: string;
}

export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TypingJournal {
  /** This page's id (the entries it writes carry it). */
  readonly pageId: string;
  /** Writes (replaces) what this page has unsaved in one report; an empty `fields` removes the entry. */
  write(reportId: string, fields: Partial<EditableReportFields>, at: string): void;
  /** Forgets this page's entry of a report (its typing is saved). */
  clear(reportId: string): void;
  /** Forgets one entry (of any page) if it is still the one given (same `at`). */
  remove(entry: Pick<TypingEntry, 'pageId' | 'reportId' | 'at'>): void;
  entries(): TypingEntry[];
}

function isEditableKey(key: string): key is keyof EditableReportFields {
  return (EDITABLE_REPORT_FIELDS as readonly string[]).includes(key);
}

type StoredEntries = Record<string, { pageId: string; reportId: string; fields: Partial<EditableReportFields>; at: string }>;

const entryKey = (pageId: string, reportId: string) => `${pageId} ${reportId}`;

/** Entries read back from storage, keeping only well-formed ones (the text may be damaged or from another version). */
export function parseTypingJournal(text: string | null): TypingEntry[] {
  if (!text || text.length > MAX_JOURNAL_CHARS) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const entries: TypingEntry[] = [];
  for (const value of Object.values(raw as Record<string, unknown>)) {
    const entry = value as { pageId?: unknown; reportId?: unknown; fields?: unknown; at?: unknown } | null;
    if (!entry || typeof entry.pageId !== 'string' || typeof entry.reportId !== 'string') continue;
    if (typeof entry.at !== 'string' || Number.isNaN(Date.parse(entry.at))) continue;
    if (typeof entry.fields !== 'object' || entry.fields === null || Array.isArray(entry.fields)) continue;
    const fields: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(entry.fields as Record<string, unknown>)) if (isEditableKey(key)) fields[key] = field;
    if (Object.keys(fields).length > 0)
      entries.push({ pageId: entry.pageId, reportId: entry.reportId, fields: fields as Partial<EditableReportFields>, at: entry.at });
  }
  return entries;
}

/** The journal in `storage` (localStorage in the browser; null: a journal that keeps nothing), written as page `pageId`. */
export function createTypingJournal(storage: JournalStorage | null, pageId: string): TypingJournal {
  const read = (): StoredEntries => {
    if (!storage) return {};
    try {
      return Object.fromEntries(parseTypingJournal(storage.getItem(TYPING_JOURNAL_KEY)).map((entry) => [entryKey(entry.pageId, entry.reportId), entry]));
    } catch {
      return {};
    }
  };
  const writeAll = (all: StoredEntries) => {
    if (!storage) return;
    try {
      if (Object.keys(all).length === 0) storage.removeItem(TYPING_JOURNAL_KEY);
      else storage.setItem(TYPING_JOURNAL_KEY, JSON.stringify(all));
    } catch {
      // A full or refused localStorage: the debounced save to IndexedDB still runs; nothing else to do here.
    }
  };
  const removeKey = (key: string, at?: string) => {
    const all = read();
    if (!(key in all) || (at !== undefined && all[key]!.at !== at)) return;
    delete all[key];
    writeAll(all);
  };
  return {
    pageId,
    write(reportId, fields, at) {
      const all = read();
      const key = entryKey(pageId, reportId);
      if (Object.keys(fields).length === 0) {
        if (!(key in all)) return;
        delete all[key];
      } else all[key] = { pageId, reportId, fields, at };
      writeAll(all);
    },
    clear(reportId) {
      removeKey(entryKey(pageId, reportId));
    },
    remove(entry) {
      removeKey(entryKey(entry.pageId, entry.reportId), entry.at);
    },
    entries() {
      return Object.values(read());
    },
  };
}

export interface TypingRecovery {
  /** Edits to save: the typed fields that differ from what is stored. */
  toSave: Array<{ id: string; fields: Partial<EditableReportFields> }>;
  /** Entries not replayed because the report was saved after the typing (elsewhere) or is gone. */
  skipped: Array<{ id: string; reason: 'typing.reportGone' | 'typing.savedLater' }>;
  /** The entries of closed pages looked at (removed from the journal once what they hold is saved). */
  handled: TypingEntry[];
}

/**
 * What of the journal is still unsaved in `reports`, and what is not replayed and why (pure). Entries of pages
 * that are still open (`livePages`) are theirs to save and are left alone; of two closed pages' entries for one
 * report the newer typing counts.
 */
export function typingToRecover(
  entries: readonly TypingEntry[],
  reports: Readonly<Record<string, Report>>,
  livePages: ReadonlySet<string> = new Set(),
): TypingRecovery {
  const recovery: TypingRecovery = { toSave: [], skipped: [], handled: [] };
  const newest = new Map<string, TypingEntry>();
  for (const entry of entries) {
    if (livePages.has(entry.pageId)) continue;
    recovery.handled.push(entry);
    const current = newest.get(entry.reportId);
    if (!current || entry.at > current.at) newest.set(entry.reportId, entry);
  }
  for (const entry of newest.values()) {
    const report = reports[entry.reportId];
    if (!report) {
      recovery.skipped.push({ id: entry.reportId, reason: 'typing.reportGone' });
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry.fields)) {
      if (canonicalJson(value) !== canonicalJson(report[key as keyof EditableReportFields])) fields[key] = value;
    }
    if (Object.keys(fields).length === 0) continue;
    if (report.updatedAt > entry.at) {
      recovery.skipped.push({ id: entry.reportId, reason: 'typing.savedLater' });
      continue;
    }
    recovery.toSave.push({ id: entry.reportId, fields: fields as Partial<EditableReportFields> });
  }
  return recovery;
}

/**
 * Saves what the journal holds from closed pages that the loaded reports lack, then removes those entries. Call
 * after loadReports. Returns what happened (for a test or a notice).
 */
export async function recoverTyping(
  journal: TypingJournal,
  reports: () => Readonly<Record<string, Report>>,
  updateReport: (id: string, fields: Partial<EditableReportFields>) => Promise<void>,
  options: {
    /** Pages still open (they save their own typing); this page is always counted as open. */
    livePages?: ReadonlySet<string>;
    /** Whether what the store holds is on disk now; the journal is kept while it is not (storage failing). */
    isSaved?: () => boolean;
  } = {},
): Promise<TypingRecovery> {
  const live = new Set(options.livePages ?? []);
  live.add(journal.pageId);
  const recovery = typingToRecover(journal.entries(), reports(), live);
  for (const { id, fields } of recovery.toSave) await updateReport(id, fields);
  if (options.isSaved && !options.isSaved()) return recovery;
  for (const entry of recovery.handled) journal.remove(entry);
  return recovery;
}

/** A new page id (random; no meaning beyond telling pages apart). */
export function newPageId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

let defaultJournal: TypingJournal | null = null;

/** The page's journal, in localStorage (none where localStorage is missing or refused). */
export function pageTypingJournal(): TypingJournal {
  if (!defaultJournal) {
    let storage: JournalStorage | null = null;
    try {
      storage = typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      storage = null;
    }
    defaultJournal = createTypingJournal(storage, newPageId());
  }
  return defaultJournal;
}
