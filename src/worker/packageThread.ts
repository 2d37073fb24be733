/**
 * The package's helper thread in Node (the CLI and the benchmarks): lays out zadost.pdf and compresses the files
 * while the main thread builds the tables and the GeoPackage. One thread, kept warm for the next package (like the
 * browser's package worker), not holding the process open when idle. It takes one job at a time from a queue here,
 * and when the main thread has nothing left to build, it compresses what still waits (threadCompressor.flush), so
 * both cores work to the end. Where no thread can be started, every job runs on this thread: the bytes are the same.
 * This one file is both the starter and the thread's entry. The browser's letter worker is coverLetterWorker.ts.
 */
import { gzipSync } from 'fflate';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildCoverLetterPdfFromRequest, type CoverLetterRequest } from '../core/export/coverLetterPdf.ts';
import type { Compressor } from '../core/export/zipPackage.ts';

const ROLE = 'hlucha-mista/package-thread';

type JobMessage = { kind: 'letter'; request: CoverLetterRequest } | { kind: 'gzip'; bytes: Uint8Array; level: number };
type Reply = { bytes?: Uint8Array; error?: string };
type Job = JobMessage & { resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void };

function run(job: JobMessage): Promise<Uint8Array> {
  return job.kind === 'letter' ? buildCoverLetterPdfFromRequest(job.request) : Promise.resolve(gzipSync(job.bytes, { level: job.level as 6, mtime: 0 }));
}

const runHere = (job: Job) => void run(job).then(job.resolve, job.reject);

/**
 * The thread's code: registers the TypeScript loader (tsx, as the CLI's entry does; a thread does not inherit the
 * main thread's loader hooks in Node 20), then imports this file, whose last lines serve the jobs.
 */
function threadSource(): string {
  const self = JSON.stringify(import.meta.url);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((api) => { api.register(); return import(${self}); });`;
}

const queue: Job[] = [];
let thread: { worker: Worker; busy: Job | null } | null = null;
/** Set when a thread could not start or died: from then on, jobs run here. */
let threadUnavailable = false;

function startThread(): NonNullable<typeof thread> {
  const started: NonNullable<typeof thread> = { worker: new Worker(threadSource(), { eval: true, workerData: { role: ROLE } }), busy: null };
  const abandon = () => {
    if (thread === started) thread = null;
    threadUnavailable = true;
    const busy = started.busy;
    started.busy = null;
    if (busy) runHere(busy);
    while (queue.length > 0) runHere(queue.shift()!);
  };
  started.worker.on('message', (reply: Reply) => {
    const job = started.busy;
    started.busy = null;
    if (job) {
      if (reply.bytes) job.resolve(reply.bytes);
      else runHere(job); // the same error, with its stack, from this thread
    }
    next();
  });
  started.worker.on('error', abandon);
  started.worker.on('exit', abandon);
  return started;
}

/** Hands the next queued job to the thread when it is free. */
function next(): void {
  if (thread?.busy) return;
  if (queue.length === 0) {
    thread?.worker.unref();
    return;
  }
  if (threadUnavailable) {
    while (queue.length > 0) runHere(queue.shift()!);
    return;
  }
  try {
    thread ??= startThread();
  } catch {
    threadUnavailable = true;
    next();
    return;
  }
  const job = queue.shift()!;
  thread.busy = job;
  thread.worker.ref();
  const { resolve: _resolve, reject: _reject, ...message } = job;
  thread.worker.postMessage(message satisfies JobMessage);
}

function enqueue(job: JobMessage): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    queue.push({ ...job, resolve, reject });
    next();
  });
}

/** zadost.pdf from the helper thread; passed to buildSubmissionPackage as `coverLetter`. */
export function buildCoverLetterInThread(request: CoverLetterRequest): Promise<Uint8Array> {
  return enqueue({ kind: 'letter', request });
}

/** Compression in the helper thread; passed to buildSubmissionPackage as `compressor`. */
export const threadCompressor: Compressor = {
  gzip: (bytes, level) => enqueue({ kind: 'gzip', bytes, level }),
  flush() {
    // The main thread has nothing left to build: it takes the waiting jobs while the thread finishes its own.
    while (queue.length > 0) runHere(queue.shift()!);
  },
};

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  port.on('message', (job: JobMessage) => {
    run(job).then(
      (bytes) => port.postMessage({ bytes } satisfies Reply, [bytes.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
}
