/**
 * zadost.pdf and zadost.docx (request.format) in a Web Worker nested in the package worker (packageWorker.ts), so that the letter is laid out while
 * the package worker builds the tables and the GeoPackage. The starter is coverLetterClient.ts; Node uses
 * packageThread.ts. Messages: { id, request } in, { id, pdf } or { id, error } out.
 */
import { buildCoverLetterFromRequest } from '../core/ctuPackage/coverLetterFiles.ts';
import type { CoverLetterRequest } from '../core/ctuPackage/coverLetterPdf.ts';

const scope = globalThis as unknown as {
  postMessage(message: { id: number; pdf?: Uint8Array; error?: string }, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ id: number; request: CoverLetterRequest }>) => void): void;
};

scope.addEventListener('message', (event) => {
  const { id, request } = event.data;
  buildCoverLetterFromRequest(request).then(
    (pdf) => scope.postMessage({ id, pdf }, [pdf.buffer as ArrayBuffer]),
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
