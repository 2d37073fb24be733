/**
 * Boundary source adapter for the official ČÚZK RÚIAN state-level SHP export in EPSG:5514
 * (https://services.cuzk.cz/shp/stat/epsg-5514/1.zip, unzipped to a folder; the archive holds a folder `1/`).
 *
 * Reads the obce polygons (OBCE_P) and the attribute tables of POU_P, ORP_P, OKRESY_P and VUSC_P, reprojects
 * EPSG:5514 → WGS84 with the 7-parameter S-JTSK transformation and maps the RÚIAN codes onto the codes the packs
 * carry (ČSÚ codes for ORP, okres and kraj). What is known and what is assumed about the export's layout is written
 * down in geodata/README-ruian.md.
 *
 * Expected failures throw a RuianShpError with a stable `code` and `params`; problems that do not stop the build
 * are returned in `warnings`, each starting with its own stable code (`ruianShp.…: sentence`).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { SJTSK_PROJ4 } from '../../src/core/geo/sjtsk.ts';
import type { ObecProperties } from '../../src/core/units/adminUnits.ts';
import type { BoundarySource, ObecFeature, OrpCode } from './boundarySource.ts';
import { parseCsvRecords } from './csv.ts';
import { signedRingArea } from '../../src/core/geo/ringArea.ts';

export const RUIAN_ATTRIBUTION = '© ČÚZK (RÚIAN), CC BY 4.0';

/**
 * ČSÚ okres codes (číselník 0101, 5 digits with a mod-11 check digit) by LAU1 code. RÚIAN carries its own okres
 * codes (e.g. 3403 for Karlovy Vary) and the LAU1 code, not the ČSÚ code, so the mapping is part of the adapter.
 */
export const CSU_OKRES_KOD_BY_LAU1: Readonly<Record<string, string>> = {
  CZ0100: '40924',
  CZ0201: '40169',
  CZ0202: '40177',
  CZ0203: '40185',
  CZ0204: '40193',
  CZ0205: '40207',
  CZ0206: '40215',
  CZ0207: '40223',
  CZ0208: '40231',
  CZ0209: '40240',
  CZ020A: '40258',
  CZ020B: '40266',
  CZ020C: '40274',
  CZ0311: '40282',
  CZ0312: '40291',
  CZ0313: '40304',
  CZ0314: '40312',
  CZ0315: '40321',
  CZ0316: '40339',
  CZ0317: '40347',
  CZ0321: '40355',
  CZ0322: '40363',
  CZ0323: '40371',
  CZ0324: '40380',
  CZ0325: '40398',
  CZ0326: '40401',
  CZ0327: '40410',
  CZ0411: '40428',
  CZ0412: '40436',
  CZ0413: '40444',
  CZ0421: '40452',
  CZ0422: '40461',
  CZ0423: '40479',
  CZ0424: '40487',
  CZ0425: '40495',
  CZ0426: '40509',
  CZ0427: '40517',
  CZ0511: '40525',
  CZ0512: '40533',
  CZ0513: '40541',
  CZ0514: '40550',
  CZ0521: '40568',
  CZ0522: '40576',
  CZ0523: '40584',
  CZ0524: '40592',
  CZ0525: '40606',
  CZ0531: '40614',
  CZ0532: '40622',
  CZ0533: '40631',
  CZ0534: '40649',
  CZ0631: '40657',
  CZ0632: '40665',
  CZ0633: '40673',
  CZ0634: '40681',
  CZ0635: '40690',
  CZ0641: '40703',
  CZ0642: '40711',
  CZ0643: '40720',
  CZ0644: '40738',
  CZ0645: '40746',
  CZ0646: '40754',
  CZ0647: '40762',
  CZ0711: '40771',
  CZ0712: '40789',
  CZ0713: '40797',
  CZ0714: '40801',
  CZ0715: '40819',
  CZ0721: '40827',
  CZ0722: '40835',
  CZ0723: '40843',
  CZ0724: '40851',
  CZ0801: '40860',
  CZ0802: '40878',
  CZ0803: '40886',
  CZ0804: '40894',
  CZ0805: '40908',
  CZ0806: '40916',
};

/** ČSÚ kraj codes (číselník 0100, 4 digits) by NUTS3 code; RÚIAN's VÚSC codes differ (51 for Karlovarský). */
export const CSU_KRAJ_KOD_BY_NUTS3: Readonly<Record<string, string>> = {
  CZ010: '3018',
  CZ020: '3026',
  CZ031: '3034',
  CZ032: '3042',
  CZ041: '3051',
  CZ042: '3069',
  CZ051: '3077',
  CZ052: '3085',
  CZ053: '3093',
  CZ063: '3107',
  CZ064: '3115',
  CZ071: '3123',
  CZ072: '3131',
  CZ080: '3140',
};

export interface RuianShpOptions {
  /** ORP code crosswalk with the columns of /work/shared/geodata/cz/orp_kody.csv (KOD_ORP, KOD_ORP_RUIAN, …). */
  orpKodyCsv?: string;
  /** Folder holding one sub-folder of RÚIAN address-point CSVs per kraj, named by NUTS3 code (e.g. `CZ041/`). */
  addressPointsRoot?: string;
}

