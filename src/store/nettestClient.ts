/**
 * The store's door to the NetTest import worker (src/worker/nettestWorker.ts): one worker per import, so that
 * cancelling is terminating it. Where there is no Worker (Node tests) the same import runs in-process.
 */
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { MeasurementColumns } from '../core/nettest/measurementColumns.ts';
// Only the type statically: the in-process import (fflate, papaparse, h3-js) is loaded when used.
import type { StreamableFile } from '../core/nettest/nettestImport.ts';
import type { MeasurementImportOutcome, MeasurementRequestMessage, MeasurementResponseMessage } from '../worker/nettestProtocol.ts';
import { createWorkerClient } from './workerClient.ts';

export type MeasurementImportRun = {
  /** Resolves with the outcome, or null when cancelled. */
  done: Promise<MeasurementImportOutcome | null>;
  cancel(): void;
};

export interface MeasurementClient {
  /** Reads the file and adds its measurements to `existing` (copied to the worker, not moved: the page keeps them). */
  importFile(
    file: StreamableFile,
    isZip: boolean,
    existing: MeasurementColumns | null,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): MeasurementImportRun;
}

export function createWorkerMeasurementClient(): MeasurementClient {
  return {
    importFile(file, isZip, existing, onProgress) {
      const worker = createWorkerClient<MeasurementRequestMessage, MeasurementResponseMessage>(
        () => new Worker(new URL('../worker/nettestWorker.ts', import.meta.url), { type: 'module' }),
      );
      let settle: (outcome: MeasurementImportOutcome | null) => void = () => undefined;
      const done = new Promise<MeasurementImportOutcome | null>((resolve) => (settle = resolve));
      void worker
        .call({ id: worker.nextId(), type: 'import', request: { file: file as File, isZip, existing } }, (message) => {
          if (message.type === 'progress') onProgress(message.bytesRead, message.totalBytes);
        })
        .then((answer) => {
          worker.close();
          // A worker that dies (out of memory, a crash) is told apart from a file that could not be read: the next
          // import starts a fresh worker (one per import), and the user is told this one failed.
          if (!answer.ok) settle({ ok: false, code: 'nettest.workerFailed', message: answer.message });
          else if (answer.response.type === 'result') settle(answer.response.outcome);
        });
      return {
        done,
        cancel() {
          worker.close();
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
          const { importMeasurementFile } = await import('../core/nettest/nettestImport.ts');
          const outcome = await importMeasurementFile(file, isZip, index, onProgress, existing);
          return cancelled ? null : outcome;
        },
        (error: unknown): MeasurementImportOutcome => ({ ok: false, code: 'nettest.boundariesUnavailable', message: String(error) }),
      );
      return { done, cancel: () => void (cancelled = true) };
    },
  };
}
