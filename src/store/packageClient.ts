/**
 * The store's door to the package worker (src/worker/packageWorker.ts). Where there is no Worker (Node tests),
 * the same build runs in-process with resources the caller provides.
 */
// Only the type statically: the in-process build (pdf-lib, fontkit, proj4, sql.js…) must not ride in the page's
// first chunk; the page always uses the worker.
import type { PackageResources } from '../worker/buildPackage.ts';
import type { PackageProgress, PackageRequest, PackageRequestMessage, PackageResponseMessage, PackageResult } from '../worker/packageProtocol.ts';

export type PackageOutcome = { ok: true; result: PackageResult } | { ok: false; message: string };

export interface PackageClient {
  build(request: PackageRequest, onProgress?: (progress: PackageProgress) => void): Promise<PackageOutcome>;
  close(): void;
}

export function createWorkerPackageClient(): PackageClient {
  let worker: Worker | null = null;
  let sequence = 0;
  const pending = new Map<number, { resolve: (outcome: PackageOutcome) => void; onProgress?: (progress: PackageProgress) => void }>();

  const start = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('../worker/packageWorker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<PackageResponseMessage>) => {
      const message = event.data;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      if (message.type === 'progress') return waiting.onProgress?.(message.progress);
      pending.delete(message.id);
      waiting.resolve(message.type === 'result' ? { ok: true, result: message.result } : { ok: false, message: message.message });
    });
    worker.addEventListener('error', (event) => {
      for (const [, waiting] of pending) waiting.resolve({ ok: false, message: event.message });
      pending.clear();
      worker?.terminate();
      worker = null;
    });
    return worker;
  };

  return {
    build(request, onProgress) {
      const id = ++sequence;
      return new Promise((resolve) => {
        pending.set(id, { resolve, onProgress });
        const message: PackageRequestMessage = { id, type: 'build', request };
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

export function createInProcessPackageClient(resources: PackageResources): PackageClient {
  return {
    async build(request, onProgress) {
      try {
        const { buildPackage } = await import('../worker/buildPackage.ts');
        return { ok: true, result: await buildPackage(request, resources, (progress) => onProgress?.(progress)) };
      } catch (error: unknown) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {},
  };
}