export type RuianShpErrorCode =
  | 'ruianShp.missingDirectory'
  | 'ruianShp.missingLayer'
  | 'ruianShp.emptyLayer'
  | 'ruianShp.missingAttribute'
  | 'ruianShp.missingValue'
  | 'ruianShp.unknownReference'
  | 'ruianShp.unknownOkresLau1'
  | 'ruianShp.unknownKrajNuts3'
  | 'ruianShp.unexpectedCoordinates'
  | 'ruianShp.unexpectedGeometry'
  | 'ruianShp.missingCrosswalk'
  | 'ruianShp.invalidCrosswalk';

export type RuianShpErrorParams = Readonly<Record<string, string | number | readonly string[] | readonly number[]>>;

/** An expected failure of the adapter: `code` is stable, `params` name the file, layer, attribute or value. */
export class RuianShpError extends Error {
  readonly code: RuianShpErrorCode;
  readonly params: RuianShpErrorParams;

  constructor(code: RuianShpErrorCode, params: RuianShpErrorParams, sentence: string) {
    super(`${code}: ${sentence}`);
    this.name = 'RuianShpError';
    this.code = code;
    this.params = params;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Layers and attributes: the names seen in the export, plus the few plausible variants (matched case-insensitively).

type LayerId = 'obce' | 'pou' | 'orp' | 'okresy' | 'vusc';

const LAYER_FILE_NAMES: Readonly<Record<LayerId, readonly string[]>> = {
  obce: ['OBCE_P', 'OBEC_P', 'OBCE'],
  pou: ['POU_P', 'POU'],
  orp: ['ORP_P', 'ORP'],
  okresy: ['OKRESY_P', 'OKRES_P', 'OKRESY'],
  // KRAJE_* is accepted only as a name; a layer of the 1960 kraje has no NUTS3 attribute and is rejected.
  vusc: ['VUSC_P', 'VUSC', 'KRAJE_P', 'KRAJE'],
};

const ATTRIBUTE_NAMES = {
  obce: {
    code: ['KOD', 'KOD_OBEC', 'OBEC_KOD'],
    name: ['NAZEV', 'NAZ_OBEC', 'NAZEV_OBCE'],
    pouCode: ['POU_KOD', 'KOD_POU'],
    orpCode: ['ORP_KOD', 'KOD_ORP'],
    okresCode: ['OKRES_KOD', 'KOD_OKRES'],
    vuscCode: ['VUSC_KOD', 'KOD_VUSC'],
    validFrom: ['PLATI_OD', 'PLATIOD'],
  },
  pou: { code: ['KOD', 'KOD_POU', 'POU_KOD'], name: ['NAZEV', 'NAZ_POU'], orpCode: ['ORP_KOD', 'KOD_ORP'] },
  orp: { code: ['KOD', 'KOD_ORP', 'ORP_KOD'], name: ['NAZEV', 'NAZ_ORP'], vuscCode: ['VUSC_KOD', 'KOD_VUSC'] },
  okresy: {
    code: ['KOD', 'KOD_OKRES', 'OKRES_KOD'],
    name: ['NAZEV', 'NAZ_OKRES', 'NAZ_LAU1'],
    lau1: ['LAU1_KOD', 'NUTS_LAU', 'KOD_LAU1', 'LAU1'],
    vuscCode: ['VUSC_KOD', 'KOD_VUSC'],
  },
  vusc: {
    code: ['KOD', 'KOD_VUSC', 'VUSC_KOD'],
    name: ['NAZEV', 'NAZ_VUSC', 'NAZ_CZNUTS3'],
    nuts3: ['NUTS3_KOD', 'NUTS_LAU', 'KOD_NUTS3', 'KOD_CZNUTS3', 'NUTS3'],
  },
} as const;

const SHAPEFILE_PART_EXTENSIONS = ['.shp', '.dbf', '.cpg', '.prj'] as const;
type ShapefilePart = (typeof SHAPEFILE_PART_EXTENSIONS)[number];
const SEARCH_DEPTH = 2;
const ORP_CROSSWALK_FILE_NAME = 'orp_kody.csv';

// ---------------------------------------------------------------------------------------------------------------
// Entry point

export async function loadRuianShpSource(dir: string, options: RuianShpOptions = {}): Promise<BoundarySource> {
  const directory = resolve(dir);
  await requireDirectory(directory);
  const warnings: string[] = [];

  const found = await findSourceFiles(directory);
  const obceFiles = requireLayer(found, 'obce', directory, ['.shp', '.dbf']);
  const [pouTable, orpTable, okresyTable, vuscTable] = await Promise.all([
    readAttributeTable(requireLayer(found, 'pou', directory, ['.dbf']), warnings),
    readAttributeTable(requireLayer(found, 'orp', directory, ['.dbf']), warnings),
    readAttributeTable(requireLayer(found, 'okresy', directory, ['.dbf']), warnings),
    readAttributeTable(requireLayer(found, 'vusc', directory, ['.dbf']), warnings),
  ]);
  const units = indexHigherUnits(pouTable, orpTable, okresyTable, vuscTable);

  const crosswalkPath = options.orpKodyCsv ?? found.orpCrosswalk;
  const crosswalk = crosswalkPath === null ? null : await readOrpCrosswalk(resolve(crosswalkPath));

  const obceLayer = await readObceLayer(obceFiles, units, crosswalk, warnings);
  if (crosswalk === null) {
    addWarning(
      warnings,
      `ruianShp.orpCrosswalkMissing: no ${ORP_CROSSWALK_FILE_NAME} was given (option orpKodyCsv) or found in ` +
        `${directory}; orpKod carries the RÚIAN ORP code (equal to orpKodRuian) for all ${obceLayer.orp.size} ORP. ` +
        'Do not mix this pack with packs that carry ČSÚ ORP codes.',
    );
  }
  addWarning(
    warnings,
    'ruianShp.pouKodIsRuian: the RÚIAN SHP carries RÚIAN POU codes and there is no ČSÚ crosswalk for POU; ' +
      'pouKod holds the RÚIAN POU code, not the 5-digit ČSÚ code.',
  );

  const obceShpPath = obceFiles.parts['.shp'] as string;
  const describes = await determineDescribesDate(obceShpPath, directory, obceLayer.latestValidFrom);
  if (describes.warning !== null) addWarning(warnings, describes.warning);

  const addressPoints = await listAddressPointFolders(options.addressPointsRoot, warnings);

  return {
    adapter: 'ruian-shp',
    description:
      `ČÚZK RÚIAN SHP, EPSG:5514 (${basename(directory)}); boundaries as of ${describes.date} (${describes.basis})` +
      (crosswalk === null ? '' : `; ORP crosswalk ${basename(crosswalk.path)}`),
    attribution: RUIAN_ATTRIBUTION,
    describesDate: describes.date,
    populationDate: null,
    obce: obceLayer.obce,
    orp: obceLayer.orp,
    addressPointsDir: (nuts3: string) => addressPoints.get(nuts3) ?? null,
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Finding the files

interface LayerFiles {
  /** The layer's file name as found, without extension, e.g. "OBCE_P". */
  baseName: string;
  folder: string;
  parts: Partial<Record<ShapefilePart, string>>;
}

interface FoundFiles {
  /** Shapefile parts keyed by lower-case base name; the shallowest folder holding a base name wins. */
  layers: Map<string, LayerFiles>;
  orpCrosswalk: string | null;
}

async function requireDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => null);
  if (info === null || !info.isDirectory()) {
    throw new RuianShpError(
      'ruianShp.missingDirectory',
      { directory },
      `${directory} is not a folder; unzip the RÚIAN state SHP export (1.zip) and pass its folder`,
    );
  }
}

/** Looks in the folder and up to SEARCH_DEPTH levels of sub-folders (the archive unzips to `1/`). */
async function findSourceFiles(directory: string): Promise<FoundFiles> {
  const layers = new Map<string, LayerFiles>();
  let orpCrosswalk: string | null = null;
  let level = [directory];
  for (let depth = 0; depth <= SEARCH_DEPTH && level.length > 0; depth++) {
    const nextLevel: string[] = [];
    const layersAtThisDepth = new Map<string, LayerFiles>();
    for (const folder of level.sort()) {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          nextLevel.push(path);
          continue;
        }
        const lowerName = entry.name.toLowerCase();
        if (lowerName === ORP_CROSSWALK_FILE_NAME) {
          orpCrosswalk ??= path;
          continue;
        }
        const extension = extname(lowerName) as ShapefilePart;
        if (!SHAPEFILE_PART_EXTENSIONS.includes(extension)) continue;
        const baseName = entry.name.slice(0, entry.name.length - extension.length);
        const key = `${folder}\u0000${baseName.toLowerCase()}`;
        const layer = layersAtThisDepth.get(key) ?? { baseName, folder, parts: {} };
        layer.parts[extension] ??= path;
        layersAtThisDepth.set(key, layer);
      }
    }
    for (const layer of layersAtThisDepth.values()) {
      const lowerBaseName = layer.baseName.toLowerCase();
      if (!layers.has(lowerBaseName)) layers.set(lowerBaseName, layer);
    }
    level = nextLevel;
  }
  return { layers, orpCrosswalk };
}

