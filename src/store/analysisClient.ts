/**
 * The store's typed door to the analysis worker (src/worker/analysisWorker.ts). One request at a time matters:
 * a newer request makes the answer to an older one irrelevant, so the client drops stale answers. Where there is
 * no Worker (Node tests), the same analysis runs in-process on an index the caller provides.
 */
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { AddressPointsPack } from '../core/packs/packFormat.ts';
import type { MeasurementColumns } from '../core/measurements/measurementColumns.ts';
import { analyseReports } from '../core/analysis/analyseReports.ts';
import {
  LoadedMeasurements,
  type MeasurementCellsRequest,
  type MeasurementCellsResult,
  type MeasurementPointsRequest,
  type MeasurementPointsResult,
} from '../core/analysis/loadedMeasurements.ts';
import type {
  AnalysisErrorCode,
  AnalysisProgress,
  AnalysisRequest,
  AnalysisRequestMessage,
  AnalysisResponseMessage,
  AnalysisResult,
} from '../worker/analysisProtocol.ts';

export type AnalysisOutcome = { ok: true; result: AnalysisResult } | { ok: false; code: AnalysisErrorCode | 'analysis.superseded'; message: string };

export interface AnalysisClient {
  analyse(request: AnalysisRequest, onProgress?: (progress: AnalysisProgress) => void): Promise<AnalysisOutcome>;
  /** Hands the imported measurements (null: none) to the analysis, as `version`; sent once, kept there. */
  setMeasurements(version: number, columns: MeasurementColumns | null): void;
  /** The measurement layer's cells; null when the version asked for is not the one held. */
  measurementCells(request: MeasurementCellsRequest): Promise<MeasurementCellsResult | null>;
  measurementPoints(request: MeasurementPointsRequest): Promise<MeasurementPointsResult | null>;
  close(): void;
}

/** The worker in the browser. */
export function createWorkerAnalysisClient(): AnalysisClient {
  let worker: Worker | null = null;
  let sequence = 0;
  const pending = new Map<number, { resolve: (outcome: AnalysisOutcome) => void; onProgress?: (progress: AnalysisProgress) => void }>();
  const queries = new Map<number, (result: MeasurementCellsResult | MeasurementPointsResult | null) => void>();
  let measurements: { version: number; columns: MeasurementColumns | null } = { version: 0, columns: null };
  let measurementsSent: number | null = null;
  /** The measurements go to the worker once per version (a structured clone: the page keeps its own copy). */
  const sendMeasurements = (target: Worker) => {
    if (measurementsSent === measurements.version) return;
    const message: AnalysisRequestMessage = { id: ++sequence, type: 'measurements', version: measurements.version, columns: measurements.columns };
    target.postMessage(message);
    measurementsSent = measurements.version;
  };
  function query<T>(type: 'measurementCells' | 'measurementPoints', request: MeasurementCellsRequest | MeasurementPointsRequest): Promise<T | null> {
    const target = start();
    sendMeasurements(target);
    const id = ++sequence;
    return new Promise((resolve) => {
      queries.set(id, resolve as (result: MeasurementCellsResult | MeasurementPointsResult | null) => void);
      target.postMessage({ id, type, request } as AnalysisRequestMessage);
    });
  }

  const start = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('../worker/analysisWorker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<AnalysisResponseMessage>) => {
      const message = event.data;
      const query = queries.get(message.id);
      if (query) {
        queries.delete(message.id);
        return query(message.type === 'measurementCells' || message.type === 'measurementPoints' ? message.result : null);
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.type === 'measurementCells' || message.type === 'measurementPoints') return;
      if (message.type === 'progress') return waiting.onProgress?.(message.progress);
      pending.delete(message.id);
      waiting.resolve(message.type === 'result' ? { ok: true, result: message.result } : { ok: false, code: message.code, message: message.message });
    });
    worker.addEventListener('error', (event) => {
      for (const [, waiting] of pending) waiting.resolve({ ok: false, code: 'analysis.failed', message: event.message });
      pending.clear();
      for (const [, query] of queries) query(null);
      queries.clear();
      // A new worker has no measurements: they are sent again with the next request.
      measurementsSent = null;
      worker?.terminate();
      worker = null;
    });
    return worker;
  };

  return {
    analyse(request, onProgress) {
      const id = ++sequence;
      // Only the newest request is still wanted.
      for (const [oldId, waiting] of pending) {
        waiting.resolve({ ok: false, code: 'analysis.superseded', message: '' });
        pending.delete(oldId);
      }
      return new Promise((resolve) => {
        pending.set(id, { resolve, onProgress });
        const message: AnalysisRequestMessage = { id, type: 'analyse', request };
        const target = start();
        sendMeasurements(target);
        target.postMessage(message);
      });
    },
    setMeasurements(version, columns) {
      measurements = { version, columns };
    },
    measurementCells: (request) => query<MeasurementCellsResult>('measurementCells', request),
    measurementPoints: (request) => query<MeasurementPointsResult>('measurementPoints', request),
    close() {
      worker?.terminate();
      worker = null;
      pending.clear();
      queries.clear();
      measurementsSent = null;
    },
  };
}

/** The same analysis on this thread (tests, or a browser without module workers). */
export function createInProcessAnalysisClient(
  loadIndex: (packId: string) => Promise<ObecIndex>,
  loadAddressPoints: (packId: string) => Promise<AddressPointsPack | null> = () => Promise.resolve(null),
): AnalysisClient {
  let sequence = 0;
  let measurements: LoadedMeasurements | null = null;
  const current = (version: number) => (measurements?.version === version ? measurements : null);
  return {
    setMeasurements(version, columns) {
      measurements = columns ? new LoadedMeasurements(version, columns) : null;
    },
    measurementCells: async (request) => current(request.version)?.cellsFor(request) ?? null,
    measurementPoints: async (request) => current(request.version)?.pointsFor(request) ?? null,
    async analyse(request, onProgress) {
      const id = ++sequence;
      let index: ObecIndex;
      try {
        index = await loadIndex(request.packId);
      } catch (error: unknown) {
        return { ok: false, code: 'analysis.boundariesUnavailable', message: String(error) };
      }
      const packId = request.addressPointsPackId ?? null;
      const addressPoints = packId ? { packId, pack: await loadAddressPoints(packId).catch(() => null) } : null;
      if (id !== sequence) return { ok: false, code: 'analysis.superseded', message: '' };
      try {
        return { ok: true, result: analyseReports(index, request, onProgress, addressPoints, measurements) };
      } catch (error: unknown) {
        return { ok: false, code: 'analysis.failed', message: String(error) };
      }
    },
    close() {},
  };
}
