/**
 * Every importer behind one signature for the fuzz tests and the corpus: bytes in, a coded outcome out —
 * `{ ok: true }` or `{ ok: false, code }`. A reader that throws fails the test (that is what is being tested), so
 * this harness never catches. Also the valid seed file of each importer, which the fuzz tests mutate.
 */
import { exportObecFile } from '../../src/core/obecFile/exportObecFile.ts';
import { parseObecFile } from '../../src/core/obecFile/parseObecFile.ts';
import { readCsvTable } from '../../src/core/tableImport/readCsvTable.ts';
import { readWorkbookTable } from '../../src/core/tableImport/readWorkbookTable.ts';
import { parseGpx } from '../../src/core/gpx/gpx.ts';
import { readZsjLayer } from '../../src/core/zsj/zsjLayer.ts';
import { chunksOf, readNettestStream } from '../../src/core/nettest/readNettestStream.ts';
import { checkPackage } from '../../src/core/ctuPackage/checkPackage.ts';
import { buildZip } from '../../src/core/ctuPackage/zipPackage.ts';
import { PACKAGE_DATA_FILES, PACKAGE_SCHEMA_VERSION } from '../../src/core/ctuPackage/buildSubmissionPackage.ts';
import { exportReviewFile } from '../../src/core/review/reviewFile.ts';
import { EMPTY_REVIEW_STATE } from '../../src/core/review/reviewModel.ts';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import type { Report } from '../../src/core/reports/report.ts';
import { generateNettestRows, nettestCsv } from './nettestGenerator.ts';
import { makeXlsx } from './xlsx.ts';
import { strToU8, zipSync } from 'fflate';
import { FIXED_TIME } from './hostileFiles.ts';

export type Outcome = { ok: true } | { ok: false; code: string };

export const IMPORTERS = ['obecFile', 'tableCsv', 'tableXlsx', 'nettestCsv', 'nettestZip', 'zsjLayer', 'gpx', 'package'] as const;
export type Importer = (typeof IMPORTERS)[number];

const utf8 = new TextDecoder();
const NOW = '2026-11-25T10:00:00.000Z';

function report(i: number, lon: number, lat: number): Report {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return {
    ...createEmptyReport({ type: 'Point', coordinates: [lon, lat] }, { id, now: NOW }),
    description: `Místo ${i} =HYPERLINK("x")`,
    failures: ['noSignal'],
    operators: ['all'],
  };
}

const SEED_REPORTS = [report(1, 12.92, 50.41), report(2, 12.87, 50.23)];

function coded(code: string): Outcome {
  return { ok: false, code };
}

export async function runImporter(importer: Importer, bytes: Uint8Array): Promise<Outcome> {
  switch (importer) {
    case 'obecFile': {
      const parsed = parseObecFile(utf8.decode(bytes));
      return parsed.ok ? { ok: true } : coded(parsed.fileProblem.code);
    }
    case 'tableCsv': {
      const read = readCsvTable(bytes, 'fuzz.csv');
      return read.ok ? { ok: true } : coded(read.problem.code);
    }
    case 'tableXlsx': {
      const read = await readWorkbookTable(bytes, 'fuzz.xlsx');
      return read.ok ? { ok: true } : coded(read.problem.code);
    }
    case 'nettestCsv':
    case 'nettestZip': {
      const read = await readNettestStream(chunksOf(bytes), importer === 'nettestZip', { fileName: 'fuzz', isInsideCzechia: () => true });
      return read.ok ? { ok: true } : coded(read.code);
    }
    case 'zsjLayer': {
      const read = readZsjLayer(bytes);
      return read.ok ? { ok: true } : coded(read.code);
    }
    case 'gpx': {
      const read = parseGpx(utf8.decode(bytes));
      return read.ok ? { ok: true } : coded(read.code);
    }
    case 'package': {
      const checked = await checkPackage(bytes);
      return checked.ok ? { ok: true } : coded(checked.problems[0]!.code);
    }
  }
}

