/**
 * The package's helper thread in Node (the CLI and the benchmarks): lays out zadost.pdf and compresses the files
 * while the main thread builds the tables and the GeoPackage. One thread, kept warm for the next package (like the
 * browser's package worker), not holding the process open when idle. Every job is posted at once; when the main
 * thread has nothing left to build, it compresses the files the thread has not started yet (threadCompressor.flush),
 * so both cores work to the end. Where no thread can be started, every job runs on this thread: the bytes are the same.
 * This one file is both the starter and the thread's entry. The browser's letter worker is coverLetterWorker.ts.
 */
import { gzipSync } from 'fflate';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildCoverLetterFromRequest } from '../core/ctuPackage/coverLetterFiles.ts';
import type { CoverLetterRequest } from '../core/ctuPackage/coverLetterPdf.ts';
import type { Compressor } from '../core/ctuPackage/zipPackage.ts';

const ROLE = 'hlucha-mista/package-thread';

type JobMessage = { kind: 'letter'; request: CoverLetterRequest } | { kind: 'gzip'; bytes: Uint8Array; level: number };
type Reply = { bytes?: Uint8Array; error?: string };
type Job = JobMessage & { resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void };

function run(job: JobMessage): Promise<Uint8Array> {
  // A failure becomes a rejection, also gzipSync's (thrown): the job's promise carries it.
  return job.kind === 'letter'
    ? buildCoverLetterFromRequest(job.request)
    : new Promise((resolve) => resolve(gzipSync(job.bytes, { level: job.level as 6, mtime: 0 })));
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

/**
 * Jobs go to the thread at once (the main thread builds synchronously and could not hand them over later), each
 * with a claim cell in shared memory: whoever sets it first (the thread starting the job, or the main thread in
 * flush) does the job, so each job is done exactly once.
 */
const UNCLAIMED = 0;
const BY_THREAD = 1;
const BY_MAIN = 2;

type Posted = Job & { claim: Int32Array };
let thread: { worker: Worker; posted: Map<number, Posted> } | null = null;
/** Set when a thread could not start or died: from then on, jobs run here. */
let threadUnavailable = false;
let nextId = 1;

function startThread(): NonNullable<typeof thread> {
  const started: NonNullable<typeof thread> = { worker: new Worker(threadSource(), { eval: true, workerData: { role: ROLE } }), posted: new Map() };
  const abandon = () => {
    if (thread === started) thread = null;
    threadUnavailable = true;
    const jobs = [...started.posted.values()];
    started.posted.clear();
    for (const job of jobs) if (Atomics.load(job.claim, 0) !== BY_MAIN) runHere(job);
  };
  started.worker.on('message', (reply: Reply & { id: number; skipped?: boolean }) => {
    const job = started.posted.get(reply.id);
    started.posted.delete(reply.id);
    if (started.posted.size === 0) started.worker.unref();
    if (!job || reply.skipped) return; // the main thread took it
    if (reply.bytes) job.resolve(reply.bytes);
    else runHere(job); // the same error, with its stack, from this thread
  });
  started.worker.on('error', abandon);
  started.worker.on('exit', abandon);
  return started;
}

function enqueue(message: JobMessage): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const job: Posted = { ...message, resolve, reject, claim: new Int32Array(new SharedArrayBuffer(4)) };
    if (threadUnavailable) return runHere(job);
    try {
      thread ??= startThread();
      const id = nextId++;
      thread.posted.set(id, job);
      thread.worker.ref();
      thread.worker.postMessage({ id, claim: job.claim, ...message });
    } catch {
      threadUnavailable = true;
      runHere(job);
    }
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
    // The main thread has nothing left to build: it compresses the files the thread has not started, newest first
    // (the thread works from the oldest), claiming one at a time so that the thread can still take the others.
    if (!thread) return;
    const posted = thread.posted;
    for (;;) {
      const waiting = [...posted.entries()].reverse().find(([, job]) => job.kind === 'gzip' && Atomics.load(job.claim, 0) === UNCLAIMED);
      if (!waiting) return;
      const [id, job] = waiting;
      if (Atomics.compareExchange(job.claim, 0, UNCLAIMED, BY_MAIN) !== UNCLAIMED) continue;
      posted.delete(id);
      runHere(job);
    }
  },
};

if (!isMainThread && parentPort && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  port.on('message', ({ id, claim, ...job }: JobMessage & { id: number; claim: Int32Array }) => {
    if (Atomics.compareExchange(claim, 0, UNCLAIMED, BY_THREAD) !== UNCLAIMED) {
      port.postMessage({ id, skipped: true });
      return;
    }
    run(job as JobMessage).then(
      (bytes) => port.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
