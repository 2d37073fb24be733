/**
 * Starts zadost.pdf in a nested Web Worker (coverLetterWorker.ts) from the package worker; passed to
 * buildSubmissionPackage as `coverLetter`. One worker, kept for the next package. Where a worker cannot be started
 * or fails, the letter is built on this thread (the same bytes).
 */
import { buildCoverLetterFromRequest } from '../core/ctuPackage/coverLetterFiles.ts';
import type { CoverLetterRequest } from '../core/ctuPackage/coverLetterPdf.ts';

interface Pending {
  request: CoverLetterRequest;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: unknown) => void;
}

let worker: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

const buildHere = (job: Pending) => void buildCoverLetterFromRequest(job.request).then(job.resolve, job.reject);

function startWorker(): NonNullable<typeof worker> {
  const started = { worker: new Worker(new URL('./coverLetterWorker.ts', import.meta.url), { type: 'module' }), pending: new Map<number, Pending>() };
  started.worker.addEventListener('message', (event: MessageEvent<{ id: number; pdf?: Uint8Array; error?: string }>) => {
    const job = started.pending.get(event.data.id);
    if (!job) return;
    started.pending.delete(event.data.id);
    if (event.data.pdf) job.resolve(event.data.pdf);
    else buildHere(job); // the same error, with its stack, from this thread
  });
  started.worker.addEventListener('error', (event) => {
    event.preventDefault();
    if (worker === started) worker = null;
    started.worker.terminate();
    for (const job of started.pending.values()) buildHere(job);
    started.pending.clear();
  });
  return started;
}

export function buildCoverLetterInWorker(request: CoverLetterRequest): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const job: Pending = { request, resolve, reject };
    try {
      if (typeof Worker !== 'function') throw new Error('no Worker here');
      worker ??= startWorker();
      const id = nextId++;
      worker.pending.set(id, job);
      worker.worker.postMessage({ id, request });
    } catch {
      buildHere(job);
    }
  });
}
