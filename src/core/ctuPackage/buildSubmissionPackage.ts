/**
 * The submission package for ČTÚ and BCO, as one deterministic ZIP: README.txt (Czech), manifest.json (schema and
 * app version, generated-at, kraj, selection, counts, CRS definitions, boundary pack, SHA-256 of every file),
 * lokality.csv, hlaseni.csv, souhrn_orp.csv, lokality.geojson, hlaseni.geojson and zadost.pdf.
 * Pure: every input is a parameter (fonts included), so it runs in the browser, a worker and Node alike.
 */
import { SJTSK_PROJ4 } from '../geo/sjtsk.ts';
import { withoutLocalPaths } from './localPaths.ts';
import { ANSWER_TEMPLATE_FILE_NAME, buildAnswerTemplateCsv } from '../ctu/ctuAnswers.ts';
import { buildChangesCsv, CHANGES_FILE_NAME } from '../ctu/packageChanges.ts';
import { diffPackages, packagedLocality, type PackagedLocality } from '../ctu/packageHistory.ts';
import { buildCoverLetterPdf, coverLetterRequest, type CoverLetterInput, type CoverLetterRequest } from './coverLetterPdf.ts';
import { buildCoverLetterDocx, LETTER_DOCX_FILE_NAME } from './coverLetterDocx.ts';
import type { PackageLocality } from './packageLocalities.ts';
import { buildPackageTables, orpSummary, type Label } from './packageTables.ts';
import { PackageZipWriter, type Compressor } from './zipPackage.ts';
import { buildMeasurementsCsv, MEASUREMENTS_FILE_NAME } from './packageNettest.ts';
import { buildGisLayers, GIS_FILE_NAME } from './gisLayers.ts';
import type { SqlJsStatic } from 'sql.js';
import { exportObecFile } from '../obecFile/exportObecFile.ts';
import { exportReviewFile } from '../review/reviewFile.ts';
import type { ReviewState } from '../review/reviewModel.ts';
import { PACKAGE_DATA_FILES } from './packageDataFiles.ts';

export const PACKAGE_SCHEMA_VERSION = 1;

export interface SubmissionPackageInput {
  localities: readonly PackageLocality[];
  kraj: CoverLetterInput['kraj'];
  contact: CoverLetterInput['contact'];
  outline: CoverLetterInput['outline'];
  /** The kraj's ORP and obce (display geometry) for the letter's maps. */
  orp?: CoverLetterInput['orp'];
  obce?: CoverLetterInput['obce'];
  /** The letter's addressee, sender, č. j. and place (default: ČTÚ's postal address and data box). */
  letterSettings?: CoverLetterInput['settings'];
  fonts: CoverLetterInput['fonts'];
  label: Label;
  /** A parameter, so the output can be reproduced byte for byte. */
  generatedAt: string;
  appVersion: string;
  /** How the localities were chosen (statuses, ORP, dates), recorded in the manifest. */
  selection: Record<string, unknown>;
  /** The boundary pack the places were derived from. */
  boundaries: { source: string; describesDate: string; attribution: string };
  /** Reporters' names and contacts are personal data: left out unless the user opts in. */
  includeReporters: boolean;
  /** SQLite (sql.js) for the EPSG:5514 GeoPackage. */
  sqlJs: SqlJsStatic;
  /** The coordinator's review, carried so that importing the package reproduces it. */
  review: ReviewState;
  /** Obec kód → the obec's official contact (obecContacts.ts): the "Kontakt obce" column. */
  obecContacts?: Readonly<Record<string, string>>;
  /**
   * Builds zadost.pdf elsewhere, in parallel with the other files: a worker (src/worker/packageThread.ts in
   * Node, coverLetterWorker.ts in the browser). It must give the bytes buildCoverLetterPdfFromRequest gives. Without
   * it the letter is built on this thread.
   */
  coverLetter?: (request: CoverLetterRequest) => Promise<Uint8Array>;
  /** Where the files are compressed (see zipPackage.ts); by default fflate's workers. */
  compressor?: Compressor;
  /** The kraj's previous package (its number and localities as they went): `zmeny.csv` lists what changed since. */
  previousPackage?: { number: string; localities: PackagedLocality[] } | null;
}

/** Machine-readable copies inside the package, for a lossless round trip (see importSubmissionPackage). */
export { PACKAGE_DATA_FILES };