function requireLayer(found: FoundFiles, layer: LayerId, directory: string, requiredParts: readonly ShapefilePart[]): LayerFiles {
  const accepted = LAYER_FILE_NAMES[layer];
  const match = accepted.map((name) => found.layers.get(name.toLowerCase())).find((files) => files !== undefined);
  const primaryName = accepted[0] as string;
  if (match === undefined) {
    throw new RuianShpError(
      'ruianShp.missingLayer',
      { layer: primaryName, file: `${primaryName}${requiredParts[0]}`, accepted, directory },
      `no ${primaryName}${requiredParts[0]} (nor ${accepted.slice(1).join(', ')}; any letter case) in ${directory} ` + `or its sub-folders`,
    );
  }
  const missingPart = requiredParts.find((part) => match.parts[part] === undefined);
  if (missingPart !== undefined) {
    throw new RuianShpError(
      'ruianShp.missingLayer',
      { layer: primaryName, file: `${match.baseName}${missingPart}`, accepted, directory: match.folder },
      `${match.baseName}${missingPart} is missing next to the other files of ${match.baseName} in ${match.folder}`,
    );
  }
  return match;
}

// ---------------------------------------------------------------------------------------------------------------
// DBF encoding

/**
 * Picks the encoding of a DBF's text. RÚIAN publishes windows-1250 (the .cpg says so when present); a file re-saved
 * as UTF-8 is recognised from its bytes even when a stale .cpg still says 1250. Returns a warning when the .cpg and
 * the bytes disagree or the .cpg names an encoding we cannot read.
 */
