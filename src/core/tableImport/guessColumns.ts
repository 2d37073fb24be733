/**
 * A first guess of the mapping from the header names (Czech and English, with or without diacritics) and from
 * the values: "zeměpisná šířka"/"lat" → latitude, "Souřadnice Y"/"Souřadnice X" → S-JTSK, "název obce" → obec,
 * "popis"/"poznámka" → description, "operátor" → operators… A column whose name says nothing is still recognised
 * when its values are S-JTSK metres, degrees in Czechia, "lat, lon" pairs, obec codes or operator names. A column
 * named "Y"/"X" holding degrees is taken as latitude/longitude. The person corrects the guess in the dialog.
 */
import { SJTSK_CZECHIA_EXTENT } from '../geo/sjtsk.ts';
import { CZECHIA_EXTENT } from '../reports/validateReport.ts';
import { parseOperators } from './parseCellChoices.ts';
import { parseDegrees, parseLatLonPair } from './parseCellCoordinates.ts';
import { parseCellNumber } from './parseCellNumber.ts';
import type { Table } from './table.ts';
import { emptyMapping, type TableField, type TableMapping } from './tableMapping.ts';

/** Header names (normalised: lower case, no diacritics, words separated by single spaces) per field. */
const HEADER_NAMES: Record<TableField, readonly string[]> = {
  latitude: [
    'lat',
    'latitude',
    'zemepisna sirka',
    'zem sirka',
    'sirka',
    'gps sirka',
    'sirka gps',
    'wgs84 lat',
    'lat wgs84',
    'sirka wgs84',
    'sirka wgs 84',
    'n',
    'gps n',
    'y wgs84',
    'wgs84 y',
    'lat n',
  ],
  longitude: [
    'lon',
    'lng',
    'long',
    'longitude',
    'zemepisna delka',
    'zem delka',
    'delka',
    'gps delka',
    'delka gps',
    'wgs84 lon',
    'lon wgs84',
    'delka wgs84',
    'delka wgs 84',
    'e',
    'gps e',
    'x wgs84',
    'wgs84 x',
    'lon e',
  ],
  latLon: [
    'gps',
    'souradnice gps',
    'gps souradnice',
    'souradnice',
    'souradnice wgs84',
    'wgs84',
    'poloha',
    'gps poloha',
    'coordinates',
    'lat lon',
    'latlon',
    'lat long',
    'location gps',
    'umisteni gps',
  ],
  sjtskY: ['y', 'souradnice y', 'y sjtsk', 'sjtsk y', 'y jtsk', 'jtsk y', 'y s jtsk', 's jtsk y', 'souradnice y sjtsk', 'y m'],
  sjtskX: ['x', 'souradnice x', 'x sjtsk', 'sjtsk x', 'x jtsk', 'jtsk x', 'x s jtsk', 's jtsk x', 'souradnice x sjtsk', 'x m'],
  obecKod: ['kod obce', 'kod obec', 'obec kod', 'kod obce csu', 'kod obce ruian', 'lau2', 'lau 2', 'lau', 'municipality code', 'icob'],
  obecNazev: ['obec', 'nazev obce', 'obec nazev', 'nazev obec', 'jmeno obce', 'municipality', 'municipality name'],
  castObce: ['cast obce', 'nazev casti obce', 'cast obce nazev', 'mistni cast', 'osada', 'cast'],
  description: [
    'popis',
    'popis mista',
    'popis lokality',
    'popis problemu',
    'lokalita',
    'misto',
    'upresneni',
    'upresneni mista',
    'description',
    'location description',
    'poznamka',
    'poznamky',
    'komentar',
    'note',
    'notes',
    'comment',
  ],
  failures: ['problem', 'co nefunguje', 'typ problemu', 'druh problemu', 'zavada', 'typ zavady', 'nefunguje', 'failure', 'failures', 'issue', 'what fails'],
  operators: [
    'operator',
    'operatori',
    'operator site',
    'mobilni operator',
    'sit',
    'mobilni sit',
    'operatori site',
    'provider',
    'network',
    'network name',
    'operator name',
    'carrier',
  ],
  technologies: ['technologie', 'technology', 'generace site', 'typ site', 'network type', 'cat technology', 'technologies'],
  environments: ['prostredi', 'kde', 'environment', 'venku uvnitr', 'umisteni'],
  date: [
    'datum',
    'date',
    'datum zjisteni',
    'datum mereni',
    'datum zaznamu',
    'datum hlaseni',
    'datum a cas',
    'time utc',
    'time',
    'cas',
    'kdy',
    'zjisteno',
    'observed',
  ],
  inhabitants: ['pocet obyvatel', 'obyvatel', 'obyvatele', 'pocet dotcenych obyvatel', 'dotceni obyvatele', 'inhabitants', 'population'],
  reporterName: [
    'nahlasil',
    'nahlasila',
    'nahlasil a',
    'oznamovatel',
    'hlasitel',
    'kdo hlasi',
    'kdo nahlasil',
    'jmeno a prijmeni',
    'jmeno hlasitele',
    'jmeno oznamovatele',
    'podatel',
    'reporter',
    'reported by',
    'reporter name',
  ],
  reporterContact: [
    'kontakt',
    'kontakt na hlasitele',
    'kontakt na oznamovatele',
    'email',
    'e mail',
    'telefon',
    'mobil',
    'contact',
    'phone',
    'reporter contact',
  ],
};

