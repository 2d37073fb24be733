/**
 * The table-import worker: a 200,000-row CSV or a large workbook is read, guessed and converted here, so the page
 * stays responsive. Created by src/store/tableImportClient.ts; the work itself is tableImportSession.ts.
 */
import { createTableImportSession } from '../core/tableImport/tableImportSession.ts';
import type { TableImportRequestMessage, TableImportResponseMessage } from './tableImportProtocol.ts';

const scope = globalThis as unknown as {
  postMessage(message: TableImportResponseMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TableImportRequestMessage>) => void): void;
};

const session = createTableImportSession();

scope.addEventListener('message', (event) => {
  const message = event.data;
  const { id } = message;
  // Browser tests only (mode "e2e", compiled out elsewhere): a file so named makes this worker die outside the
  // protocol, as a crash would, to test that the page says so and the next file gets a fresh worker.
  if (import.meta.env.MODE === 'e2e' && message.type === 'read' && message.request.fileName.startsWith('e2e-worker-dies')) {
    setTimeout(() => {
      throw new Error('e2e: the table-import worker dies');
    });
    return;
  }
  const answer = async (): Promise<TableImportResponseMessage> => {
    switch (message.type) {
      case 'read':
        return { id, type: 'read', outcome: await session.read(message.request, (rowsRead) => scope.postMessage({ id, type: 'progress', rowsRead })) };
      case 'evaluate':
        return { id, type: 'evaluate', evaluation: session.evaluate(message.mapping) };
      case 'convert':
        return { id, type: 'convert', conversion: session.convert(message.mapping, message.now) };
    }
  };
  answer().then(
    (response) => scope.postMessage(response),
    (error: unknown) => scope.postMessage({ id, type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
