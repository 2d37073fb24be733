/**
 * The analysis worker: clustering, evidence and aggregation off the main thread (analyseReports.ts), with
 * progress. The ObecIndex is built here, from the pack's full-resolution obce.geojson, once per pack.
 * Created by the store's client (src/store/analysisClient.ts) with
 * `new Worker(new URL('../worker/analysisWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { COUNTRY_PACK_ID, type ObceCollection } from '../core/packs/packFormat.ts';
import { analyseReports } from './analyseReports.ts';
import type { AnalysisRequestMessage, AnalysisResponseMessage } from './analysisProtocol.ts';

const indexes = new Map<string, Promise<ObecIndex>>();

function loadIndex(packId: string): Promise<ObecIndex> {
  let index = indexes.get(packId);
  if (!index) {
    index = fetch(`${import.meta.env.BASE_URL}packs/${packId}/obce.geojson`)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<ObceCollection>;
      })
      .then((obce) => ObecIndex.fromCollection(obce, { coverage: packId === COUNTRY_PACK_ID ? 'country' : 'pack' }));
    index.catch(() => indexes.delete(packId));
    indexes.set(packId, index);
  }
  return index;
}

const scope = globalThis as unknown as {
  postMessage(message: AnalysisResponseMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisRequestMessage>) => void): void;
};

scope.addEventListener('message', (event) => {
  const { id, request } = event.data;
  const post = (message: AnalysisResponseMessage) => scope.postMessage(message);
  post({ id, type: 'progress', progress: { phase: 'boundaries', fraction: 0 } });
  loadIndex(request.packId).then(
    (index) => {
      try {
        const result = analyseReports(index, request, (progress) => post({ id, type: 'progress', progress }));
        post({ id, type: 'result', result });
      } catch (error: unknown) {
        post({ id, type: 'error', code: 'analysis.failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    (error: unknown) => post({ id, type: 'error', code: 'analysis.boundariesUnavailable', message: error instanceof Error ? error.message : String(error) }),
  );
});
