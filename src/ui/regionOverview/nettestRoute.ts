import type { AppStore } from '../../store/appStore.ts';

/**
 * Dropped NetTest files (a CSV, or a ZIP: the sniffer calls every non-workbook ZIP 'zip'; a ZIP without a NetTest
 * CSV inside is refused by the import with its reason): the region overview opens, where the import shows its
 * progress and summary.
 */
export function importDroppedMeasurements(isZip: boolean) {
  return (store: AppStore, files: File[]): void => {
    const state = store.getState();
    if (state.appView !== 'coordinator') state.setAppView('coordinator');
    if (state.measurementImport.status === 'running') return;
    void state.importMeasurementFiles(files, { isZip });
  };
}
