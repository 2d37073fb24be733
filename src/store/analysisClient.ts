/**
 * The store's typed door to the analysis worker (src/worker/analysisWorker.ts). One request at a time matters:
 * a newer request makes the answer to an older one irrelevant, so the client drops stale answers. Where there is
 * no Worker (Node tests), the same analysis runs in-process on an index the caller provides.
 */
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { AddressPointsPack } from '../core/packs/packFormat.ts';
import type { MeasurementColumns } from '../core/nettest/measurementColumns.ts';
// Only types statically: the in-process analysis (H3, clustering, evidence) loads when first used, so that it does
// not ride in the page's first chunk (the browser uses the worker).
import type {
  LoadedMeasurements,
  MeasurementCellsRequest,
  MeasurementCellsResult,
  MeasurementPointsRequest,
  MeasurementPointsResult,
} from '../core/analysis/loadedNettest.ts';
import type {
  AnalysisErrorCode,
  AnalysisProgress,
  AnalysisRequest,
  AnalysisRequestMessage,
  AnalysisResponseMessage,
  AnalysisResult,
} from '../worker/analysisProtocol.ts';
import { createWorkerClient, WORKER_CRASHED } from './workerClient.ts';
import { loadAnalysisIndex, type AnalysisBoundaries } from '../core/analysis/loadAnalysisIndex.ts';

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
  let measurements: { version: number; columns: MeasurementColumns | null } = { version: 0, columns: null };
  let measurementsSent: number | null = null;
  /** Ids of the analyse requests still waiting (only the newest is still wanted). */
  const analyses = new Set<number>();
  const worker = createWorkerClient<AnalysisRequestMessage, AnalysisResponseMessage>(
    () => new Worker(new URL('../worker/analysisWorker.ts', import.meta.url), { type: 'module' }),
    // A new worker has no measurements: they are sent again with the next request.
    { onCrash: () => (measurementsSent = null) },
  );
  /** The measurements go to the worker once per version (a structured clone: the page keeps its own copy). */
  const sendMeasurements = () => {
    if (measurementsSent === measurements.version && worker.running) return;
    worker.post({ id: worker.nextId(), type: 'measurements', version: measurements.version, columns: measurements.columns });
    measurementsSent = measurements.version;
  };
  async function query<T>(type: 'measurementCells' | 'measurementPoints', request: MeasurementCellsRequest | MeasurementPointsRequest): Promise<T | null> {
    sendMeasurements();
    const answer = await worker.call({ id: worker.nextId(), type, request } as AnalysisRequestMessage);
    if (!answer.ok) return null;
    const response = answer.response;
    return response.type === 'measurementCells' || response.type === 'measurementPoints' ? (response.result as T | null) : null;
  }

  return {
    async analyse(request, onProgress) {
      // Only the newest request is still wanted.
      worker.abandon((id) => analyses.has(id), 'analysis.superseded');
      analyses.clear();
      const id = worker.nextId();
      analyses.add(id);
      sendMeasurements();
      const answer = await worker.call({ id, type: 'analyse', request }, (response) => {
        if (response.type === 'progress') onProgress?.(response.progress);
      });
      analyses.delete(id);
      if (!answer.ok) {
        // A worker that died (out of memory, a crash) is replaced with the next analysis.
        return answer.code === 'analysis.superseded'
          ? { ok: false, code: 'analysis.superseded', message: '' }
          : { ok: false, code: answer.code === WORKER_CRASHED ? 'analysis.workerFailed' : 'analysis.failed', message: answer.message };
      }
      const response = answer.response;
      if (response.type === 'result') return { ok: true, result: response.result };
      if (response.type === 'error') return { ok: false, code: response.code, message: response.message };
      return { ok: false, code: 'analysis.failed', message: 'unexpected answer' };
    },
    setMeasurements(version, columns) {
      measurements = { version, columns };
    },
    measurementCells: (request) => query<MeasurementCellsResult>('measurementCells', request),
    measurementPoints: (request) => query<MeasurementPointsResult>('measurementPoints', request),
    close() {
      worker.close();
      analyses.clear();
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
  let given: { version: number; columns: MeasurementColumns } | null = null;
  let measurements: LoadedMeasurements | null = null;
  /** The measurements as the analysis holds them (built on first use, from the columns last given). */
  const loaded = async (): Promise<LoadedMeasurements | null> => {
    if (!given) return null;
    if (measurements?.version !== given.version) {
      const { version, columns } = given;
      const { LoadedMeasurements } = await import('../core/analysis/loadedNettest.ts');
      if (given?.version === version) measurements = new LoadedMeasurements(version, columns);
    }
    return measurements;
  };
  const current = async (version: number) => {
    const held = await loaded();
    return held?.version === version ? held : null;
  };
  return {
    setMeasurements(version, columns) {
      given = columns ? { version, columns } : null;
      measurements = null;
    },
    measurementCells: async (request) => (await current(request.version))?.cellsFor(request) ?? null,
    measurementPoints: async (request) => (await current(request.version))?.pointsFor(request) ?? null,
    async analyse(request, onProgress) {
      const id = ++sequence;
      let index: ObecIndex;
      let boundaries: AnalysisBoundaries;
      try {
        ({ index, boundaries } = await loadAnalysisIndex(loadIndex, request.packId, request.fallbackPackId));
      } catch (error: unknown) {
        return { ok: false, code: 'analysis.boundariesUnavailable', message: String(error) };
      }
      const packId = request.addressPointsPackId ?? null;
      const addressPoints = packId ? { packId, pack: await loadAddressPoints(packId).catch(() => null) } : null;
      const { analyseReports } = await import('../core/analysis/analyseReports.ts');
      const held = await loaded();
      if (id !== sequence) return { ok: false, code: 'analysis.superseded', message: '' };
      try {
        const result = analyseReports(index, request, onProgress, addressPoints, held);
        return { ok: true, result: boundaries === 'fallback' ? { ...result, boundariesFallback: request.fallbackPackId! } : result };
      } catch (error: unknown) {
        return { ok: false, code: 'analysis.failed', message: String(error) };
      }
    },
    close() {},
  };
}
