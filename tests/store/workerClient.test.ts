/**
 * Issue 18, a dead worker: the one door every worker of the app goes through (src/store/workerClient.ts). A worker
 * that dies mid-request (an error it did not catch, a message it could not read) answers every waiting request
 * with the code 'worker.crashed' at once — nothing hangs — and the next request starts a fresh worker; a late
 * message of the dead one is ignored. Through the table-import, analysis and package clients the same death becomes
 * 'table.workerFailed', 'analysis.workerFailed' and 'package.workerFailed', and the next request works.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerAnalysisClient } from '../../src/store/analysisClient.ts';
import { createWorkerPackageClient } from '../../src/store/packageClient.ts';
import { createWorkerTableImportClient } from '../../src/store/tableImportClient.ts';
import { createWorkerClient, WORKER_CRASHED, type WorkerResponse } from '../../src/store/workerClient.ts';
import { utf8 } from '../support/hostileFiles.ts';

interface Request {
  id: number;
  type: string;
}
type Response = WorkerResponse & { value?: string };

/** A stand-in for a module Worker: records what it was sent; the test answers for it or kills it. */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  sent: unknown[] = [];
  terminated = false;
  constructor() {
    super();
    FakeWorker.started.push(this);
  }
  postMessage(message: unknown): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  /** Dies as a worker does when it throws outside its protocol: an error event with the browser's message. */
  die(message = 'Uncaught RangeError: Array buffer allocation failed'): Event {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
    return event;
  }
}