/** Description names in order of preference (a table may have both "popis" and "poznámka"). */
const DESCRIPTION_PREFERENCE = ['popis', 'lokalita', 'misto', 'upresneni', 'description', 'poznamka', 'komentar', 'note'];

export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bs jtsk\b/g, 'sjtsk')
    .replace(/\bwgs 84\b/g, 'wgs84');
}

function headerScore(header: string, name: string): number {
  if (header === name) return 1000 + name.length;
  const words = header.split(' ');
  const nameWords = name.split(' ');
  // Short names ("y", "n", "lat", "kde") match only on their own: "Typ SO" is not latitude, "Kde přesně" is a
  // description rather than the environment.
  if (name.length <= 3) return 0;
  if (nameWords.every((word) => words.includes(word))) return 500 + name.length - (words.length - nameWords.length);
  return 0;
}

/** What a column's values look like (share of its non-empty sample values). */
interface ColumnProfile {
  filled: number;
  sjtskY: number;
  sjtskX: number;
  lat: number;
  lon: number;
  /** Degrees anywhere on Earth (a "lat" column of a file from abroad is still latitude). */
  latAny: number;
  lonAny: number;
  fractional: number;
  pair: number;
  obecKod: number;
  operator: number;
}

const SAMPLE_ROWS = 300;

