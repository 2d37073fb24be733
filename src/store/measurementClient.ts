/**
 * The store's door to the NetTest import worker (src/worker/measurementWorker.ts): one worker per import, so that
 * cancelling is terminating it. Where there is no Worker (Node tests) the same import runs in-process.
 */
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { MeasurementColumns } from '../core/measurements/measurementColumns.ts';
// Only the type statically: the in-process import (fflate, papaparse, h3-js) is loaded when used.
import type { StreamableFile } from '../worker/measurementImport.ts';
import type { MeasurementImportOutcome, MeasurementRequestMessage, MeasurementResponseMessage } from '../worker/measurementProtocol.ts';

export type MeasurementImportRun = {
  /** Resolves with the outcome, or null when cancelled. */
  done: Promise<MeasurementImportOutcome | null>;
  cancel(): void;
};

export interface MeasurementClient {
  /** Reads the file and adds its measurements to `existing` (copied to the worker, not moved: the page keeps them). */
  importFile(file: StreamableFile, isZip: boolean, existing: MeasurementColumns | null, onProgress: (bytesRead: number, totalBytes: number) => void): MeasurementImportRun;
}

export function createWorkerMeasurementClient(): MeasurementClient {
  return {
    importFile(file, isZip, existing, onProgress) {
      const worker = new Worker(new URL('../worker/measurementWorker.ts', import.meta.url), { type: 'module' });
      let settle: (outcome: MeasurementImportOutcome | null) => void = () => undefined;
      const done = new Promise<MeasurementImportOutcome | null>((resolve) => (settle = resolve));
      worker.addEventListener('message', (event: MessageEvent<MeasurementResponseMessage>) => {
        const message = event.data;
        if (message.type === 'progress') return onProgress(message.bytesRead, message.totalBytes);
        worker.terminate();
        settle(message.outcome);
      });
      // A worker that dies (out of memory, a crash) is told apart from a file that could not be read: the next
      // import starts a fresh worker (one per import), and the user is told this one failed.
      const died = (message: string) => {
        worker.terminate();
        settle({ ok: false, code: 'nettest.workerFailed', message });
      };
      worker.addEventListener('error', (event) => died(event.message));
      worker.addEventListener('messageerror', () => died('messageerror'));
      const message: MeasurementRequestMessage = { id: 1, type: 'import', request: { file: file as File, isZip, existing } };
      worker.postMessage(message);
      return {
        done,
        cancel() {
          worker.terminate();
          settle(null);
        },
      };
    },
  };
}

export function createInProcessMeasurementClient(loadIndex: (packId: string) => Promise<ObecIndex>): MeasurementClient {
  return {
    importFile(file, isZip, existing, onProgress) {
      let cancelled = false;
      const done = loadIndex(COUNTRY_PACK_ID).then(
        async (index): Promise<MeasurementImportOutcome | null> => {
          const { importMeasurementFile } = await import('../worker/measurementImport.ts');
          const outcome = await importMeasurementFile(file, isZip, index, onProgress, existing);
          return cancelled ? null : outcome;
        },
        (error: unknown): MeasurementImportOutcome => ({ ok: false, code: 'nettest.boundariesUnavailable', message: String(error) }),
      );
      return { done, cancel: () => void (cancelled = true) };
    },
  };
}