/** The review of the packaged localities only. */
function reviewOf(input: SubmissionPackageInput): ReviewState {
  const localityIds = new Set(input.localities.map((l) => l.localityId));
  const reportIds = new Set(input.localities.flatMap((l) => l.reports.map((r) => r.id)));
  return {
    reviews: Object.fromEntries(Object.entries(input.review.reviews).filter(([id]) => localityIds.has(id))),
    pins: Object.fromEntries(Object.entries(input.review.pins).filter(([id]) => reportIds.has(id))),
    audit: input.review.audit.filter((entry) => {
      const action = entry.action;
      const ids = 'localityId' in action ? [action.localityId] : 'targetId' in action ? [action.targetId] : [];
      return ids.some((id) => localityIds.has(id));
    }),
  };
}

/** The official contacts of the packaged localities' obce (kód → contact), in kód order. */
function packagedObecContacts(input: SubmissionPackageInput): Record<string, string> {
  const kody = [...new Set(input.localities.flatMap((l) => l.obce.map((o) => o.kod)))].sort();
  return Object.fromEntries(kody.filter((kod) => input.obecContacts?.[kod]).map((kod) => [kod, input.obecContacts![kod]!]));
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function packageFileName(nuts3: string, generatedAt: string): string {
  return `balicek-ctu-${nuts3}-${generatedAt.slice(0, 10)}.zip`;
}

function readme(input: SubmissionPackageInput, counts: Record<string, number>): string {
  return [
    `Balíček hluchých míst pro ČTÚ a BCO — ${input.kraj.nazev} (${input.kraj.nuts3})`,
    `Vytvořeno: ${input.generatedAt} aplikací Hluchá místa ${input.appVersion}`,
    '',
    'CO JE V BALÍČKU',
    '  zadost.pdf         Průvodní dopis ČTÚ se souhrnem podle ORP, mapami a tabulkou lokalit (A4, k tisku).',
    '  zadost.docx        Týž dopis jako upravitelný dokument (Word, LibreOffice), mapy jako obrázky.',
    '  lokality.csv       Jeden řádek za lokalitu a oblast (mobilní signál / pevný internet). Pro Excel:',
    '                     UTF-8 s BOM, oddělovač středník, desetinná čárka. Otevřete dvojklikem.',
    '  hlaseni.csv        Jeden řádek za hlášení obce, se sloupcem „ID lokality“.',
    '  souhrn_orp.csv     Jeden řádek za ORP a oblast.',
    '  lokality_obce.csv  Jeden řádek za lokalitu a obec, do níž zasahuje, s kontaktem obce (žádost je po obcích).',
    '  lokality.geojson   Těžiště lokalit, WGS84 (EPSG:4326, RFC 7946), atributy jako v lokality.csv.',
    '  hlaseni.geojson    Hlášení s původní geometrií (bod, úsek, oblast), WGS84.',
    '  vrstvy_s-jtsk_5514.gpkg  GeoPackage se dvěma vrstvami (lokality, hlaseni) v S-JTSK / Krovak East North',
    '                     (EPSG:5514); otevře QGIS, ArcGIS i GDAL se správným souřadnicovým systémem a diakritikou.',
    '  dukazy/            Fotografie z hlášení (název souboru = ID hlášení), pokud je obce přiložily.',
    '  mereni.csv         Měření NetTest (otevřená data ČTÚ) v dosahu lokalit, jeden řádek za měření a lokalitu;',
    '                     dohledatelná podle open_test_uuid. Jen pokud byla měření do aplikace načtena.',
    '  odpoved_ctu.csv    Šablona odpovědi ČTÚ: u lokality vyplňte Stav ČTÚ (změřeno, potvrzené bílé místo, nepotvrzeno,',
    '                     vyřešeno), Datum odpovědi, Č. j. ČTÚ a poznámku; kraj soubor načte a stav lokalit se upraví.',
    '  zmeny.csv          Co se změnilo od předchozího balíčku kraje (nové, změněné a stažené lokality); jen pokud byl.',
    '  data/              Strojově čitelné kopie (soubor obce, posouzení, lokality, kontakty obcí) pro zpětné načtení.',
    '  manifest.json      Verze, výběr, počty, definice souřadnicových systémů a SHA-256 všech souborů.',
    '',
    'JAK SOUBORY OTEVŘÍT',
    '  Excel: dvojklikem na .csv (české znaky i čísla se načtou správně).',
    '  QGIS / ArcGIS: přetáhněte vrstvy_s-jtsk_5514.gpkg do mapy (EPSG:5514), nebo lokality.geojson (WGS84).',
    '        Souřadnice S-JTSK jsou také ve sloupcích X a Y souborů CSV.',
    '  Kontrola neporušenosti: SHA-256 každého souboru musí odpovídat manifest.json.',
    '',
    'SLOVNÍK POLÍ (lokality.csv)',
    '  Číslo lokality     Číslo lokality v kraji (např. KV-2026-0042), neměnné; na ně odkazujte v odpovědi.',
    '  ID lokality        Stálý identifikátor lokality (L- a identifikátor nejstaršího hlášení).',
    '  Oblast             Mobilní signál, nebo pevný internet (ČTÚ je řeší odděleně; jedna lokalita = jedna oblast).',
    '  Priorita           Priorita podle koordinátora kraje (nízká, běžná, vysoká, naléhavá).',
    '  Kraj NUTS3, Okres LAU1, ORP kód ČSÚ, ORP kód RÚIAN, Kód obce, Kód ZSJ: kódy ČSÚ a RÚIAN.',
    '  Popis lokality     Přesný popis místa od obce.',
    '  Co nefunguje       Žádný signál, nelze se dovolat, hovory padají, SMS, data, pomalá data.',
    '  Kód obce, Obec     Obec s nejvíce hlášeními lokality; Všechny obce (kód): každá obec, do níž lokalita zasahuje.',
    '  Počet hlášení, Počet obcí: kolik hlášení lokalitu dokládá a do kolika obcí zasahuje.',
    '  Dotčení obyvatelé  Nejvyšší odhad obce (odhady jednoho místa se nesčítají).',
    '  Úroveň důkazů      0–4 podle kritérií FCC: počet hlášení, různé zdroje, časový odstup, měření pod prahem.',
    '  Počet měření NetTest  Měření NetTest v dosahu lokality (přesnost polohy měření + rezerva), viz mereni.csv.',
    '  Stav               Stav posouzení koordinátorem (nové … potvrzené … předané ČTÚ).',
    '  Poznámka pro ČTÚ   Poznámky koordinátora určené ČTÚ (ostatní poznámky jsou interní).',
    '  Kontakt obce       Úřední kontakt obce s nejvíce hlášeními; Kontakty všech obcí: každé obce lokality.',
    '  Těžiště            WGS84 (stupně) a S-JTSK EPSG:5514 (metry, záporné hodnoty).',
    '',
    'SLOVNÍK POLÍ (mereni.csv)',
    '  open_test_uuid     Identifikátor měření v otevřených datech NetTest; Čas v UTC.',
    '  Stahování, Odesílání (Mbit/s), Ping (ms), RSRP (dBm), poloha WGS84 a S-JTSK, Přesnost polohy (m).',
    '  Třída NetTest      Třídy aplikace NetTest 1–4 (4 nejlepší) pro signál a rychlost stahování.',
    '  Pod prahem selhání RSRP, stahování nebo odesílání pod prahy nastavenými koordinátorem (podle FCC).',
    '',
    'POČTY',
    ...Object.entries(counts).map(([key, value]) => `  ${key}: ${value}`),
    '',
    'ZDROJE',
    `  Hranice: ${withoutLocalPaths(input.boundaries.source)}, stav ${input.boundaries.describesDate}. ${withoutLocalPaths(input.boundaries.attribution)}`,
    '  Osobní údaje: ' +
      (input.includeReporters ? 'balíček OBSAHUJE jména a kontakty hlásících (souhlas uživatele).' : 'jména a kontakty hlásících nejsou součástí balíčku.'),
    '',
  ].join('\r\n');
}

export async function buildSubmissionPackage(input: SubmissionPackageInput): Promise<{ fileName: string; zip: Uint8Array; counts: Record<string, number> }> {
  const tableOptions = {
    label: input.label,
    includeReporters: input.includeReporters,
    ...(input.obecContacts ? { obecContacts: new Map(Object.entries(input.obecContacts)) } : {}),
  };
  const orpRows = orpSummary(input.localities);
  const letterInput: CoverLetterInput = {
    ...input,
    orpRows,
    generatedAt: input.generatedAt,
    ...(input.letterSettings ? { settings: input.letterSettings } : {}),
  };
  // Started first: in a worker, the letter (PDF, then the editable DOCX) is laid out while this thread builds the
  // tables and layers.
  const request = input.coverLetter ? coverLetterRequest(letterInput) : null;
  const letter = input.coverLetter && request ? input.coverLetter(request) : null;
  const letterDocx = input.coverLetter && request ? input.coverLetter({ ...request, format: 'docx' }) : null;
  letter?.catch(() => undefined); // added to the ZIP below; this only keeps a failure meanwhile from counting as unhandled
  letterDocx?.catch(() => undefined);
  const tables = buildPackageTables(input.localities, tableOptions);
  const counts = {
    lokality: input.localities.length,
    lokalityMobilni: input.localities.filter((l) => l.domain === 'mobile').length,
    lokalityPevne: input.localities.filter((l) => l.domain === 'fixed').length,
    hlaseni: input.localities.reduce((s, l) => s + l.reports.length, 0),
    obce: new Set(input.localities.flatMap((l) => l.obce.map((o) => o.kod))).size,
    orp: new Set(orpRows.map((r) => r.kod)).size,
    mereni: input.localities.reduce((s, l) => s + (l.measurements?.length ?? 0), 0),
  };
  // Each file goes to the ZIP writer as soon as it is built: its compression (a worker) and its SHA-256 run while
  // the next file is built. On this thread the PDF comes last, so the other files are compressed while it is laid out.
  const zip = new PackageZipWriter(input.generatedAt, input.compressor);
  const text = (s: string) => new TextEncoder().encode(s);
  zip.add({ name: 'lokality.csv', bytes: text(tables.lokalityCsv) });
  zip.add({ name: 'hlaseni.csv', bytes: text(tables.hlaseniCsv) });
  zip.add({ name: 'souhrn_orp.csv', bytes: text(tables.souhrnOrpCsv) });
  zip.add({ name: 'lokality_obce.csv', bytes: text(tables.lokalityObceCsv) });
  zip.add({ name: 'lokality.geojson', bytes: text(JSON.stringify(tables.lokalityGeoJson)) });
  zip.add({ name: 'hlaseni.geojson', bytes: text(JSON.stringify(tables.hlaseniGeoJson)) });
  zip.add({
    name: PACKAGE_DATA_FILES.reports,
    bytes: text(
      exportObecFile(
        input.localities.flatMap((l) => l.reports).map((r) => (input.includeReporters ? r : { ...r, reporter: null })),
        { obec: null, signOff: null, exportedAt: input.generatedAt, appVersion: input.appVersion },
      ),
    ),
  });
  zip.add({ name: PACKAGE_DATA_FILES.review, bytes: text(exportReviewFile(reviewOf(input), input.generatedAt)) });
  const packaged = input.localities.map(packagedLocality);
  zip.add({ name: PACKAGE_DATA_FILES.localities, bytes: text(`${JSON.stringify(packaged, null, 1)}\n`) });
  zip.add({ name: ANSWER_TEMPLATE_FILE_NAME, bytes: text(buildAnswerTemplateCsv(input.localities, input.label)) });
  if (input.previousPackage) {
    const changes = diffPackages(input.previousPackage.localities, packaged);
    zip.add({ name: CHANGES_FILE_NAME, bytes: text(buildChangesCsv(changes, input.previousPackage.number, input.label)) });
  }
  zip.add({ name: PACKAGE_DATA_FILES.obecContacts, bytes: text(`${JSON.stringify(packagedObecContacts(input), null, 1)}\n`) });
  zip.add({ name: GIS_FILE_NAME, bytes: buildGisLayers(input.sqlJs, input.localities, tableOptions, input.generatedAt, tables.values) });
  // Evidence: imported NetTest measurements attached to the localities.
  if (counts.mereni > 0) zip.add({ name: MEASUREMENTS_FILE_NAME, bytes: text(buildMeasurementsCsv(input.localities, input.label)) });
  // Evidence: the reports' photos as files of their own (dukazy/<report id>.<ext>), named in hlaseni.csv by report id.
  for (const report of input.localities.flatMap((l) => l.reports)) {
    const photo = report.photo;
    if (!photo?.dataUrl) continue;
    const base64 = photo.dataUrl.slice(photo.dataUrl.indexOf(',') + 1);
    const extension = photo.mimeType === 'image/png' ? 'png' : photo.mimeType === 'image/webp' ? 'webp' : 'jpg';
    zip.add({ name: `dukazy/${report.id}.${extension}`, bytes: base64ToBytes(base64) });
  }
  zip.add({ name: 'README.txt', bytes: text(`\uFEFF${readme(input, counts)}`) });
  zip.add({ name: 'zadost.pdf', bytes: letter ?? buildCoverLetterPdf(letterInput) });
  zip.add({ name: LETTER_DOCX_FILE_NAME, bytes: letterDocx ?? buildCoverLetterDocx(letterInput) });
  const manifest = {
    format: 'hlucha-mista/balicek-ctu',
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    app: { name: 'hlucha-mista', version: input.appVersion },
    generatedAt: input.generatedAt,
    kraj: input.kraj,
    selection: input.selection,
    counts,
    personalData: input.includeReporters,
    crs: {
      'EPSG:4326': 'WGS 84 (GeoJSON, RFC 7946: [lon, lat])',
      'EPSG:5514': { name: 'S-JTSK / Krovak East North', proj4: SJTSK_PROJ4 },
    },
    boundaries: { ...input.boundaries, source: withoutLocalPaths(input.boundaries.source), attribution: withoutLocalPaths(input.boundaries.attribution) },
  };
  return { fileName: packageFileName(input.kraj.nuts3, input.generatedAt), zip: await zip.finish(manifest), counts };
}
