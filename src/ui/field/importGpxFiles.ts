import type { AppStore } from '../../store/appStore.ts';

/** Imports GPX files one after another (chosen, or dropped and routed here by FILE_ROUTES.gpx). */
export async function importGpxFiles(store: AppStore, files: readonly File[]): Promise<void> {
  // The result is shown beside the reports list.
  if (store.getState().appView !== 'reports') store.getState().setAppView('reports');
  // The GPX reader (with its XML parser) is loaded with the first GPX file, not with the page.
  const { GPX_MAX_CHARS } = await import('../../core/gpx/gpx.ts');
  for (const file of files) {
    // A file too large is refused before it is read into memory.
    if (file.size > GPX_MAX_CHARS) store.getState().refuseGpxFile(file.name, 'gpx.tooLarge', { limitMb: GPX_MAX_CHARS / 1024 / 1024 });
    else await store.getState().importGpx(file.name, await file.text());
  }
}