const ZSJ_SEED = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { kod_zsj: '123456', nazev: '=Horní Blatná' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [12.7, 50.3],
            [12.8, 50.3],
            [12.8, 50.4],
            [12.7, 50.4],
            [12.7, 50.3],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { kod: 23457, nazev: 'Dolní' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [12.8, 50.3],
              [12.9, 50.3],
              [12.9, 50.4],
              [12.8, 50.3],
            ],
          ],
        ],
      },
    },
  ],
});

const GPX_SEED = `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="50.41" lon="12.92"><name>Parkoviště</name><time>2026-05-01T10:00:00Z</time></wpt>
  <trk><name>Cesta</name><trkseg>
    <trkpt lat="50.40" lon="12.90"><time>2026-05-01T10:00:00Z</time></trkpt>
    <trkpt lat="50.41" lon="12.91"><time>2026-05-01T10:01:00Z</time></trkpt>
    <trkpt lat="50.42" lon="12.93"><time>2026-05-01T10:02:00Z</time></trkpt>
  </trkseg></trk>
</gpx>`;

let packageSeed: Uint8Array | null = null;

/** A package of the real shape (data files, manifest with checksums and counts), without the PDF and GeoPackage. */
export async function packageSeedBytes(): Promise<Uint8Array> {
  if (packageSeed) return packageSeed;
  const reportsText = exportObecFile(SEED_REPORTS, { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' });
  const lokality = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [12.9, 50.4] }, properties: {} }] };
  const hlaseni = { type: 'FeatureCollection', features: SEED_REPORTS.map((r) => ({ type: 'Feature', geometry: r.geometry, properties: {} })) };
  packageSeed = await buildZip(
    [
      { name: PACKAGE_DATA_FILES.reports, bytes: strToU8(reportsText) },
      { name: PACKAGE_DATA_FILES.review, bytes: strToU8(exportReviewFile(EMPTY_REVIEW_STATE, NOW)) },
      { name: 'lokality.geojson', bytes: strToU8(JSON.stringify(lokality)) },
      { name: 'hlaseni.geojson', bytes: strToU8(JSON.stringify(hlaseni)) },
      { name: 'lokality.csv', bytes: strToU8('\uFEFFID;Název\r\n1;\'=HYPERLINK("x")\r\n') },
    ],
    {
      format: 'hlucha-mista/balicek-ctu',
      schemaVersion: PACKAGE_SCHEMA_VERSION,
      generatedAt: NOW,
      counts: { lokality: 1, lokalityMobilni: 1, lokalityPevne: 0, hlaseni: 2, mereni: 0 },
    },
    NOW,
  );
  return packageSeed;
}

/** The valid file each importer's fuzz cases start from. */
export async function seedOf(importer: Importer): Promise<Uint8Array> {
  switch (importer) {
    case 'obecFile':
      return strToU8(exportObecFile(SEED_REPORTS, { obec: null, signOff: null, exportedAt: NOW, appVersion: 'test' }));
    case 'tableCsv':
      return strToU8(
        'Obec;Popis;Zeměpisná šířka;Zeměpisná délka;Operátor\r\nBoží Dar;Parkoviště;50,41;12,92;O2\r\nKarlovy Vary;"U ""nádraží""";50,23;12,87;T-Mobile\r\n',
      );
    case 'tableXlsx':
      return makeXlsx({
        List1: [
          ['Obec', 'Popis', 'Lat', 'Lon'],
          ['Boží Dar', '=1+1', 50.41, 12.92],
          ['Karlovy Vary', 'U nádraží', 50.23, 12.87],
        ],
      });
    case 'nettestCsv':
      return strToU8(nettestCsv(generateNettestRows({ seed: 7, around: [[12.92, 50.41]], perPoint: 8, withSkipped: true })));
    case 'nettestZip':
      return zipSync({ 'nettest-2026-05.csv': strToU8(nettestCsv(generateNettestRows({ seed: 8, around: [[12.92, 50.41]], perPoint: 8 }))) }, FIXED_TIME);
    case 'zsjLayer':
      return strToU8(ZSJ_SEED);
    case 'gpx':
      return strToU8(GPX_SEED);
    case 'package':
      return packageSeedBytes();
  }
}
