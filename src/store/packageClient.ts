/**
 * The store's door to the package worker (src/worker/packageWorker.ts). Where there is no Worker (Node tests),
 * the same build (core's buildPackage) runs in-process with resources the caller provides.
 */
// Only types statically: the in-process build (pdf-lib, fontkit, proj4, sql.js…) must not ride in the page's
// first chunk; the page always uses the worker.
import type { PackageResources } from '../core/ctuPackage/buildPackage.ts';
import type { PackageSource } from '../core/ctuPackage/preparePackage.ts';
import type { PackageProgress, PackageRequestMessage, PackageResponseMessage, PackageResult } from '../worker/packageProtocol.ts';
import { createWorkerClient, WORKER_CRASHED } from './workerClient.ts';

export type PackageOutcome = { ok: true; result: PackageResult } | { ok: false; message: string };

export interface PackageClient {
  build(source: PackageSource, onProgress?: (progress: PackageProgress) => void): Promise<PackageOutcome>;
  close(): void;
}

export function createWorkerPackageClient(): PackageClient {
  const worker = createWorkerClient<Omit<PackageRequestMessage, 'id'>, PackageResponseMessage>(
    () => new Worker(new URL('../worker/packageWorker.ts', import.meta.url), { type: 'module' }),
  );
  return {
    async build(source, onProgress) {
      const answer = await worker.call({ id: worker.nextId(), type: 'build', source }, (response) => {
        if (response.type === 'progress') onProgress?.(response.progress);
      });
      if (!answer.ok) return { ok: false, message: answer.code === WORKER_CRASHED ? 'package.workerFailed' : answer.message };
      const response = answer.response;
      if (response.type === 'result') return { ok: true, result: response.result };
      return { ok: false, message: response.type === 'error' ? response.message : 'package.failed' };
    },
    close: () => worker.close(),
  };
}

export function createInProcessPackageClient(resources: PackageResources): PackageClient {
  return {
    async build(source, onProgress) {
      try {
        const { buildPackage } = await import('../core/ctuPackage/buildPackage.ts');
        return { ok: true, result: await buildPackage(source, resources, (progress) => onProgress?.(progress)) };
      } catch (error: unknown) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {},
  };
}
