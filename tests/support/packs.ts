/** Test access to the built boundary packs (built by `pretest`; a missing pack is a setup error, not a skip). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ObecIndex } from '../../src/core/lookup/obecIndex.ts';
import { PACKS_DIR, readObce } from '../../src/cli/packsOnDisk.ts';

export const SHARED_GEODATA = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'geodata');

export function requirePacks(): void {
  if (!existsSync(path.join(PACKS_DIR, 'index.json'))) {
    throw new Error(`Boundary packs missing in ${PACKS_DIR}: run \`npx hlucha-mista geodata build\` (npm test does it).`);
  }
}

let countryIndex: ObecIndex | undefined;
/** The whole-country index, built once per test file (it is read-only). */
export function countryObecIndex(): ObecIndex {
  requirePacks();
  countryIndex ??= ObecIndex.fromCollection(readObce('CZ'), { coverage: 'country' });
  return countryIndex;
}
