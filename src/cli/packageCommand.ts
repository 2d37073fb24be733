/**
 * `hlucha-mista package <obec-files…> --kraj CZ041 [--settings settings.json] [--review posouzeni.json]
 *   [--status confirmed,…] [--orp KOD] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--generated-at ISO]
 *   [--contact "Jméno;funkce;e-mail;telefon"] [--with-reporters] [--include-demo] [--public] [--out FILE]
 *   [--measurements nettest.csv|nettest.zip [--measurement-margin 100]]`
 * Builds the ČTÚ submission package (or with --public the open-data variant) from obec files through the very
 * function the app's package worker calls (core buildPackage → preparePackage): the same files, review, settings,
 * selection and generated-at give the same bytes. --settings takes the analysis settings the app's dialog sets
 * (grouping distance, evidence thresholds, measurement margin). Without --status every status goes. With
 * --measurements, the NetTest measurements near each locality are attached (mereni.csv, evidence level). Demo
 * reports stay out unless --include-demo (then they are labelled DEMO in hlaseni.csv).
 */
import { obecContactTexts } from '../core/obecFile/obecContacts.ts';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { clusterReports } from '../core/cluster/clusterReports.ts';
import { buildPackage } from '../core/ctuPackage/buildPackage.ts';
import { buildPackageLocalities, selectKrajLocalities } from '../core/ctuPackage/packageLocalities.ts';
import { selectPackageLocalities, type PackageSelection } from '../core/ctuPackage/packageSelection.ts';
import { readNettestStream, type NettestReadResult } from '../core/nettest/readNettestStream.ts';
import type { MeasurementColumns } from '../core/nettest/measurementColumns.ts';
import { cliLanguage, cliSentence } from './cliLanguage.ts';
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import type { KrajeCollection, ObceCollection, OrpCollection } from '../core/packs/packFormat.ts';
import { mapAreasOf } from '../core/ctuPackage/letterMaps.ts';
import { DEFAULT_LETTER_SETTINGS, parseLetterSettings, parseLetterSettingsJson, type LetterSettings } from '../core/ctuPackage/letterSettings.ts';
import { parseReviewFile } from '../core/review/reviewFile.ts';
import { EMPTY_REVIEW_STATE, LOCALITY_STATUSES, pinsForClustering, type LocalityStatus } from '../core/review/reviewModel.ts';
import { KRAJE } from '../core/units/adminUnits.ts';
import '../i18n/allLanguages.ts';
import { translate, type MessageKey } from '../i18n/translate.ts';
import { packageLabel } from '../i18n/packageLabel.ts';
import { readSettingsFlag } from './aggregateCommand.ts';
import { parseCommandLine } from './commandLine.ts';
import { readObce, readPackFile, readPackManifest } from './packsOnDisk.ts';
import { loadReportFiles } from './reportFiles.ts';
import { buildCoverLetterInThread, threadCompressor } from '../worker/packageThread.ts';

function fonts() {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
}

/** "CZ042 Ústecký kraj 3, …" for the messages about what a package leaves out. */
function krajCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([nuts3, n]) => `${nuts3} ${KRAJE.find((k) => k.nuts3 === nuts3)?.nazev ?? ''}: ${n}`.replace(/\s+/g, ' '))
    .join(', ');
}

/**
 * The letter's settings: a JSON file (--letter-settings, the fields of LetterSettings: addressee, sender, reference,
 * place), then --reference and --place over it. Without them: ČTÚ's postal address and data box.
 */