export function chooseDbfEncoding(dbfBytes: Uint8Array, cpgText: string | null): { encoding: string; warning: string | null } {
  const cpg = cpgText === null ? null : cpgText.trim();
  const declared = cpg === null ? null : encodingFromCpg(cpg);
  const content = classifyDbfText(dbfBytes);
  const notes: string[] = [];
  if (cpg !== null && declared === null) notes.push(`the .cpg names "${cpg}", an encoding this adapter does not read`);
  let encoding: string;
  if (content === 'utf-8') {
    encoding = 'utf-8';
    if (declared !== null && declared !== 'utf-8') notes.push(`the .cpg says ${cpg} but the text is valid UTF-8`);
  } else if (content === 'single-byte') {
    encoding = declared !== null && declared !== 'utf-8' ? declared : 'windows-1250';
    if (declared === 'utf-8') notes.push('the .cpg says UTF-8 but the text is not valid UTF-8');
  } else {
    encoding = declared ?? 'utf-8'; // plain ASCII reads the same in every encoding we accept
  }
  return { encoding, warning: notes.length > 0 ? `${notes.join('; ')}; read as ${encoding}` : null };
}

function encodingFromCpg(cpgText: string): string | null {
  const compact = cpgText
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (compact === 'UTF8' || compact === '65001') return 'utf-8';
  if (/^(CP|WINDOWS|WIN|MSWIN|ANSI)?1250$/.test(compact)) return 'windows-1250';
  if (/^(ISO)?88592$/.test(compact) || compact === 'LATIN2') return 'iso-8859-2';
  if (/^(CP|WINDOWS|WIN|ANSI)?1252$/.test(compact)) return 'windows-1252';
  try {
    return new TextDecoder(cpgText.trim()).encoding;
  } catch {
    return null;
  }
}

function classifyDbfText(dbfBytes: Uint8Array): 'ascii' | 'utf-8' | 'single-byte' {
  const headerLength = dbfBytes.length >= 10 ? dbfBytes[8]! | (dbfBytes[9]! << 8) : 0;
  const records = dbfBytes.subarray(Math.min(headerLength, dbfBytes.length));
  if (!records.some((byte) => byte >= 0x80)) return 'ascii';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(records);
    return 'utf-8';
  } catch {
    return 'single-byte';
  }
}

async function readDbfWithEncoding(files: LayerFiles, warnings: string[]): Promise<{ bytes: Uint8Array; encoding: string }> {
  const bytes = new Uint8Array(await readFile(files.parts['.dbf'] as string));
  const cpgPath = files.parts['.cpg'];
  const cpgText = cpgPath === undefined ? null : await readFile(cpgPath, 'latin1');
  const choice = chooseDbfEncoding(bytes, cpgText);
  if (choice.warning !== null) addWarning(warnings, `ruianShp.dbfEncoding: ${files.baseName}.dbf: ${choice.warning}`);
  return { bytes, encoding: choice.encoding };
}

// ---------------------------------------------------------------------------------------------------------------
// Attribute tables of the higher units

type Row = Readonly<Record<string, unknown>>;

interface AttributeTable {
  layer: string;
  fieldNames: readonly string[];
  rows: readonly Row[];
}

async function readAttributeTable(files: LayerFiles, warnings: string[]): Promise<AttributeTable> {
  const { bytes, encoding } = await readDbfWithEncoding(files, warnings);
  const source = await shapefile.openDbf(bytes, { encoding });
  const rows: Row[] = [];
  for (let result = await source.read(); !result.done; result = await source.read()) {
    if (result.value !== null) rows.push(result.value);
  }
  if (rows.length === 0) {
    throw new RuianShpError('ruianShp.emptyLayer', { layer: files.baseName }, `${files.baseName}.dbf has no records`);
  }
  return { layer: files.baseName, fieldNames: Object.keys(rows[0] as Row), rows };
}

function findField(fieldNames: readonly string[], accepted: readonly string[]): string | null {
  for (const name of accepted) {
    const field = fieldNames.find((candidate) => candidate.toUpperCase() === name);
    if (field !== undefined) return field;
  }
  return null;
}

function requireField(layer: string, fieldNames: readonly string[], accepted: readonly string[]): string {
  const field = findField(fieldNames, accepted);
  if (field === null) {
    const primaryName = accepted[0] as string;
    throw new RuianShpError(
      'ruianShp.missingAttribute',
      { layer, attribute: primaryName, accepted, found: fieldNames },
      `${layer}.dbf has no attribute ${primaryName} (nor ${accepted.slice(1).join(', ') || 'a variant'}); ` + `it has ${fieldNames.join(', ')}`,
    );
  }
  return field;
}

/** Codes are identifiers: numbers from N fields and padded strings from C fields both become trimmed strings. */
function codeValue(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d+\.0*$/.test(trimmed) ? trimmed.replace(/\.0*$/, '') : trimmed;
}

