/**
 * Where the boundary data comes from. Tried in order: an explicit --source folder, $HLUCHA_MISTA_GEODATA,
 * the shared folder beside the checkout (../shared/geodata), and geodata/cache/ruian-shp (where the README
 * tells you to unzip the official ČÚZK SHP export).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { BoundarySource } from './sources/boundarySource.ts';
import { isSharedCzSource, loadSharedCzSource } from './sources/sharedCz.ts';

export type SourceKind = 'shared-cz' | 'ruian-shp';

export function projectRoot(): string {
  return path.resolve(import.meta.dirname, '..');
}

export function defaultPacksDir(): string {
  return path.join(projectRoot(), 'public', 'packs');
}

export function candidateSourceDirs(explicit?: string): string[] {
  if (explicit) return [path.resolve(explicit)];
  const root = projectRoot();
  const list = [process.env.HLUCHA_MISTA_GEODATA, path.join(root, '..', 'shared', 'geodata'), path.join(root, 'geodata', 'cache', 'ruian-shp')];
  return list.filter((dir): dir is string => Boolean(dir)).map((dir) => path.resolve(dir));
}

/** The folder holding OBCE_P.shp: `dir` itself or the `1/` folder that 1.zip unpacks to. */
export function ruianShpFolder(dir: string): string | null {
  for (const folder of [dir, path.join(dir, '1')]) {
    if (existsSync(folder) && readdirSync(folder).some((name) => /^obce(_p)?\.shp$/i.test(name))) return folder;
  }
  return null;
}

export function isRuianShpSource(dir: string): boolean {
  return ruianShpFolder(dir) !== null;
}

export function detectSource(dir: string): SourceKind | null {
  if (isSharedCzSource(dir)) return 'shared-cz';
  if (isRuianShpSource(dir)) return 'ruian-shp';
  return null;
}

export const NO_SOURCE_MESSAGE = [
  'Hluchá místa: no boundary source found, so the boundary packs cannot be built.',
  'Options:',
  '  1. Put the shared geodata folder beside the checkout: ../shared/geodata (with cz/obce.geojson).',
  '  2. Point to it: HLUCHA_MISTA_GEODATA=/path/to/geodata npm start  (or npx hlucha-mista geodata build --source DIR).',
  '  3. Use the official ČÚZK RÚIAN export: download https://services.cuzk.cz/shp/stat/epsg-5514/1.zip,',
  '     unzip it into geodata/cache/ruian-shp/ and run: npx hlucha-mista geodata build  (see geodata/README.md).',
].join('\n');

export async function loadSource(dir: string): Promise<BoundarySource> {
  const kind = detectSource(dir);
  if (kind === 'shared-cz') return loadSharedCzSource(dir);
  if (kind === 'ruian-shp') {
    const { loadRuianShpSource } = await import('./sources/ruianShp.ts');
    // RÚIAN has no ČSÚ ORP codes: take the crosswalk from the folder itself, else from the shared folder.
    const folder = ruianShpFolder(dir)!;
    const crosswalks = [
      path.join(folder, 'orp_kody.csv'),
      path.join(dir, 'orp_kody.csv'),
      path.join(projectRoot(), '..', 'shared', 'geodata', 'cz', 'orp_kody.csv'),
    ];
    const orpKodyCsv = crosswalks.find((file) => existsSync(file));
    return loadRuianShpSource(folder, orpKodyCsv ? { orpKodyCsv } : {});
  }
  throw new Error(`${dir} is neither the shared geodata folder nor a ČÚZK RÚIAN SHP export.\n${NO_SOURCE_MESSAGE}`);
}

export async function findAndLoadSource(explicit?: string): Promise<BoundarySource | null> {
  for (const dir of candidateSourceDirs(explicit)) {
    if (detectSource(dir)) return loadSource(dir);
  }
  if (explicit) throw new Error(`${explicit}: not a boundary source.\n${NO_SOURCE_MESSAGE}`);
  return null;
}