function profileColumn(table: Table, column: number): ColumnProfile {
  const values: string[] = [];
  for (const row of table.rows) {
    const value = row[column]?.trim() ?? '';
    if (value !== '') values.push(value);
    if (values.length >= SAMPLE_ROWS) break;
  }
  const share = (test: (value: string) => boolean) => (values.length === 0 ? 0 : values.filter(test).length / values.length);
  const e = SJTSK_CZECHIA_EXTENT;
  const c = CZECHIA_EXTENT;
  const absolute = (value: string) => {
    const number = parseCellNumber(value);
    return number === null ? NaN : Math.abs(number);
  };
  return {
    filled: values.length,
    sjtskY: share((v) => absolute(v) >= -e.maxX && absolute(v) <= -e.minX),
    sjtskX: share((v) => absolute(v) >= -e.maxY && absolute(v) <= -e.minY),
    lat: share((v) => {
      const parsed = parseDegrees(v, 'lat');
      return parsed.ok && parsed.degrees >= c.south && parsed.degrees <= c.north;
    }),
    lon: share((v) => {
      const parsed = parseDegrees(v, 'lon');
      return parsed.ok && parsed.degrees >= c.west && parsed.degrees <= c.east;
    }),
    latAny: share((v) => parseDegrees(v, 'lat').ok),
    lonAny: share((v) => parseDegrees(v, 'lon').ok),
    fractional: share((v) => /[.,]\d|°|'/.test(v)),
    pair: share((v) => /\d[^\d]+\d/.test(v) && parseLatLonPair(v).ok),
    obecKod: share((v) => /^5\d{5}$/.test(v)),
    operator: share((v) => parseOperators(v).length > 0),
  };
}

const MOSTLY = 0.8;
const HALF = 0.5;

export function guessColumns(table: Table): TableMapping {
  const mapping = emptyMapping();
  const headers = table.header.map(normalizeHeader);
  const profiles = table.header.map((_, column) => profileColumn(table, column));
  const used = new Set<number>();
  const assign = (field: TableField, column: number) => {
    mapping.columns[field] = column;
    used.add(column);
  };

  // 1. Header names, best match first.
  const candidates: Array<{ field: TableField; column: number; score: number }> = [];
  for (const [field, names] of Object.entries(HEADER_NAMES) as Array<[TableField, readonly string[]]>) {
    headers.forEach((header, column) => {
      let score = Math.max(0, ...names.map((name) => headerScore(header, name)));
      if (field === 'description' && score > 0) {
        const rank = DESCRIPTION_PREFERENCE.findIndex((word) => header.split(' ').includes(word));
        score += rank < 0 ? 0 : 100 - rank * 10;
      }
      if (score > 0) candidates.push({ field, column, score });
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  for (const { field, column } of candidates) {
    if (mapping.columns[field] === null && !used.has(column)) assign(field, column);
  }

  // 2. The values decide what coordinate columns hold: "Y"/"X" with degrees are latitude/longitude, "lat" with
  //    S-JTSK metres is S-JTSK, and a coordinate column whose values fit nothing is dropped.
  // A named column keeps its guess unless most of its values are something else (a bad row or two do not count).
  const fits = (field: TableField, profile: ColumnProfile): boolean => {
    const metres = profile.sjtskY + profile.sjtskX >= MOSTLY;
    switch (field) {
      case 'latitude':
        return profile.latAny >= HALF && !metres;
      case 'longitude':
        return profile.lonAny >= HALF && !metres;
      case 'latLon':
        return profile.pair >= HALF;
      case 'sjtskY':
      case 'sjtskX':
        return profile.sjtskY + profile.sjtskX >= HALF;
      default:
        return true;
    }
  };
  for (const field of ['latitude', 'longitude', 'latLon', 'sjtskY', 'sjtskX'] as const) {
    const column = mapping.columns[field];
    if (column === null || profiles[column]!.filled === 0 || fits(field, profiles[column]!)) continue;
    mapping.columns[field] = null;
    used.delete(column);
    const profile = profiles[column]!;
    const alternative: TableField | null =
      profile.sjtskY >= MOSTLY
        ? 'sjtskY'
        : profile.sjtskX >= MOSTLY
          ? 'sjtskX'
          : profile.lat >= MOSTLY
            ? 'latitude'
            : profile.lon >= MOSTLY
              ? 'longitude'
              : null;
    if (alternative && mapping.columns[alternative] === null) assign(alternative, column);
  }

  // 3. Columns whose names said nothing, by their values.
  profiles.forEach((profile, column) => {
    if (used.has(column) || profile.filled === 0) return;
    if (profile.sjtskY >= MOSTLY && mapping.columns.sjtskY === null) assign('sjtskY', column);
    else if (profile.sjtskX >= MOSTLY && mapping.columns.sjtskX === null) assign('sjtskX', column);
    else if (profile.pair >= MOSTLY && mapping.columns.latLon === null) assign('latLon', column);
    else if (profile.fractional >= MOSTLY && profile.lat >= MOSTLY && mapping.columns.latitude === null) assign('latitude', column);
    else if (profile.fractional >= MOSTLY && profile.lon >= MOSTLY && mapping.columns.longitude === null) assign('longitude', column);
    else if (profile.obecKod >= MOSTLY && mapping.columns.obecKod === null) assign('obecKod', column);
    else if (profile.operator >= MOSTLY && mapping.columns.operators === null) assign('operators', column);
  });

  // Half a pair is no position: a lone latitude or a lone S-JTSK column is left for the person to pair.
  return mapping;
}