function textValue(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

interface Unit {
  code: string;
  name: string;
}
interface PouUnit extends Unit {
  orpCode: string | null;
}
interface OrpUnit extends Unit {
  vuscCode: string | null;
}
interface OkresUnit extends Unit {
  lau1: string;
  vuscCode: string | null;
}
interface VuscUnit extends Unit {
  nuts3: string;
}

interface HigherUnits {
  pou: Map<string, PouUnit>;
  orp: Map<string, OrpUnit>;
  okresy: Map<string, OkresUnit>;
  vusc: Map<string, VuscUnit>;
}

function indexHigherUnits(pouTable: AttributeTable, orpTable: AttributeTable, okresyTable: AttributeTable, vuscTable: AttributeTable): HigherUnits {
  const pouAttributes = ATTRIBUTE_NAMES.pou;
  const pouOrpField = findField(pouTable.fieldNames, pouAttributes.orpCode);
  const pou = indexUnits(pouTable, pouAttributes, (row) => ({
    orpCode: pouOrpField ? codeValue(row[pouOrpField]) : null,
  }));

  const orpVuscField = findField(orpTable.fieldNames, ATTRIBUTE_NAMES.orp.vuscCode);
  const orp = indexUnits(orpTable, ATTRIBUTE_NAMES.orp, (row) => ({
    vuscCode: orpVuscField ? codeValue(row[orpVuscField]) : null,
  }));

  const okresAttributes = ATTRIBUTE_NAMES.okresy;
  const lau1Field = requireField(okresyTable.layer, okresyTable.fieldNames, okresAttributes.lau1);
  const okresVuscField = findField(okresyTable.fieldNames, okresAttributes.vuscCode);
  const okresy = indexUnits(okresyTable, okresAttributes, (row, code) => ({
    lau1: requireValue(okresyTable.layer, 'LAU1_KOD', codeValue(row[lau1Field]), code),
    vuscCode: okresVuscField ? codeValue(row[okresVuscField]) : null,
  }));

  const nuts3Field = requireField(vuscTable.layer, vuscTable.fieldNames, ATTRIBUTE_NAMES.vusc.nuts3);
  const vusc = indexUnits(vuscTable, ATTRIBUTE_NAMES.vusc, (row, code) => {
    const nuts3 = requireValue(vuscTable.layer, 'NUTS3_KOD', codeValue(row[nuts3Field]), code).toUpperCase();
    if (!/^CZ0\d\d$/.test(nuts3)) {
      throw new RuianShpError(
        'ruianShp.unknownKrajNuts3',
        { layer: vuscTable.layer, value: nuts3, code },
        `${vuscTable.layer} record ${code} has NUTS3 code "${nuts3}"; a layer of the 14 kraje (VÚSC) is expected`,
      );
    }
    return { nuts3 };
  });

  return { pou, orp, okresy, vusc };
}

function indexUnits<Extra extends object>(
  table: AttributeTable,
  attributes: { readonly code: readonly string[]; readonly name: readonly string[] },
  extra: (row: Row, code: string) => Extra,
): Map<string, Unit & Extra> {
  const codeField = requireField(table.layer, table.fieldNames, attributes.code);
  const nameField = requireField(table.layer, table.fieldNames, attributes.name);
  const units = new Map<string, Unit & Extra>();
  table.rows.forEach((row, index) => {
    const code = requireValue(table.layer, 'KOD', codeValue(row[codeField]), `#${index + 1}`);
    const name = requireValue(table.layer, 'NAZEV', textValue(row[nameField]), code);
    units.set(code, { code, name, ...extra(row, code) });
  });
  return units;
}

function requireValue(layer: string, attribute: string, value: string | null, record: string): string {
  if (value === null) {
    throw new RuianShpError('ruianShp.missingValue', { layer, attribute, record }, `${layer} record ${record} has no value in ${attribute}`);
  }
  return value;
}

function requireUnit<UnitType>(
  units: Map<string, UnitType>,
  code: string,
  reference: { layer: string; attribute: string; referencedLayer: string; obecKod: string },
): UnitType {
  const unit = units.get(code);
  if (unit === undefined) {
    throw new RuianShpError(
      'ruianShp.unknownReference',
      { ...reference, value: code },
      `obec ${reference.obecKod} in ${reference.layer} has ${reference.attribute} ${code}, ` + `which ${reference.referencedLayer} does not list`,
    );
  }
  return unit;
}

// ---------------------------------------------------------------------------------------------------------------
// ORP crosswalk (RÚIAN ORP code → ČSÚ ORP code)

interface OrpCrosswalkEntry {
  csuCode: string;
  seatObecCode: string | null;
}

interface OrpCrosswalk {
  path: string;
  byRuianCode: Map<string, OrpCrosswalkEntry>;
}

async function readOrpCrosswalk(path: string): Promise<OrpCrosswalk> {
  const bytes = await readFile(path).catch(() => null);
  if (bytes === null) {
    throw new RuianShpError('ruianShp.missingCrosswalk', { file: path }, `cannot read the ORP crosswalk ${path}`);
  }
  const text = decodeUtf8OrWindows1250(bytes).replace(/^\uFEFF/, '');
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  let rows: Array<Record<string, string>>;
  try {
    rows = parseCsvRecords(text, delimiter);
  } catch (error) {
    throw new RuianShpError('ruianShp.invalidCrosswalk', { file: path }, `${path}: ${(error as Error).message}`);
  }
  const fieldNames = Object.keys(rows[0] ?? {});
  const column = (name: string): string | null => fieldNames.find((candidate) => candidate.trim().toUpperCase() === name) ?? null;
  const csuColumn = column('KOD_ORP');
  const ruianColumn = column('KOD_ORP_RUIAN');
  if (csuColumn === null || ruianColumn === null) {
    const attribute = csuColumn === null ? 'KOD_ORP' : 'KOD_ORP_RUIAN';
    throw new RuianShpError(
      'ruianShp.invalidCrosswalk',
      { file: path, attribute, found: fieldNames },
      `${path} has no ${attribute} column (or no rows); it has ${fieldNames.join(', ') || 'nothing'}`,
    );
  }
  const seatColumn = column('KOD_OBCE_SIDLO');
  const byRuianCode = new Map<string, OrpCrosswalkEntry>();
  for (const row of rows) {
    const csuCode = codeValue(row[csuColumn]);
    const ruianCode = codeValue(row[ruianColumn]);
    if (csuCode === null || ruianCode === null) continue;
    byRuianCode.set(ruianCode, { csuCode, seatObecCode: seatColumn === null ? null : codeValue(row[seatColumn]) });
  }
  return { path, byRuianCode };
}

function decodeUtf8OrWindows1250(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1250').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Obce: attributes, joins and geometry

interface ObceLayer {
  obce: ObecFeature[];
  orp: Map<string, OrpCode>;
  /** Latest PLATI_OD among the obce (ISO date), when the layer has that attribute. */
  latestValidFrom: string | null;
}

async function readObceLayer(files: LayerFiles, units: HigherUnits, crosswalk: OrpCrosswalk | null, warnings: string[]): Promise<ObceLayer> {
  const { bytes: dbfBytes, encoding } = await readDbfWithEncoding(files, warnings);
  const source = await shapefile.open(createReadStream(files.parts['.shp'] as string), dbfBytes, { encoding });

  const obceByCode = new Map<string, ObecFeature>();
  const orp = new Map<string, OrpCode>();
  const orpMissingFromCrosswalk = new Map<string, string>();
  let fields: ObceFields | null = null;
  let latestValidFrom: string | null = null;
  let recordNumber = 0;

  try {
    const project = createProjection(source.bbox, files.baseName, warnings);
    for (let result = await source.read(); !result.done; result = await source.read()) {
      recordNumber += 1;
      const row: Row = result.value.properties ?? {};
      fields ??= findObceFields(files.baseName, Object.keys(row));
      const properties = joinObecProperties(row, fields, units, crosswalk, files.baseName, recordNumber);
      if (crosswalk !== null && !crosswalk.byRuianCode.has(properties.orpKodRuian)) {
        orpMissingFromCrosswalk.set(properties.orpKodRuian, properties.orpNazev);
      }
      const validFrom = fields.validFrom === null ? null : isoDateValue(row[fields.validFrom]);
      if (validFrom !== null && (latestValidFrom === null || validFrom > latestValidFrom)) latestValidFrom = validFrom;

      const polygons = reprojectGeometry(result.value.geometry, project, properties.kod, files.baseName, warnings);
      if (polygons.length === 0) {
        addWarning(warnings, `ruianShp.missingGeometry: obec ${properties.kod} ${properties.nazev} has no usable polygon; left out`);
        continue;
      }
      const earlier = obceByCode.get(properties.kod);
      if (earlier !== undefined) {
        addWarning(warnings, `ruianShp.duplicateObec: obec ${properties.kod} appears in several records; their polygons are merged`);
      }
      const allPolygons = earlier === undefined ? polygons : [...polygonsOf(earlier.geometry), ...polygons];
      obceByCode.set(properties.kod, { type: 'Feature', properties, geometry: geometryFromPolygons(allPolygons) });
      if (!orp.has(properties.orpKod)) orp.set(properties.orpKod, orpCodeOf(properties, crosswalk));
    }
  } catch (error) {
    await source.cancel().catch(() => undefined);
    throw error;
  }

  if (obceByCode.size === 0) {
    const layer = files.baseName;
    throw new RuianShpError('ruianShp.emptyLayer', { layer }, `${layer} has no obce with polygons`);
  }
  if (crosswalk !== null && orpMissingFromCrosswalk.size > 0) {
    const listed = [...orpMissingFromCrosswalk].map(([code, name]) => `${code} ${name}`).join(', ');
    addWarning(warnings, `ruianShp.orpNotInCrosswalk: RÚIAN ORP ${listed} not in ${crosswalk.path}; their orpKod carries the RÚIAN code`);
  }
  return { obce: [...obceByCode.values()], orp, latestValidFrom };
}

function orpCodeOf(properties: ObecProperties & { orpKodRuian: string }, crosswalk: OrpCrosswalk | null): OrpCode {
  return {
    kod: properties.orpKod,
    kodRuian: properties.orpKodRuian,
    nazev: properties.orpNazev,
    krajKod: properties.krajKod,
    krajNuts3: properties.krajNuts3,
    krajNazev: properties.krajNazev,
    sidloKod: crosswalk?.byRuianCode.get(properties.orpKodRuian)?.seatObecCode ?? null,
  };
}

interface ObceFields {
  code: string;
  name: string;
  pouCode: string;
  orpCode: string | null;
  okresCode: string;
  vuscCode: string | null;
  validFrom: string | null;
}

function findObceFields(layer: string, fieldNames: readonly string[]): ObceFields {
  const attributes = ATTRIBUTE_NAMES.obce;
  return {
    code: requireField(layer, fieldNames, attributes.code),
    name: requireField(layer, fieldNames, attributes.name),
    pouCode: requireField(layer, fieldNames, attributes.pouCode),
    orpCode: findField(fieldNames, attributes.orpCode),
    okresCode: requireField(layer, fieldNames, attributes.okresCode),
    vuscCode: findField(fieldNames, attributes.vuscCode),
    validFrom: findField(fieldNames, attributes.validFrom),
  };
}

/**
 * The obec's own codes come from OBCE_P; names and the kraj from the layers they point to. ORP falls back to the
 * POU's ORP_KOD and the VÚSC to the okres's or ORP's VUSC_KOD when OBCE_P lacks those attributes.
 */
function joinObecProperties(
  row: Row,
  fields: ObceFields,
  units: HigherUnits,
  crosswalk: OrpCrosswalk | null,
  layer: string,
  recordNumber: number,
): ObecProperties & { orpKodRuian: string } {
  const kod = requireValue(layer, 'KOD', codeValue(row[fields.code]), `#${recordNumber}`);
  const reference = (attribute: string, referencedLayer: string) => ({
    layer,
    attribute,
    referencedLayer,
    obecKod: kod,
  });

  const pouCode = requireValue(layer, 'POU_KOD', codeValue(row[fields.pouCode]), kod);
  const pou = requireUnit(units.pou, pouCode, reference('POU_KOD', 'POU_P'));
  const ownOrpCode = fields.orpCode === null ? null : codeValue(row[fields.orpCode]);
  const orpCode = requireValue(layer, 'ORP_KOD', ownOrpCode ?? pou.orpCode, kod);
  const orp = requireUnit(units.orp, orpCode, reference('ORP_KOD', 'ORP_P'));
  const okresCode = requireValue(layer, 'OKRES_KOD', codeValue(row[fields.okresCode]), kod);
  const okres = requireUnit(units.okresy, okresCode, reference('OKRES_KOD', 'OKRESY_P'));
  const ownVuscCode = fields.vuscCode === null ? null : codeValue(row[fields.vuscCode]);
  const vuscCode = requireValue(layer, 'VUSC_KOD', ownVuscCode ?? okres.vuscCode ?? orp.vuscCode, kod);
  const vusc = requireUnit(units.vusc, vuscCode, reference('VUSC_KOD', 'VUSC_P'));

  const okresKod = CSU_OKRES_KOD_BY_LAU1[okres.lau1.toUpperCase()];
  if (okresKod === undefined) {
    throw new RuianShpError(
      'ruianShp.unknownOkresLau1',
      { layer: 'OKRESY_P', value: okres.lau1, okres: okres.code },
      `okres ${okres.code} ${okres.name} has LAU1 code ${okres.lau1}, which has no known ČSÚ okres code`,
    );
  }
  const krajKod = CSU_KRAJ_KOD_BY_NUTS3[vusc.nuts3];
  if (krajKod === undefined) {
    throw new RuianShpError(
      'ruianShp.unknownKrajNuts3',
      { layer: 'VUSC_P', value: vusc.nuts3, code: vusc.code },
      `VÚSC ${vusc.code} ${vusc.name} has NUTS3 code ${vusc.nuts3}, which has no known ČSÚ kraj code`,
    );
  }

  return {
    kod,
    nazev: requireValue(layer, 'NAZEV', textValue(row[fields.name]), kod),
    pouKod: pou.code,
    pouNazev: pou.name,
    orpKod: crosswalk?.byRuianCode.get(orp.code)?.csuCode ?? orp.code,
    orpKodRuian: orp.code,
    orpNazev: orp.name,
    okresKod,
    okresLau1: okres.lau1.toUpperCase(),
    okresNazev: okres.name,
    krajKod,
    krajNuts3: vusc.nuts3,
    krajNazev: vusc.name,
    obyvatel: null,
  };
}

/** PLATI_OD as an ISO date: DBF date fields arrive as Date objects, character fields as text in a few formats. */
function isoDateValue(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return isoDate(value.getFullYear(), value.getMonth() + 1, value.getDate());
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const yearFirst = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(text);
  if (yearFirst) return isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dayFirst = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})/.exec(text);
  if (dayFirst) return isoDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Coordinates: EPSG:5514 → WGS84, rounded to 6 decimals

type Projection = (position: Position) => Position;

const EAST_NORTH_EXTENT = { minX: -950_000, maxX: -400_000, minY: -1_300_000, maxY: -900_000 };

/**
 * Checks the layer's extent before trusting it: EPSG:5514 coordinates inside Czechia are negative. A layer written
 * with positive S-JTSK coordinates (ESRI "S-JTSK Krovak", EPSG:5513 style) is accepted by negating both axes and
 * reported; anything else (degrees, swapped axes, another CRS) is refused rather than misplaced.
 */
function createProjection(bbox: readonly number[], layer: string, warnings: string[]): Projection {
  const [minX = NaN, minY = NaN, maxX = NaN, maxY = NaN] = bbox;
  const within = (extent: typeof EAST_NORTH_EXTENT, sign: 1 | -1) => {
    const [lowX, highX] = sign === 1 ? [minX, maxX] : [-maxX, -minX];
    const [lowY, highY] = sign === 1 ? [minY, maxY] : [-maxY, -minY];
    return lowX >= extent.minX && highX <= extent.maxX && lowY >= extent.minY && highY <= extent.maxY;
  };
  let sign: 1 | -1;
  if (within(EAST_NORTH_EXTENT, 1)) {
    sign = 1;
  } else if (within(EAST_NORTH_EXTENT, -1)) {
    sign = -1;
    addWarning(warnings, `ruianShp.positiveSjtsk: ${layer} has positive S-JTSK coordinates (not EPSG:5514); read as x = −Y, y = −X`);
  } else {
    throw new RuianShpError(
      'ruianShp.unexpectedCoordinates',
      { layer, bbox: [minX, minY, maxX, maxY] },
      `${layer} spans x ${minX}…${maxX}, y ${minY}…${maxY}; EPSG:5514 coordinates of Czechia lie within ` +
        `x ${EAST_NORTH_EXTENT.minX}…${EAST_NORTH_EXTENT.maxX}, ` +
        `y ${EAST_NORTH_EXTENT.minY}…${EAST_NORTH_EXTENT.maxY}`,
    );
  }
  const converter = proj4(SJTSK_PROJ4, 'EPSG:4326');
  return (position) => {
    const [lon, lat] = converter.forward([sign * (position[0] as number), sign * (position[1] as number)]) as number[];
    return [roundTo6(lon as number), roundTo6(lat as number)];
  };
}

function roundTo6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

type Rings = Position[][];

function reprojectGeometry(
  geometry: { type: string; coordinates?: unknown } | null,
  project: Projection,
  obecKod: string,
  layer: string,
  warnings: string[],
): Rings[] {
  if (geometry === null) return [];
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw new RuianShpError(
      'ruianShp.unexpectedGeometry',
      { layer, geometryType: geometry.type, obecKod },
      `${layer} holds ${geometry.type} geometry for obec ${obecKod}; polygons are expected`,
    );
  }
  const sourcePolygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as Rings[];
  const polygons: Rings[] = [];
  let droppedRings = 0;
  for (const sourceRings of sourcePolygons) {
    const rings: Rings = [];
    sourceRings.forEach((sourceRing, index) => {
      const ring = cleanRing(sourceRing.map(project), index === 0);
      if (ring === null) droppedRings += 1;
      else if (index === 0 || rings.length > 0) rings.push(ring);
    });
    if (rings.length > 0) polygons.push(rings);
  }
  if (droppedRings > 0) {
    addWarning(
      warnings,
      `ruianShp.degenerateRing: obec ${obecKod}: ${droppedRings} ring(s) collapsed to less than a triangle after ` + 'rounding to 6 decimals and were left out',
    );
  }
  return polygons;
}

