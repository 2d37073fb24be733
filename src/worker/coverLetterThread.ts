/**
 * zadost.pdf in a Node worker thread (the CLI and the benchmarks), so that the letter is laid out while the main
 * thread builds the tables and the GeoPackage. This one file is both the starter (buildCoverLetterInThread, passed
 * to buildSubmissionPackage as `coverLetter`) and the thread's entry. Where no thread can be started (a loader the
 * thread cannot use, a sandbox), the letter is built on this thread: the bytes are the same.
 * The browser has its own entry, coverLetterWorker.ts.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildCoverLetterPdfFromRequest, type CoverLetterRequest } from '../core/export/coverLetterPdf.ts';

const ROLE = 'hlucha-mista/cover-letter';

/**
 * The thread's code: registers the TypeScript loader (tsx, as the CLI's entry does; a thread does not inherit the
 * main thread's loader hooks in Node 20), then imports this file, whose last lines build the letter.
 */
function threadSource(): string {
  const self = JSON.stringify(import.meta.url);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((api) => { api.register(); return import(${self}); });`;
}

type Reply = { id: number; pdf?: Uint8Array; error?: string };

interface Pending {
  request: CoverLetterRequest;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/** One thread, kept for the next letter (warm, like the browser's package worker); it does not hold the process open when idle. */
let thread: { worker: Worker; pending: Map<number, Pending> } | null = null;
let nextId = 1;

const buildHere = (job: Pending) => void buildCoverLetterPdfFromRequest(job.request).then(job.resolve, job.reject);

function startThread(): NonNullable<typeof thread> {
  const worker = new Worker(threadSource(), { eval: true, workerData: { role: ROLE } });
  const started = { worker, pending: new Map<number, Pending>() };
  const abandon = () => {
    if (thread === started) thread = null;
    // Whatever the thread had not finished is built here.
    for (const job of started.pending.values()) buildHere(job);
    started.pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const job = started.pending.get(reply.id);
    if (!job) return;
    started.pending.delete(reply.id);
    if (started.pending.size === 0) worker.unref();
    if (reply.pdf) job.resolve(reply.pdf);
    else buildHere(job); // the same error, with its stack, from this thread
  });
  worker.on('error', abandon);
  worker.on('exit', abandon);
  return started;
}

export function buildCoverLetterInThread(request: CoverLetterRequest): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const job: Pending = { request, resolve, reject };
    try {
      thread ??= startThread();
      const id = nextId++;
      thread.pending.set(id, job);
      thread.worker.ref();
      thread.worker.postMessage({ id, request });
    } catch {
      buildHere(job);
    }
  });
}

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  port.on('message', ({ id, request }: { id: number; request: CoverLetterRequest }) => {
    buildCoverLetterPdfFromRequest(request).then(
      (pdf) => port.postMessage({ id, pdf } satisfies Reply, [pdf.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
}