function client(onCrash?: () => void) {
  FakeWorker.started = [];
  return createWorkerClient<Request, Response>(() => new FakeWorker() as unknown as Worker, onCrash ? { onCrash } : {});
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('workerClient: a worker that dies', () => {
  it('answers every waiting request with the code worker.crashed, at once, and terminates the worker', async () => {
    const onCrash = vi.fn();
    const worker = client(onCrash);
    const progress: Response[] = [];
    const first = worker.call({ id: worker.nextId(), type: 'read' }, (response) => progress.push(response));
    const second = worker.call({ id: worker.nextId(), type: 'evaluate' });
    const [dying] = FakeWorker.started;
    dying!.answer({ id: 1, type: 'progress' });
    expect(progress).toEqual([{ id: 1, type: 'progress' }]);

    const event = dying!.die();

    const detail = 'Uncaught RangeError: Array buffer allocation failed';
    expect(await first).toEqual({ ok: false, code: WORKER_CRASHED, message: detail });
    expect(await second).toEqual({ ok: false, code: WORKER_CRASHED, message: detail });
    expect(dying!.terminated).toBe(true);
    expect(worker.running).toBe(false);
    expect(onCrash).toHaveBeenCalledTimes(1);
    // The page reports the death itself (a sentence), not as an uncaught error in the console.
    expect(event.defaultPrevented).toBe(true);
  });

  it('starts a fresh worker for the next request; the dead one is never used again', async () => {
    const worker = client();
    const lost = worker.call({ id: worker.nextId(), type: 'read' });
    const [dead] = FakeWorker.started;
    dead!.die();
    expect(await lost).toMatchObject({ ok: false, code: WORKER_CRASHED });

    const next = worker.call({ id: worker.nextId(), type: 'read' });
    expect(FakeWorker.started).toHaveLength(2);
    const [, fresh] = FakeWorker.started;
    expect(fresh).not.toBe(dead);
    expect(fresh!.sent).toEqual([{ id: 2, type: 'read' }]);
    expect(dead!.sent).toEqual([{ id: 1, type: 'read' }]);
    // A late message or error of the dead worker changes nothing.
    dead!.answer({ id: 2, type: 'read', value: 'from the dead' });
    dead!.die();
    fresh!.answer({ id: 2, type: 'read', value: 'fresh' });
    expect(await next).toEqual({ ok: true, response: { id: 2, type: 'read', value: 'fresh' } });
    expect(worker.running).toBe(true);
  });

  it('a message the page cannot read (messageerror) is a death too', async () => {
    const worker = client();
    const waiting = worker.call({ id: worker.nextId(), type: 'read' });
    FakeWorker.started[0]!.dispatchEvent(new Event('messageerror'));
    expect(await waiting).toEqual({ ok: false, code: WORKER_CRASHED, message: 'messageerror' });
    expect(worker.running).toBe(false);
  });

  it('abandon answers the chosen requests with the given code; the others still get their answer', async () => {
    const worker = client();
    const old = worker.call({ id: worker.nextId(), type: 'analyse' });
    const kept = worker.call({ id: worker.nextId(), type: 'cells' });
    worker.abandon((id) => id === 1, 'analysis.superseded');
    expect(await old).toEqual({ ok: false, code: 'analysis.superseded', message: 'analysis.superseded' });
    FakeWorker.started[0]!.answer({ id: 2, type: 'cells' });
    expect(await kept).toEqual({ ok: true, response: { id: 2, type: 'cells' } });
  });
});

describe('the table-import client over a worker that dies', () => {
  it('answers the waiting read with table.workerFailed; the next read goes to a fresh worker and is answered', async () => {
    FakeWorker.started = [];
    vi.stubGlobal('Worker', FakeWorker);
    const tables = createWorkerTableImportClient();
    const request = { fileName: 'seznam.csv', format: 'csv' as const, bytes: utf8('Obec;Popis\r\nBoží Dar;Parkoviště\r\n') };

    const lost = tables.read(request);
    const [dead] = FakeWorker.started;
    dead!.die('Uncaught InternalError: out of memory');
    expect(await lost).toEqual({ ok: false, message: 'table.workerFailed' });

    const next = tables.read(request);
    expect(FakeWorker.started).toHaveLength(2);
    const fresh = FakeWorker.started[1]!;
    const sent = fresh.sent[0] as { id: number; type: string };
    expect(sent.type).toBe('read');
    const outcome = { ok: false, problem: { code: 'table.headerOnly' } };
    fresh.answer({ id: sent.id, type: 'read', outcome });
    expect(await next).toEqual({ ok: true, value: outcome });

    // Closing the dialog answers what still waits with 'closed' (not a failure to report) and ends the worker.
    const pending = tables.evaluate({ columns: {}, fixed: {} } as never);
    tables.close();
    expect(await pending).toEqual({ ok: false, message: 'closed' });
    expect(fresh.terminated).toBe(true);
  });
});

describe('the analysis and package clients over a worker that dies', () => {
  it('analysis: the code analysis.workerFailed; the next analysis gets a fresh worker, sent the measurements again', async () => {
    FakeWorker.started = [];
    vi.stubGlobal('Worker', FakeWorker);
    const analysis = createWorkerAnalysisClient();
    analysis.setMeasurements(3, null);
    const request = { packId: 'CZ' } as never;

    const lost = analysis.analyse(request);
    const [dead] = FakeWorker.started;
    expect((dead!.sent as Array<{ type: string }>).map((m) => m.type)).toEqual(['measurements', 'analyse']);
    dead!.die();
    expect(await lost).toMatchObject({ ok: false, code: 'analysis.workerFailed' });

    const next = analysis.analyse(request);
    const fresh = FakeWorker.started[1]!;
    const sent = fresh.sent as Array<{ id: number; type: string; version?: number }>;
    // A fresh worker holds nothing: the measurements go to it again before the analysis.
    expect(sent.map((m) => m.type)).toEqual(['measurements', 'analyse']);
    expect(sent[0]!.version).toBe(3);
    const result = { localities: [] };
    fresh.answer({ id: sent[1]!.id, type: 'result', result });
    expect(await next).toEqual({ ok: true, result });
    analysis.close();
  });

  it('package: the code package.workerFailed; the next build goes to a fresh worker', async () => {
    FakeWorker.started = [];
    vi.stubGlobal('Worker', FakeWorker);
    const packages = createWorkerPackageClient();
    const lost = packages.build({} as never);
    FakeWorker.started[0]!.die();
    expect(await lost).toEqual({ ok: false, message: 'package.workerFailed' });
    const next = packages.build({} as never);
    const fresh = FakeWorker.started[1]!;
    const sent = fresh.sent[0] as { id: number };
    fresh.answer({ id: sent.id, type: 'result', result: { fileName: 'balicek.zip' } });
    expect(await next).toEqual({ ok: true, result: { fileName: 'balicek.zip' } });
    packages.close();
  });
});
