/**
 * The package's helper thread in Node (packageThread.ts): zadost.pdf (the browser's nested worker takes the same
 * request) and the files' compression give the same bytes as on this thread, also when this thread takes over
 * the waiting jobs (flush).
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildCoverLetterPdf, buildCoverLetterPdfFromRequest, coverLetterRequest } from '../../src/core/ctuPackage/coverLetterPdf.ts';
import { coverLetterInput } from '../support/coverLetterInput.ts';
import { packageLabel } from '../../src/i18n/packageLabel.ts';
import { buildCoverLetterInThread, threadCompressor } from '../../src/worker/packageThread.ts';

describe('the package helper thread', () => {
  const input = coverLetterInput({ count: 150, seed: 11, label: packageLabel });
  const localities = input.localities;

  it('sends plain data: every label the letter uses, and only what it reads of each locality', () => {
    const request = coverLetterRequest(input);
    const { fonts, ...rest } = request;
    expect(structuredClone(rest)).toEqual(rest);
    expect(Buffer.from(structuredClone(fonts).regular).equals(Buffer.from(fonts.regular))).toBe(true);
    expect(request.labels['review.status.confirmed']).toBe(packageLabel('review.status.confirmed'));
    expect(request.labels['enum.failure.noSignal']).toBe(packageLabel('enum.failure.noSignal'));
    expect(request.localities).toHaveLength(localities.length);
    expect(request.localities[0]!.reports).toHaveLength(localities[0]!.reports.length);
    const bytes = (value: unknown) => JSON.stringify(value).length;
    expect(bytes(request.localities)).toBeLessThan(bytes(localities) / 2);
  });

  it('gives the bytes of the letter built on this thread, again for a second letter', async () => {
    const here = Buffer.from(await buildCoverLetterPdf(input));
    expect(Buffer.from(await buildCoverLetterPdfFromRequest(coverLetterRequest(input))).equals(here)).toBe(true);
    const [first, second] = await Promise.all([buildCoverLetterInThread(coverLetterRequest(input)), buildCoverLetterInThread(coverLetterRequest(input))]);
    expect(Buffer.from(first).equals(here)).toBe(true);
    expect(Buffer.from(second).equals(here)).toBe(true);
  });

  it('reports a letter that cannot be built (a font that is not a font) as an error', async () => {
    const broken = coverLetterRequest({ ...input, fonts: { regular: new Uint8Array([1, 2, 3]), bold: new Uint8Array([4, 5, 6]) } });
    await expect(buildCoverLetterInThread(broken)).rejects.toThrow();
  });

  it("compresses to exactly gzipSync's bytes, also the jobs this thread takes over when it has nothing left to build", async () => {
    const files = Array.from({ length: 5 }, (_, f) => new TextEncoder().encode(`lokalita ${f};Karlovy Vary;50,2312;`.repeat(20_000 + f * 1000)));
    const pending = files.map((bytes) => threadCompressor.gzip(bytes, 6));
    threadCompressor.flush!();
    const compressed = await Promise.all(pending);
    files.forEach((bytes, i) => expect(Buffer.from(compressed[i]!).equals(Buffer.from(gzipSync(bytes, { level: 6, mtime: 0 })))).toBe(true));
  });
});
