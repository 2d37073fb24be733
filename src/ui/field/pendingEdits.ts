/**
 * Edits still in a form (typed text not yet saved: text is saved a pause after typing, when its field is left, and
 * when the page is hidden — src/ui/reports/autosave.ts). Before the page reloads for an update, and when it is
 * hidden, every open form saves its working copy here, so that nothing typed is lost.
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

/** A form registers its save; the returned function unregisters it. */
export function registerPendingEdits(flush: Flush): () => void {
  flushes.add(flush);
  return () => {
    flushes.delete(flush);
  };
}

/** Saves what every open form holds. */
export async function savePendingEdits(): Promise<void> {
  await Promise.all([...flushes].map((flush) => flush()));
}
