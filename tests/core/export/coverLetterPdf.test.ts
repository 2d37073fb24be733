import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import { generateDemoReports } from '../../../src/core/demo/generateDemoReports.ts';
import { buildCoverLetterPdf, type CoverLetterInput } from '../../../src/core/export/coverLetterPdf.ts';
import { buildPackageLocalities } from '../../../src/core/export/packageLocalities.ts';
import { orpSummary } from '../../../src/core/export/packageTables.ts';
import { EMPTY_REVIEW_STATE } from '../../../src/core/review/reviewModel.ts';
import type { KrajeCollection } from '../../../src/core/packs/packFormat.ts';
import { readPackFile } from '../../../src/cli/packsOnDisk.ts';
import { translate, type MessageKey } from '../../../src/i18n/translate.ts';
import { cs } from '../../../src/i18n/cs.ts';
import { countryObecIndex } from '../../support/packs.ts';
import { pdfFonts } from '../../support/pdfFonts.ts';

const label = (key: string) => (key in cs ? translate('cs', key as MessageKey) : key);

describe('zadost.pdf', () => {
  const index = countryObecIndex();
  const now = '2026-11-25T10:00:00.000Z';
  const reports = generateDemoReports(index, { count: 120, seed: 3, now, krajNuts3: 'CZ041' });
  const localities = buildPackageLocalities(reports, clusterReports(reports, { distanceM: 300 }), EMPTY_REVIEW_STATE, now);
  const input: CoverLetterInput = {
    kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
    contact: { name: 'Ing. Jana Dvořáková', function: 'referentka pro digitalizaci', email: 'jana.dvorakova@example.cz', phone: '+420 354 222 111' },
    generatedAt: now,
    localities,
    orpRows: orpSummary(localities),
    outline: readPackFile<KrajeCollection>('CZ041', 'kraje.display.geojson').features[0]!.geometry,
    fonts: pdfFonts(),
    label,
  };

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
