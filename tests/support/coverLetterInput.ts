/**
 * A cover letter's input for tests: demo reports of Karlovarský kraj clustered into localities (the first
 * `confirmed` of them confirmed by the coordinator), the kraj's outline, ORP and obce, the DejaVu fonts and a
 * contact with Czech diacritics.
 */
import { clusterReports } from '../../src/core/cluster/clusterReports.ts';
import { generateDemoReports } from '../../src/core/demo/generateDemoReports.ts';
import type { CoverLetterInput } from '../../src/core/ctuPackage/coverLetterPdf.ts';
import { mapAreasOf } from '../../src/core/ctuPackage/letterMaps.ts';
import { buildPackageLocalities } from '../../src/core/ctuPackage/packageLocalities.ts';
import { orpSummary } from '../../src/core/ctuPackage/packageTables.ts';
import type { KrajeCollection, ObceCollection, OrpCollection } from '../../src/core/packs/packFormat.ts';
import { defaultReview, EMPTY_REVIEW_STATE, type ReviewState } from '../../src/core/review/reviewModel.ts';
import { readPackFile } from '../../src/cli/packsOnDisk.ts';
import { countryObecIndex } from './packs.ts';
import { pdfFonts } from './pdfFonts.ts';

export const COVER_LETTER_NOW = '2026-11-25T10:00:00.000Z';

export function coverLetterInput(options: {
  count: number;
  seed: number;
  label: CoverLetterInput['label'];
  contact?: Partial<CoverLetterInput['contact']>;
  /** How many localities (in id order) the coordinator confirmed. */
  confirmed?: number;
}): CoverLetterInput {
  const reports = generateDemoReports(countryObecIndex(), { count: options.count, seed: options.seed, now: COVER_LETTER_NOW, krajNuts3: 'CZ041' });
  const clustering = clusterReports(reports, { distanceM: 300 });
  const review: ReviewState = {
    ...EMPTY_REVIEW_STATE,
    reviews: Object.fromEntries(
      clustering.localities
        .map((l) => l.id)
        .sort()
        .slice(0, options.confirmed ?? 0)
        .map((id, i) => [
          id,
          { ...defaultReview(id, COVER_LETTER_NOW), status: 'confirmed' as const, priority: i % 3 === 0 ? ('urgent' as const) : ('normal' as const) },
        ]),
    ),
  };
  const localities = buildPackageLocalities(reports, clustering, review, COVER_LETTER_NOW);
  return {
    kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
    contact: { name: 'Ing. Jana Dvořáková', function: 'referentka', email: 'jana@example.cz', phone: '', ...options.contact },
    generatedAt: COVER_LETTER_NOW,
    localities,
    orpRows: orpSummary(localities),
    outline: readPackFile<KrajeCollection>('CZ041', 'kraje.display.geojson').features[0]!.geometry,
    orp: mapAreasOf(readPackFile<OrpCollection>('CZ041', 'orp.display.geojson')),
    obce: mapAreasOf(readPackFile<ObceCollection>('CZ041', 'obce.display.geojson')),
    fonts: pdfFonts(),
    label: options.label,
  };
}
