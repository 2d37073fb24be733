/**
 * The NetTest import worker: streams the dropped file (CSV, or ZIP of CSVs) through papaparse into measurement
 * columns, posting progress in bytes, and transfers the columns back (no copy). One worker per import: cancelling
 * terminates it. Created by src/store/nettestClient.ts.
 */
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { fetchPackFile } from '../core/packs/packLoader.ts';
import { COUNTRY_PACK_ID, type ObceCollection } from '../core/packs/packFormat.ts';
import { transferablesOf } from '../core/nettest/measurementColumns.ts';
import { importMeasurementFile } from '../core/nettest/nettestImport.ts';
import type { MeasurementRequestMessage, MeasurementResponseMessage } from './nettestProtocol.ts';

let countryIndex: Promise<ObecIndex> | null = null;

function loadCountryIndex(): Promise<ObecIndex> {
  countryIndex ??= fetchPackFile<ObceCollection>(`${import.meta.env.BASE_URL}packs`, COUNTRY_PACK_ID, 'obce.geojson').then((obce) =>
    ObecIndex.fromCollection(obce, { coverage: 'country' }),
  );
  countryIndex.catch(() => (countryIndex = null));
  return countryIndex;
}

const scope = globalThis as unknown as {
  postMessage(message: MeasurementResponseMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<MeasurementRequestMessage>) => void): void;
};

scope.addEventListener('message', (event) => {
  const { id, request } = event.data;
  let lastPost = 0;
  const onProgress = (bytesRead: number, totalBytes: number) => {
    const now = performance.now();
    if (now - lastPost < 50 && bytesRead < totalBytes) return;
    lastPost = now;
    scope.postMessage({ id, type: 'progress', bytesRead, totalBytes });
  };
  loadCountryIndex().then(
    async (index) => {
      const outcome = await importMeasurementFile(request.file, request.isZip, index, onProgress, request.existing);
      scope.postMessage({ id, type: 'result', outcome }, outcome.ok ? transferablesOf(outcome.columns) : []);
    },
    (error: unknown) => scope.postMessage({ id, type: 'result', outcome: { ok: false, code: 'nettest.boundariesUnavailable', message: String(error) } }),
  );
});
