/**
 * The store's typed door to the analysis worker (src/worker/analysisWorker.ts). One request at a time matters:
 * a newer request makes the answer to an older one irrelevant, so the client drops stale answers. Where there is
 * no Worker (Node tests), the same analysis runs in-process on an index the caller provides.
 */
import type { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { AddressPointsPack } from '../core/packs/packFormat.ts';
import { analyseReports } from '../worker/analyseReports.ts';
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
  close(): void;
}

/** The worker in the browser. */
export function createWorkerAnalysisClient(): AnalysisClient {
  let worker: Worker | null = null;
  let sequence = 0;
  const pending = new Map<number, { resolve: (outcome: AnalysisOutcome) => void; onProgress?: (progress: AnalysisProgress) => void }>();

  const start = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('../worker/analysisWorker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<AnalysisResponseMessage>) => {
      const message = event.data;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.type === 'progress') return waiting.onProgress?.(message.progress);
      pending.delete(message.id);
      waiting.resolve(message.type === 'result' ? { ok: true, result: message.result } : { ok: false, code: message.code, message: message.message });
    });
    worker.addEventListener('error', (event) => {
      for (const [, waiting] of pending) waiting.resolve({ ok: false, code: 'analysis.failed', message: event.message });
      pending.clear();
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
        start().postMessage(message);
      });
    },
    close() {
      worker?.terminate();
      worker = null;
      pending.clear();
    },
  };
}

/** The same analysis on this thread (tests, or a browser without module workers). */
export function createInProcessAnalysisClient(
  loadIndex: (packId: string) => Promise<ObecIndex>,
  loadAddressPoints: (packId: string) => Promise<AddressPointsPack | null> = () => Promise.resolve(null),
): AnalysisClient {
  let sequence = 0;
  return {
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
        return { ok: true, result: analyseReports(index, request, onProgress, addressPoints) };
      } catch (error: unknown) {
        return { ok: false, code: 'analysis.failed', message: String(error) };
      }
    },
    close() {},
  };
}
