/**
 * "Načíst ukázková data (DEMO)": synthetic reports in the selected kraj, labelled `demo: true`, brought in
 * through the same door as an obec file (importObecFile), so they are validated, merged by id (loading them
 * twice changes nothing: the seed is fixed) and undoable like any import.
 */
import { generateDemoReports } from '../../core/demo/generateDemoReports.ts';
import { exportObecFile } from '../../core/obecFile/exportObecFile.ts';
import type { ImportSummary } from '../../core/obecFile/obecFileFormat.ts';
import type { AppStore } from '../../store/appStore.ts';
import { loadLookupIndex } from '../../store/packRepository.ts';

export const DEMO_REPORT_COUNT = 40;
const DEMO_SEED = 20_240_601;
/** Fixed, so that the same seed gives the very same reports (same content, same revision) on every load. */
const DEMO_NOW = '2025-06-02T09:00:00.000Z';

export async function loadDemoReports(store: AppStore): Promise<ImportSummary> {
  const { krajId } = store.getState();
  const index = await loadLookupIndex(krajId);
  const reports = generateDemoReports(index, {
    count: DEMO_REPORT_COUNT,
    seed: DEMO_SEED,
    now: DEMO_NOW,
    krajNuts3: krajId,
  });
  const text = exportObecFile(reports, { obec: null, signOff: null, exportedAt: DEMO_NOW, appVersion: 'demo' });
  const summary = await store.getState().importObecFile(text);
  store.getState().showImportResult({ source: 'demo', fileName: null, summary });
  return summary;
}
