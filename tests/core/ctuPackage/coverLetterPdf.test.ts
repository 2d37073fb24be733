import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildCoverLetterPdf } from '../../../src/core/ctuPackage/coverLetterPdf.ts';
import { coverLetterInput } from '../../support/coverLetterInput.ts';
import { translate, type MessageKey } from '../../../src/i18n/translate.ts';
import { cs } from '../../../src/i18n/cs.ts';

const label = (key: string) => (key in cs ? translate('cs', key as MessageKey) : key);

describe('zadost.pdf', () => {
  const input = coverLetterInput({ count: 120, seed: 3, label, contact: { function: 'referentka pro digitalizaci', email: 'jana.dvorakova@example.cz', phone: '+420 354 222 111' } });

  it('is an A4 PDF with the letter, the ORP summary, the map and the locality table', async () => {
    const bytes = await buildCoverLetterPdf(input);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Žádost o měření – Karlovarský kraj');
  });

  it('gives the same bytes for the same input and generated-at', async () => {
    const a = await buildCoverLetterPdf(input);
    const b = await buildCoverLetterPdf(input);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
