/**
 * A cover letter's input for tests: demo reports of Karlovarský kraj clustered into localities, the kraj's outline,
 * the DejaVu fonts and a contact with Czech diacritics.
 */
import { clusterReports } from '../../src/core/cluster/clusterReports.ts';
import { generateDemoReports } from '../../src/core/demo/generateDemoReports.ts';
import type { CoverLetterInput } from '../../src/core/ctuPackage/coverLetterPdf.ts';
import { buildPackageLocalities } from '../../src/core/ctuPackage/packageLocalities.ts';
import { orpSummary } from '../../src/core/ctuPackage/packageTables.ts';
import type { KrajeCollection } from '../../src/core/packs/packFormat.ts';
import { EMPTY_REVIEW_STATE } from '../../src/core/review/reviewModel.ts';
import { readPackFile } from '../../src/cli/packsOnDisk.ts';
import { countryObecIndex } from './packs.ts';
import { pdfFonts } from './pdfFonts.ts';

export const COVER_LETTER_NOW = '2026-11-25T10:00:00.000Z';

export function coverLetterInput(options: { count: number; seed: number; label: CoverLetterInput['label']; contact?: Partial<CoverLetterInput['contact']> }): CoverLetterInput {
  const reports = generateDemoReports(countryObecIndex(), { count: options.count, seed: options.seed, now: COVER_LETTER_NOW, krajNuts3: 'CZ041' });
  const localities = buildPackageLocalities(reports, clusterReports(reports, { distanceM: 300 }), EMPTY_REVIEW_STATE, COVER_LETTER_NOW);
  return {
    kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
    contact: { name: 'Ing. Jana Dvořáková', function: 'referentka', email: 'jana@example.cz', phone: '', ...options.contact },
    generatedAt: COVER_LETTER_NOW,
    localities,
    orpRows: orpSummary(localities),
    outline: readPackFile<KrajeCollection>('CZ041', 'kraje.display.geojson').features[0]!.geometry,
    fonts: pdfFonts(),
    label: options.label,
  };
}