/**
 * Drops repeated positions (rounding can make neighbours equal), closes the ring and orients it per RFC 7946:
 * outer rings counter-clockwise, holes clockwise. Returns null for a ring without area.
 */
function cleanRing(positions: Position[], isOuter: boolean): Position[] | null {
  const ring: Position[] = [];
  for (const position of positions) {
    const previous = ring[ring.length - 1];
    if (previous === undefined || previous[0] !== position[0] || previous[1] !== position[1]) ring.push(position);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first === undefined || last === undefined) return null;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0] as number, first[1] as number]);
  if (ring.length < 4) return null;
  const area = signedRingArea(ring);
  if (area === 0) return null;
  return area > 0 === isOuter ? ring : ring.reverse();
}

function geometryFromPolygons(polygons: Rings[]): Polygon | MultiPolygon {
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as Rings } : { type: 'MultiPolygon', coordinates: polygons };
}

function polygonsOf(geometry: Polygon | MultiPolygon): Rings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

// ---------------------------------------------------------------------------------------------------------------
// The date the boundaries describe

const DATE_IN_NAME = /(?<!\d)(20\d{2})-?(\d{2})-?(\d{2})(?!\d)/;

/**
 * In order: a date in the name of the obce layer or of the folders holding it (e.g. "20250101" or "2025-01-01"),
 * the latest PLATI_OD of the obce (when the layer carries it), else the modification date of the obce .shp file
 * (unzip restores the time ČÚZK wrote the archive entry), which is reported as a warning.
 */
