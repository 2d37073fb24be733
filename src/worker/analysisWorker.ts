/**
 * The analysis worker: clustering, evidence and aggregation off the main thread (analyseReports.ts), with
 * progress. The ObecIndex is built here, from the pack's full-resolution obce.geojson, once per pack.
 * Created by the store's client (src/store/analysisClient.ts) with
 * `new Worker(new URL('../worker/analysisWorker.ts', import.meta.url), { type: 'module' })`.
 */
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { fetchPackFile } from '../core/packs/packLoader.ts';
import { COUNTRY_PACK_ID, type AddressPointsPack, type ObceCollection, type PackManifest } from '../core/packs/packFormat.ts';
import { analyseReports, type AddressPointsSource } from '../core/analysis/analyseReports.ts';
import type { AnalysisRequestMessage, AnalysisResponseMessage } from './analysisProtocol.ts';
import { LoadedMeasurements } from '../core/analysis/loadedNettest.ts';
import { loadAnalysisIndex } from '../core/analysis/loadAnalysisIndex.ts';

const indexes = new Map<string, Promise<ObecIndex>>();

const PACKS_URL = `${import.meta.env.BASE_URL}packs`;

function loadIndex(packId: string): Promise<ObecIndex> {
  let index = indexes.get(packId);
  if (!index) {
    index = fetchPackFile<ObceCollection>(PACKS_URL, packId, 'obce.geojson').then((obce) =>
      ObecIndex.fromCollection(obce, { coverage: packId === COUNTRY_PACK_ID ? 'country' : 'pack' }),
    );
    index.catch(() => indexes.delete(packId));
    indexes.set(packId, index);
  }
  return index;
}

const addressPacks = new Map<string, Promise<AddressPointsPack | null>>();

/** The kraj pack's RÚIAN address points, or null when its manifest lists none (a failed load is retried next time). */
function loadAddressPoints(packId: string): Promise<AddressPointsPack | null> {
  let pack = addressPacks.get(packId);
  if (!pack) {
    pack = fetchPackFile<PackManifest>(PACKS_URL, packId, 'manifest.json').then((manifest) =>
      manifest.files['adresni-mista.json'] ? fetchPackFile<AddressPointsPack>(PACKS_URL, packId, 'adresni-mista.json') : null,
    );
    pack.catch(() => addressPacks.delete(packId));
    addressPacks.set(packId, pack);
  }
  return pack;
}

function addressPointsFor(packId: string | null | undefined): Promise<AddressPointsSource | null> {
  if (!packId) return Promise.resolve(null);
  return loadAddressPoints(packId).then(
    (pack) => ({ packId, pack }),
    () => ({ packId, pack: null }),
  );
}

const scope = globalThis as unknown as {
  postMessage(message: AnalysisResponseMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisRequestMessage>) => void): void;
};

/** The imported measurements (see the 'measurements' message). */
let measurements: LoadedMeasurements | null = null;

scope.addEventListener('message', (event) => {
  const message = event.data;
  const post = (message: AnalysisResponseMessage) => scope.postMessage(message);
  if (message.type === 'measurements') {
    measurements = message.columns ? new LoadedMeasurements(message.version, message.columns) : null;
    return;
  }
  if (message.type === 'measurementCells' || message.type === 'measurementPoints') {
    const current = measurements?.version === message.request.version ? measurements : null;
    try {
      if (message.type === 'measurementCells') post({ id: message.id, type: 'measurementCells', result: current ? current.cellsFor(message.request) : null });
      else post({ id: message.id, type: 'measurementPoints', result: current ? current.pointsFor(message.request) : null });
    } catch (error: unknown) {
      post({ id: message.id, type: 'error', code: 'analysis.failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  const { id, request } = message;
  post({ id, type: 'progress', progress: { phase: 'boundaries', fraction: 0 } });
  Promise.all([loadAnalysisIndex(loadIndex, request.packId, request.fallbackPackId), addressPointsFor(request.addressPointsPackId)]).then(
    ([{ index, boundaries }, addressPoints]) => {
      try {
        const result = analyseReports(index, request, (progress) => post({ id, type: 'progress', progress }), addressPoints, measurements);
        post({ id, type: 'result', result: boundaries === 'fallback' ? { ...result, boundariesFallback: request.fallbackPackId! } : result });
      } catch (error: unknown) {
        post({ id, type: 'error', code: 'analysis.failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    (error: unknown) => post({ id, type: 'error', code: 'analysis.boundariesUnavailable', message: error instanceof Error ? error.message : String(error) }),
  );
});
