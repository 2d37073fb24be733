/**
 * Saving as one types: a form's typing is saved a short pause after the last keystroke (so one pause in typing is
 * one save and, within the history's coalescing window, one undo step), at once when the field is left, and
 * whenever the page is hidden or closed (`pagehide`, `visibilitychange` to hidden: a tab closed, a reload, a phone
 * switching apps). Until it is saved, every keystroke is also written to the typing journal
 * (src/store/persistence/typingJournal.ts), which survives even a close that cuts the save short.
 */
import type { AppStore } from '../../store/appStore.ts';
import { pageTypingJournal, recoverTyping, type TypingRecovery } from '../../store/persistence/typingJournal.ts';
import { savePendingEdits } from '../field/pendingEdits.ts';

/** The pause after the last keystroke before typing is saved. */
export const AUTOSAVE_DELAY_MS = 400;

export interface DebouncedSave {
  /** (Re)starts the pause; `save` runs when it ends. */
  schedule(): void;
  /** Runs a scheduled save now (returns its promise), or nothing when none is scheduled. */
  flush(): Promise<void>;
  readonly pending: boolean;
  /** Stops the timer without saving. */
  cancel(): void;
}

export function createDebouncedSave(
  save: () => Promise<void>,
  delayMs = AUTOSAVE_DELAY_MS,
  timers: { set(run: () => void, ms: number): ReturnType<typeof setTimeout>; clear(timer: ReturnType<typeof setTimeout>): void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (timer) => clearTimeout(timer),
  },
): DebouncedSave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
    return save();
  };
  return {
    schedule() {
      if (timer !== null) timers.clear(timer);
      timer = timers.set(() => void run(), delayMs);
    },
    flush() {
      return timer === null ? Promise.resolve() : run();
    },
    get pending() {
      return timer !== null;
    },
    cancel() {
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}

let installed = false;

/**
 * Saves every open form's typing when the page is hidden or goes away (`pagehide` on the window, `visibilitychange`
 * on the document). Installed once per page; the returned function removes the listeners.
 */
export function installFlushOnPageHide(): () => void {
  if (installed || typeof window === 'undefined') return () => undefined;
  installed = true;
  const onPageHide = () => void savePendingEdits();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void savePendingEdits();
  };
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    installed = false;
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

const PAGE_LOCK_PREFIX = 'hlucha-mista.page ';

/** Holds a Web Lock named after this page for as long as the page lives: other pages see it is open. */
function holdPageLock(pageId: string): void {
  if (typeof navigator === 'undefined' || !navigator.locks) return;
  void navigator.locks.request(PAGE_LOCK_PREFIX + pageId, () => new Promise<void>(() => undefined)).catch(() => undefined);
}

/**
 * The ids of the pages open now (their locks are held), or null when the browser cannot tell (no Web Locks): then
 * only typing older than a minute is recovered, the rest waits for a later start.
 */
async function openPages(): Promise<Set<string> | null> {
  if (typeof navigator === 'undefined' || !navigator.locks) return null;
  try {
    const snapshot = await navigator.locks.query();
    const names = [...(snapshot.held ?? []), ...(snapshot.pending ?? [])].map((lock) => lock.name ?? '');
    return new Set(names.filter((name) => name.startsWith(PAGE_LOCK_PREFIX)).map((name) => name.slice(PAGE_LOCK_PREFIX.length)));
  } catch {
    return null;
  }
}

/**
 * At start-up: saves what the typing journal holds from a page that was closed before its typing was saved (once
 * the stored reports are loaded), and installs the flush on page hide.
 */
export async function startAutosave(store: AppStore, reportsLoaded: Promise<void>): Promise<TypingRecovery> {
  const journal = pageTypingJournal();
  holdPageLock(journal.pageId);
  installFlushOnPageHide();
  await reportsLoaded;
  const state = () => store.getState();
  let live = await openPages();
  if (live === null) {
    const recent = new Date(Date.now() - 60_000).toISOString();
    live = new Set(
      journal
        .entries()
        .filter((entry) => entry.at > recent)
        .map((entry) => entry.pageId),
    );
  }
  return recoverTyping(
    journal,
    () => state().reports,
    (id, fields) => state().updateReport(id, fields),
    {
      livePages: live,
      isSaved: () => state().storage.state === 'ready',
    },
  );
}