async function determineDescribesDate(
  obceShpPath: string,
  directory: string,
  latestValidFrom: string | null,
): Promise<{ date: string; basis: string; warning: string | null }> {
  const names = [basename(obceShpPath)];
  for (let folder = dirname(obceShpPath); folder.length >= directory.length; folder = dirname(folder)) {
    names.push(basename(folder));
    if (folder === directory || folder === dirname(folder)) break;
  }
  for (const name of names) {
    const match = DATE_IN_NAME.exec(name);
    const date = match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
    if (date !== null) return { date, basis: `date in the name "${name}"`, warning: null };
  }
  if (latestValidFrom !== null) return { date: latestValidFrom, basis: 'latest PLATI_OD of the obce', warning: null };
  const modified = (await stat(obceShpPath)).mtime.toISOString().slice(0, 10);
  return {
    date: modified,
    basis: `modification date of ${basename(obceShpPath)}`,
    warning:
      `ruianShp.describesDateFromFileTime: no date in the file names and no PLATI_OD; describesDate ${modified} is ` +
      `the modification date of ${obceShpPath}. If that is wrong, name the folder with the download date ` +
      '(e.g. ruian-20250101).',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Address points and warnings

async function listAddressPointFolders(root: string | undefined, warnings: string[]): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  if (root === undefined) return folders;
  const rootPath = resolve(root);
  const entries = await readdir(rootPath, { withFileTypes: true }).catch(() => null);
  if (entries === null) {
    addWarning(warnings, `ruianShp.missingAddressPoints: ${rootPath} is not a readable folder; no address points`);
    return folders;
  }
  for (const entry of entries) {
    if (entry.isDirectory() && /^CZ0\d\d$/i.test(entry.name)) {
      folders.set(entry.name.toUpperCase(), join(rootPath, entry.name));
    }
  }
  return folders;
}

function addWarning(warnings: string[], warning: string): void {
  if (!warnings.includes(warning)) warnings.push(warning);
}
