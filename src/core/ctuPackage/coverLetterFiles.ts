/**
 * The letter's file a request asks for (zadost.pdf or zadost.docx): what the letter workers call, so one worker
 * (coverLetterWorker.ts in the browser, packageThread.ts in Node) makes both.
 */
import { buildCoverLetterDocx } from './coverLetterDocx.ts';
import { buildCoverLetterPdfFromRequest, requestLabel, type CoverLetterRequest } from './coverLetterPdf.ts';

export function buildCoverLetterFromRequest(request: CoverLetterRequest): Promise<Uint8Array> {
  if (request.format !== 'docx') return buildCoverLetterPdfFromRequest(request);
  const { labels, format: _format, ...input } = request;
  return buildCoverLetterDocx({ ...input, label: requestLabel(labels) });
}
