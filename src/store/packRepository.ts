/**
 * Loads boundary packs (see src/core/packs/packFormat.ts) from the app's static files and keeps them in memory.
 * Loaded collections and lookup indexes live here, outside the store: the store keeps only plain facts about
 * them (id, status, counts); the map and the store's actions ask this module for the data itself.
 */
import { ObecIndex } from '../core/lookup/obecIndex.ts';
import { fetchPackFile } from '../core/packs/packLoader.ts';
import {
  COUNTRY_PACK_ID,
  type AddressPointsPack,
  type KrajeCollection,
  type ObceCollection,
  type OrpCollection,
  type PackFileName,
  type PackManifest,
} from '../core/packs/packFormat.ts';

export interface DisplayPack {
  id: string;
  manifest: PackManifest;
  obce: ObceCollection;
  orp: OrpCollection;
  kraje: KrajeCollection;
}

export { PACK_STALL_MS, PackLoadError, type PackErrorCode } from '../core/packs/packLoader.ts';

const PACKS_URL = `${import.meta.env.BASE_URL}packs`;
const fetchJson = <T>(packId: string, file: PackFileName | 'manifest.json'): Promise<T> => fetchPackFile<T>(PACKS_URL, packId, file);

/** Memoises one promise per key; a failed load is forgotten so that it can be retried. */
function memoise<T>(load: (key: string) => Promise<T>): { get(key: string): Promise<T>; peek(key: string): T | undefined } {
  const pending = new Map<string, Promise<T>>();
  const done = new Map<string, T>();
  return {
    get(key) {
      let promise = pending.get(key);
      if (!promise) {
        promise = load(key).then(
          (value) => {
            done.set(key, value);
            return value;
          },
          (error: unknown) => {
            pending.delete(key);
            throw error;
          },
        );
        pending.set(key, promise);
      }
      return promise;
    },
    peek: (key) => done.get(key),
  };
}

const displayPacks = memoise(async (id): Promise<DisplayPack> => {
  // Not the okresy: the browser draws none, and each obce feature names its okres itself.
  const [manifest, obce, orp, kraje] = await Promise.all([
    fetchJson<PackManifest>(id, 'manifest.json'),
    fetchJson<ObceCollection>(id, 'obce.display.geojson'),
    fetchJson<OrpCollection>(id, 'orp.display.geojson'),
    fetchJson<KrajeCollection>(id, 'kraje.display.geojson'),
  ]);
  return { id, manifest, obce, orp, kraje };
});

const lookupIndexes = memoise(async (id): Promise<ObecIndex> => {
  const obce = await fetchJson<ObceCollection>(id, 'obce.geojson');
  return ObecIndex.fromCollection(obce, { coverage: id === COUNTRY_PACK_ID ? 'country' : 'pack' });
});

const countryKraje = memoise((): Promise<KrajeCollection> => fetchJson<KrajeCollection>(COUNTRY_PACK_ID, 'kraje.display.geojson'));

/** A pack's RÚIAN address points; null when the pack has none (not every source carries them). */
const addressPoints = memoise(async (id): Promise<AddressPointsPack | null> => {
  const { manifest } = await displayPacks.get(id);
  if (!manifest.files['adresni-mista.json']) return null;
  return fetchJson<AddressPointsPack>(id, 'adresni-mista.json');
});

/** The display geometry of a kraj pack ("CZ041") or of the country ("CZ"). */
export function loadDisplayPack(id: string): Promise<DisplayPack> {
  return displayPacks.get(id);
}

/** The display pack when it has finished loading, for synchronous readers such as the map controller. */
export function loadedDisplayPack(id: string): DisplayPack | undefined {
  return displayPacks.peek(id);
}

/** The point-in-polygon index over a pack's lookup geometry (full resolution). */
export function loadLookupIndex(id: string): Promise<ObecIndex> {
  return lookupIndexes.get(id);
}

/** All 14 kraje (display geometry), drawn as context around the selected one. */
export function loadCountryKraje(): Promise<KrajeCollection> {
  return countryKraje.get(COUNTRY_PACK_ID);
}

export function loadedCountryKraje(): KrajeCollection | undefined {
  return countryKraje.peek(COUNTRY_PACK_ID);
}

/** The RÚIAN address points of a pack (for suggesting the část obce of a report), or null without them. */
export function loadAddressPoints(packId: string): Promise<AddressPointsPack | null> {
  return addressPoints.get(packId);
}
