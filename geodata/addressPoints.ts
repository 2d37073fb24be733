/**
 * RÚIAN address points (ČÚZK per-obec CSV `<YYYYMMDD>_OB_<kód obce>_ADR.csv`: windows-1250, `;`, positive
 * S-JTSK Y/X of EPSG:5513 style) → the compact columnar AddressPointsPack.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sjtsk } from '../src/core/geo/coordinates.ts';
import { sjtskToWgs84 } from '../src/core/geo/sjtsk.ts';
import { PACK_FORMAT_VERSION, type AddressPointsPack } from '../src/core/packs/packFormat.ts';
import { parseCsvRecords } from './sources/csv.ts';

const FILE_PATTERN = /^(\d{8})_OB_(\d{6})_ADR\.csv$/i;

export interface AddressPointRow {
  kodObce: string;
  kodCastiObce: string;
  nazevCastiObce: string;
  /** Positive EPSG:5513-style Y and X as in the file, or null when the row has no coordinates. */
  y: number | null;
  x: number | null;
}

export function listAddressPointFiles(dir: string): Array<{ file: string; date: string; kodObce: string }> {
  return readdirSync(dir)
    .map((name) => ({ name, match: FILE_PATTERN.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      file: path.join(dir, name),
      date: `${match[1]!.slice(0, 4)}-${match[1]!.slice(4, 6)}-${match[1]!.slice(6, 8)}`,
      kodObce: match[2]!,
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Read one ČÚZK address-point CSV (windows-1250 bytes). */
export function readAddressPointFile(file: string): AddressPointRow[] {
  const text = new TextDecoder('windows-1250').decode(readFileSync(file));
  return parseCsvRecords(text, ';').map((row) => ({
    kodObce: row['Kód obce'] ?? '',
    kodCastiObce: row['Kód části obce'] ?? '',
    nazevCastiObce: row['Název části obce'] ?? '',
    y: parseCoordinate(row['Souřadnice Y']),
    x: parseCoordinate(row['Souřadnice X']),
  }));
}

function parseCoordinate(value: string | undefined): number | null {
  if (!value) return null;
  const number = Number(value.replace(',', '.'));
  return Number.isFinite(number) && number > 0 ? number : null;
}

export function buildAddressPointsPack(dir: string, obceInPack: ReadonlySet<string>): AddressPointsPack {
  const files = listAddressPointFiles(dir);
  const castiObce: AddressPointsPack['castiObce'] = [];
  const castIndex = new Map<string, number>();
  const lonE6: number[] = [];
  const latE6: number[] = [];
  const cast: number[] = [];
  let skippedWithoutCoordinates = 0;
  const dates = new Set<string>();
  for (const { file, date, kodObce } of files) {
    if (!obceInPack.has(kodObce)) continue;
    dates.add(date);
    for (const row of readAddressPointFile(file)) {
      if (row.x === null || row.y === null) {
        skippedWithoutCoordinates++;
        continue;
      }
      let index = castIndex.get(row.kodCastiObce);
      if (index === undefined) {
        index = castiObce.length;
        castIndex.set(row.kodCastiObce, index);
        castiObce.push({ kod: row.kodCastiObce, nazev: row.nazevCastiObce, kodObce: row.kodObce });
      }
      const [lon, lat] = sjtskToWgs84(sjtsk(-row.y, -row.x));
      lonE6.push(Math.round(lon * 1e6));
      latE6.push(Math.round(lat * 1e6));
      cast.push(index);
    }
  }
  return {
    formatVersion: PACK_FORMAT_VERSION,
    describesDate: [...dates].sort().at(-1) ?? '',
    count: cast.length,
    castiObce,
    lonE6,
    latE6,
    cast,
    skippedWithoutCoordinates,
  };
}
