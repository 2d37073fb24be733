/**
 * One typed door to a module worker, for every worker of the app (analysis, package, NetTest import, table
 * import): numbered requests, the responses of each routed back to it (progress on the way, then the answer), and a
 * crash of the worker answering every open request and starting a fresh worker next time. The protocols
 * (src/worker/*Protocol.ts) stay plain discriminated unions; each store client maps the answer to its outcome.
 */

/** What every response carries: the id of its request and its kind. */
export interface WorkerResponse {
  id: number;
  type: string;
}

/** The code of a request answered because its worker died (crashed, ran out of memory, failed to load). */
export const WORKER_CRASHED = 'worker.crashed';

/**
 * The worker's answer to one request, or what went wrong with the worker itself: `code` is WORKER_CRASHED for a
 * worker that died, or the code given to `abandon`; `message` is the browser's detail (never shown as it is).
 */
export type WorkerAnswer<Response extends WorkerResponse> = { ok: true; response: Response } | { ok: false; code: string; message: string };

export interface WorkerClient<Request, Response extends WorkerResponse> {
  /**
   * Sends one request; resolves with the first response of its id that is not an interim one (see `isInterim`),
   * handing interim ones (progress) to `onInterim`.
   */
  call(request: Request, onInterim?: (response: Response) => void, transfer?: Transferable[]): Promise<WorkerAnswer<Response>>;
  /** Sends a message no answer is awaited for. */
  post(request: Request, transfer?: Transferable[]): void;
  /** Answers every open request `filter` selects with `code` (ok: false) without waiting for the worker. */
  abandon(filter: (id: number) => boolean, code: string): void;
  /** Whether a worker is running (a fresh one starts with the next request). */
  readonly running: boolean;
  close(): void;
}

export interface WorkerClientOptions<Response extends WorkerResponse> {
  /** Responses that are not the answer (progress): by default those of type 'progress'. */
  isInterim?: (response: Response) => boolean;
  /** Called when a worker is started (to send it the state it must hold, e.g. the measurements). */
  onStart?: (post: (message: unknown, transfer?: Transferable[]) => void) => void;
  /** Called when the worker crashed (after the open requests were answered). */
  onCrash?: () => void;
}

export function createWorkerClient<Request, Response extends WorkerResponse>(
  startWorker: () => Worker,
  options: WorkerClientOptions<Response> = {},
): WorkerClient<{ id: number } & Request, Response> & { nextId(): number } {
  const isInterim = options.isInterim ?? ((response: Response) => response.type === 'progress');
  let worker: Worker | null = null;
  let sequence = 0;
  const pending = new Map<number, { resolve: (answer: WorkerAnswer<Response>) => void; onInterim?: (response: Response) => void }>();

  const crash = (from: Worker, message: string) => {
    // A late event of a worker already replaced says nothing about the current one.
    if (from !== worker) return;
    for (const [, waiting] of pending) waiting.resolve({ ok: false, code: WORKER_CRASHED, message });
    pending.clear();
    from.terminate();
    worker = null;
    options.onCrash?.();
  };

  const start = (): Worker => {
    if (worker) return worker;
    const started = startWorker();
    worker = started;
    started.addEventListener('message', (event: MessageEvent<Response>) => {
      if (started !== worker) return; // a worker already given up on
      const response = event.data;
      const waiting = pending.get(response.id);
      if (!waiting) return;
      if (isInterim(response)) return waiting.onInterim?.(response);
      pending.delete(response.id);
      waiting.resolve({ ok: true, response });
    });
    // An error the worker did not catch (it threw outside the protocol), a script that failed to load: the worker
    // is given up on (it may be half-way through anything), the waiting requests answered, a fresh one started next
    // time. preventDefault: the page reports it itself, in a sentence, rather than as an uncaught error.
    started.addEventListener('error', (event: ErrorEvent | Event) => {
      event.preventDefault();
      crash(started, ('message' in event && event.message) || 'error');
    });
    started.addEventListener('messageerror', () => crash(started, 'messageerror'));
    options.onStart?.((message, transfer) => started.postMessage(message, transfer ?? []));
    return started;
  };

  return {
    nextId: () => ++sequence,
    call(request, onInterim, transfer) {
      return new Promise((resolve) => {
        pending.set(request.id, { resolve, ...(onInterim ? { onInterim } : {}) });
        start().postMessage(request, transfer ?? []);
      });
    },
    post(request, transfer) {
      start().postMessage(request, transfer ?? []);
    },
    abandon(filter, code) {
      for (const [id, waiting] of pending) {
        if (!filter(id)) continue;
        pending.delete(id);
        waiting.resolve({ ok: false, code, message: code });
      }
    },
    get running() {
      return worker !== null;
    },
    close() {
      worker?.terminate();
      worker = null;
      pending.clear();
    },
  };
}
