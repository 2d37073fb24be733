/**
 * Files waiting for the table-import dialog. A File is not plain data, so it does not go into the store: the drop
 * handler (FILE_ROUTES) and the chooser put files here, the dialog host takes them one at a time.
 */
type Listener = () => void;

let queue: readonly File[] = [];
const listeners = new Set<Listener>();

function publish(next: readonly File[]): void {
  queue = next;
  for (const listener of listeners) listener();
}

/** Opens the table-import dialog for each file, one after another. */
export function requestTableImport(files: readonly File[]): void {
  if (files.length > 0) publish([...queue, ...files]);
}

/** The file the dialog shows now (the first waiting), or null. */
export function currentTableImport(): File | null {
  return queue[0] ?? null;
}

/** The dialog for the current file was closed: the next file (if any) comes. */
export function finishTableImport(): void {
  publish(queue.slice(1));
}

export function subscribeTableImports(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