function letterSettingsFromFlags(flags: Map<string, string | true>): ReturnType<typeof parseLetterSettings> {
  let settings: LetterSettings = DEFAULT_LETTER_SETTINGS;
  const file = flags.get('letter-settings');
  if (typeof file === 'string') {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { ok: false, problem: { code: 'letterSettings.unreadable' } };
    }
    const parsed = parseLetterSettingsJson(text);
    if (!parsed.ok) return parsed;
    settings = parsed.settings;
  }
  const overrides: Record<string, string> = {};
  for (const flag of ['reference', 'place'] as const) if (typeof flags.get(flag) === 'string') overrides[flag] = flags.get(flag) as string;
  return parseLetterSettings(overrides, settings);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runPackage(argv: string[]): Promise<number> {
  const { flags, positional } = parseCommandLine(argv, {
    values: [
      'kraj',
      'review',
      'status',
      'orp',
      'from',
      'to',
      'settings',
      'generated-at',
      'contact',
      'out',
      'measurements',
      'measurement-margin',
      'lang',
      'letter-settings',
      'reference',
      'place',
    ],
    switches: ['with-reporters', 'include-demo', 'public'],
  });
  const language = cliLanguage(flags);
  const say = (key: MessageKey, params?: Record<string, string | number>) => process.stderr.write(`${cliSentence(language, key, params)}\n`);
  const nuts3 = flags.get('kraj');
  const usage = () =>
    process.stderr.write(
      'Usage: hlucha-mista export <obec-files…> [--kraj CZ041 (needed when the localities lie in several kraje)] [--settings settings.json] [--review FILE] [--status confirmed,…] [--orp KOD] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--generated-at ISO] [--contact "jméno;funkce;e-mail;telefon"] [--with-reporters] [--include-demo] [--public] [--out FILE] [--measurements nettest.csv|.zip [--measurement-margin 100]] [--letter-settings FILE] [--reference Č.J.] [--place MÍSTO] [--lang cs|en]\n',
    );
  if (positional.length === 0 || (nuts3 !== undefined && !KRAJE.some((k) => k.nuts3 === nuts3))) {
    if (nuts3 !== undefined) say('cli.export.unknownKraj', { kraj: String(nuts3), kraje: KRAJE.map((k) => k.nuts3).join(', ') });
    usage();
    return 2;
  }
  const settingsFlag = readSettingsFlag(flags.get('settings'));
  if (!settingsFlag.ok) {
    process.stderr.write(`${settingsFlag.message}\n`);
    return 2;
  }
  let settings = settingsFlag.settings;
  if (flags.has('measurement-margin')) {
    const margin = Number(flags.get('measurement-margin'));
    if (Number.isFinite(margin) && margin >= 0) settings = { ...settings, measurementMarginM: margin };
  }
  const generatedAt = typeof flags.get('generated-at') === 'string' ? (flags.get('generated-at') as string) : new Date().toISOString();
  const index = ObecIndex.fromCollection(readObce(), { coverage: 'country' });
  const loaded = loadReportFiles(positional, index);
  for (const file of loaded.files) if (file.problem) process.stderr.write(`${file.file}: ${file.problem}\n`);
  // Every report is clustered (a locality may reach over a kraj border); the kraj's package then takes the
  // localities that belong to the kraj (reports/reportKraj.ts), as the app does (core's preparePackage).
  const reports = loaded.reports;
  const appVersion = (JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

  let review = EMPTY_REVIEW_STATE;
  if (typeof flags.get('review') === 'string') {
    const parsed = parseReviewFile(readFileSync(flags.get('review') as string, 'utf8'));
    if (!parsed.ok) {
      process.stderr.write(`${flags.get('review')}: ${parsed.code}\n`);
      return 1;
    }
    review = parsed.state;
  }
  const statuses = typeof flags.get('status') === 'string' ? (flags.get('status') as string).split(',') : [...LOCALITY_STATUSES];
  if (!statuses.every((s) => (LOCALITY_STATUSES as readonly string[]).includes(s))) {
    process.stderr.write(`--status: one or more of ${LOCALITY_STATUSES.join(', ')}\n`);
    return 2;
  }
  const dateFlag = (name: 'from' | 'to'): string | null | undefined => {
    const value = flags.get(name);
    if (value === undefined) return null;
    return typeof value === 'string' && ISO_DATE.test(value) ? value : undefined;
  };
  const from = dateFlag('from');
  const to = dateFlag('to');
  if (from === undefined || to === undefined) {
    process.stderr.write('--from, --to: a date YYYY-MM-DD\n');
    return 2;
  }
  const orp = flags.get('orp');
  const selection: PackageSelection = {
    statuses: statuses as LocalityStatus[],
    orpKod: typeof orp === 'string' ? orp : null,
    from,
    to,
    ...(flags.has('include-demo') ? { includeDemo: true } : {}),
  };

  // Here only to choose the kraj and say what is left out; the numbers (core's preparePackage gives localities
  // without one theirs) and the package itself come from core's buildPackage, as in the app.
  const clustering = clusterReports(reports, { distanceM: settings.distanceM, pins: pinsForClustering(review) });
  const all = buildPackageLocalities(reports, clustering, review, generatedAt, settings.thresholds);
  const kraje = new Set(all.map((l) => l.nuts3).filter((k): k is string => k !== null));
  const kraj = KRAJE.find((k) => k.nuts3 === nuts3) ?? (kraje.size === 1 ? KRAJE.find((k) => kraje.has(k.nuts3)) : undefined);
  if (!kraj) {
    if (kraje.size === 0) say('cli.export.noReports');
    else {
      const perKraj: Record<string, number> = {};
      for (const l of all) if (l.nuts3) perKraj[l.nuts3] = (perKraj[l.nuts3] ?? 0) + l.reports.length;
      say('cli.export.chooseKraj', { kraje: krajCounts(perKraj) });
    }
    usage();
    return 2;
  }
  const inKraj = selectKrajLocalities(all, kraj.nuts3);
  if (Object.keys(inKraj.otherKraje).length > 0) say('cli.export.otherKraje', { kraj: kraj.nuts3, kraje: krajCounts(inKraj.otherKraje) });
  if (inKraj.unplaced > 0) say('cli.export.unplaced', { count: inKraj.unplaced });
  if (!flags.has('public')) {
    const selected = selectPackageLocalities(inKraj.localities, selection);
    const leftByFilter = inKraj.localities.length - selected.length;
    if (leftByFilter > 0) say('cli.export.filtered', { count: leftByFilter });
    if (selected.length === 0) {
      say('cli.export.empty', { kraj: kraj.nuts3 });
      return 1;
    }
  }

  let measurements: MeasurementColumns | null = null;
  const measurementsFile = flags.get('measurements');
  if (typeof measurementsFile === 'string') {
    let read: NettestReadResult;
    try {
      read = await readNettestStream(createReadStream(measurementsFile), /\.zip$/i.test(measurementsFile), {
        fileName: path.basename(measurementsFile),
        isInsideCzechia: (lon, lat) => index.findContaining(lon, lat) >= 0,
      });
    } catch (error: unknown) {
      process.stderr.write(`${measurementsFile}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    if (!read.ok) {
      process.stderr.write(`${measurementsFile}: ${read.code}${read.missing ? ` (${read.missing.join(', ')})` : ''}\n`);
      return 1;
    }
    measurements = read.columns;
    process.stderr.write(`${measurementsFile}: ${JSON.stringify(read.summary)}\n`);
  }
  const letter = letterSettingsFromFlags(flags);
  if (!letter.ok) {
    const { code, ...params } = letter.problem;
    process.stderr.write(`${translate('en', `problem.${code}` as MessageKey, params)} (${code})\n`);
    return 2;
  }
  const [name = '', role = '', email = '', phone = ''] = typeof flags.get('contact') === 'string' ? (flags.get('contact') as string).split(';') : [];
  const manifest = readPackManifest(kraj.nuts3);
  const variant = flags.has('public') ? 'public' : 'ctu';
  const result = await buildPackage(
    {
      variant,
      reports,
      kraj: { nuts3: kraj.nuts3, nazev: kraj.nazev },
      review,
      settings,
      selection,
      generatedAt,
      appVersion,
      contact: { name, function: role, email, phone },
      outline: readPackFile<KrajeCollection>(kraj.nuts3, 'kraje.display.geojson').features[0]?.geometry ?? null,
      orp: mapAreasOf(readPackFile<OrpCollection>(kraj.nuts3, 'orp.display.geojson')),
      obce: mapAreasOf(readPackFile<ObceCollection>(kraj.nuts3, 'obce.display.geojson')),
      letterSettings: letter.settings,
      boundaries: { source: manifest.source.description, describesDate: manifest.describesDate, attribution: manifest.source.attribution },
      includeReporters: variant === 'ctu' && flags.has('with-reporters'),
      obecContacts: obecContactTexts(loaded.contacts),
      measurements,
    },
    { fonts: async () => fonts(), sqlJs: () => initSqlJs(), label: packageLabel, coverLetter: buildCoverLetterInThread, compressor: threadCompressor },
  );
  const out = typeof flags.get('out') === 'string' ? (flags.get('out') as string) : result.fileName;
  writeFileSync(out, result.zip);
  process.stdout.write(`${JSON.stringify({ file: out, ...result.counts })}\n`);
  return 0;
}
