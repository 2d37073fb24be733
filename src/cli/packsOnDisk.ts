/** Reading built boundary packs from disk (Node only: CLI, tests, benchmarks). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  COUNTRY_PACK_ID,
  PACK_FORMAT_VERSION,
  type AddressPointsPack,
  type ObceCollection,
  type PackFileName,
  type PackIndex,
  type PackManifest,
} from '../core/packs/packFormat.ts';

export const PACKS_DIR = path.resolve(import.meta.dirname, '..', '..', 'public', 'packs');

export function readPackIndex(dir = PACKS_DIR): PackIndex {
  return JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as PackIndex;
}

export function readPackManifest(id: string, dir = PACKS_DIR): PackManifest {
  return JSON.parse(readFileSync(path.join(dir, id, 'manifest.json'), 'utf8')) as PackManifest;
}

export function readPackFile<T>(id: string, name: PackFileName, dir = PACKS_DIR): T {
  return JSON.parse(readFileSync(path.join(dir, id, name), 'utf8')) as T;
}

export function readObce(id = COUNTRY_PACK_ID, dir = PACKS_DIR): ObceCollection {
  return readPackFile<ObceCollection>(id, 'obce.geojson', dir);
}

export function readAddressPoints(id: string, dir = PACKS_DIR): AddressPointsPack | null {
  return existsSync(path.join(dir, id, 'adresni-mista.json')) ? readPackFile<AddressPointsPack>(id, 'adresni-mista.json', dir) : null;
}

/** True when every pack listed in index.json is present, complete and of the current format. */
export function packsAreComplete(dir = PACKS_DIR): boolean {
  if (!existsSync(path.join(dir, 'index.json'))) return false;
  try {
    const index = readPackIndex(dir);
    if (index.formatVersion !== PACK_FORMAT_VERSION || index.packs.length < 15) return false;
    return index.packs.every((entry) => {
      const manifest = readPackManifest(entry.id, dir);
      return manifest.formatVersion === PACK_FORMAT_VERSION && Object.keys(manifest.files).every((name) => existsSync(path.join(dir, entry.id, name)));
    });
  } catch {
    return false;
  }
}
