/**
 * The page's door to the table-import worker (src/worker/tableImportWorker.ts). One client per open dialog: the
 * worker holds that dialog's table and is ended with it. Where there is no Worker (Node tests), the same session
 * runs in-process. A worker that fails answers every waiting request with its message (nothing hangs).
 */
import type { TableMapping } from '../core/tableImport/tableMapping.ts';
import type {
  TableConversion,
  TableEvaluation,
  TableImportRequest,
  TableImportResponseMessage,
  TableReadOutcome,
  TableReadRequest,
} from '../worker/tableImportProtocol.ts';
import { createWorkerClient } from './workerClient.ts';

export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

export interface TableImportClient {
  read(request: TableReadRequest, onProgress?: (rowsRead: number) => void): Promise<Answer<TableReadOutcome>>;
  evaluate(mapping: TableMapping): Promise<Answer<TableEvaluation>>;
  convert(mapping: TableMapping, now: string): Promise<Answer<TableConversion>>;
  close(): void;
}

export function createWorkerTableImportClient(): TableImportClient {
  const worker = createWorkerClient<TableImportRequest, TableImportResponseMessage>(
    () => new Worker(new URL('../worker/tableImportWorker.ts', import.meta.url), { type: 'module' }),
  );

  async function ask(
    request: TableImportRequest,
    onProgress?: (rowsRead: number) => void,
  ): Promise<TableImportResponseMessage | { type: 'error'; message: string }> {
    const answer = await worker.call({ id: worker.nextId(), ...request }, (message) => {
      if (message.type === 'progress') onProgress?.(message.rowsRead);
    });
    // A worker that dies (out of memory on a hostile file, a crash) is replaced by a new one with the next request, and
    // what waited on it gets the code 'table.workerFailed' (the dialog says so; the file must be chosen again).
    if (answer.ok) return answer.response;
    return { type: 'error', message: answer.code === 'closed' ? 'closed' : 'table.workerFailed' };
  }

  function unwrap<K extends 'read' | 'evaluate' | 'convert', T>(
    message: TableImportResponseMessage | { type: 'error'; message: string },
    type: K,
    pick: (m: Extract<TableImportResponseMessage, { type: K }>) => T,
  ): Answer<T> {
    if (message.type === type) return { ok: true, value: pick(message as Extract<TableImportResponseMessage, { type: K }>) };
    return { ok: false, message: message.type === 'error' ? message.message : 'unexpected answer' };
  }

  return {
    // The file's bytes are copied to the worker (not transferred): the dialog may read the file again with another
    // encoding or sheet.
    read: async (request, onProgress) => unwrap(await ask({ type: 'read', request }, onProgress), 'read', (m) => m.outcome),
    evaluate: async (mapping) => unwrap(await ask({ type: 'evaluate', mapping }), 'evaluate', (m) => m.evaluation),
    convert: async (mapping, now) => unwrap(await ask({ type: 'convert', mapping, now }), 'convert', (m) => m.conversion),
    close() {
      worker.abandon(() => true, 'closed');
      worker.close();
    },
  };
}

export function createInProcessTableImportClient(): TableImportClient {
  // Loaded when first used, so that the table readers (papaparse, read-excel-file) stay out of the page's first chunk.
  const sessionPromise = import('../core/tableImport/tableImportSession.ts').then(({ createTableImportSession }) => createTableImportSession());
  const attempt = async <T>(work: () => T | Promise<T>): Promise<Answer<T>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error: unknown) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
  return {
    read: (request, onProgress) => attempt(async () => (await sessionPromise).read(request, onProgress)),
    evaluate: (mapping) => attempt(async () => (await sessionPromise).evaluate(mapping)),
    convert: (mapping, now) => attempt(async () => (await sessionPromise).convert(mapping, now)),
    close() {},
  };
}

export function createTableImportClient(): TableImportClient {
  return typeof Worker === 'function' ? createWorkerTableImportClient() : createInProcessTableImportClient();
}
