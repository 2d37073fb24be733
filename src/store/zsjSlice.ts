/**
 * The ZSJ layer (základní sídelní jednotky, ČTÚ's white-spot unit) a user loads from a RÚIAN export converted to
 * GeoJSON: kept in IndexedDB (the meta store) so it is there after a reload, drawn on the map, and used to give
 * reports their ZSJ (new and reshaped reports at once; existing ones with "Doplnit ZSJ", as one undoable edit).
 * A ZSJ the mayor typed is never replaced.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { zsjAssignments } from '../core/zsj/assignZsj.ts';
import { decodeInputText, isZipBytes } from '../core/limits/boundedInput.ts';
import { readZsjLayer, type ZsjFileProblem } from '../core/zsj/zsjLayer.ts';
import type { ZsjIndex } from '../core/zsj/zsjLayer.ts';
import { INPUT_LIMITS } from '../core/limits/inputLimits.ts';
import type { SliceCreator } from './appStore.ts';
import { REPORT_DATABASE_NAME, withReportDatabase, type ReportDatabase, type StorageFailureCode } from './persistence/reportDatabase.ts';

/** A whole kraj's ZSJ in RÚIAN detail is a few MB; refuse what cannot be a ZSJ layer before parsing it. */
export const ZSJ_LAYER_MAX_BYTES = INPUT_LIMITS.fileBytes.zsjLayer;
const META_KEY = 'zsjLayer';

interface StoredZsjLayer {
  name: string;
  loadedAt: string;
  text: string;
}

export interface ZsjLayerInfo {
  name: string;
  loadedAt: string;
  count: number;
  index: ZsjIndex;
  /** The layer's polygons with kod and nazev only, for the map. */
  outlines: FeatureCollection<Polygon | MultiPolygon, { kod: string; nazev: string }>;
}

export type ZsjNotice =
  | { code: ZsjFileProblem | 'zsj.failed'; params?: Record<string, string | number> }
  | { code: 'zsj.notStored'; params: { reason: StorageFailureCode } }
  | { code: 'zsj.filled'; params: { count: number } };

export interface ZsjSlice {
  zsjLayer: ZsjLayerInfo | null;
  zsjNotice: ZsjNotice | null;
  /** Parses and keeps a layer; a bad file changes nothing and says why. */
  loadZsjLayer(content: string | Uint8Array, name: string): Promise<boolean>;
  /** Reads the layer kept by an earlier session (at start-up). */
  restoreZsjLayer(): Promise<void>;
  removeZsjLayer(): Promise<void>;
  /** Gives every report without a typed ZSJ the layer's ZSJ; returns how many changed. */
  fillZsjFromLayer(): Promise<number>;
}

export interface ZsjDependencies {
  indexedDB?: IDBFactory | null;
  databaseName?: string;
  now?: () => string;
}

/** The file's bytes → text (UTF-8 with or without BOM, UTF-16), or the reason it is not a layer at all. */
function decodeZsjBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; notice: ZsjNotice } {
  if (isZipBytes(bytes)) return { ok: false, notice: { code: 'zsj.isZip' } };
  const decoded = decodeInputText(bytes);
  if (!decoded.ok) return { ok: false, notice: { code: decoded.code === 'empty' ? 'zsj.empty' : 'zsj.binary' } };
  return { ok: true, text: decoded.text };
}

function parseLayer(text: string, name: string, loadedAt: string): { ok: true; layer: ZsjLayerInfo } | { ok: false; notice: ZsjNotice } {
  try {
    return parseLayerUnguarded(text, name, loadedAt);
  } catch {
    return { ok: false, notice: { code: 'zsj.failed' } };
  }
}

function parseLayerUnguarded(text: string, name: string, loadedAt: string): { ok: true; layer: ZsjLayerInfo } | { ok: false; notice: ZsjNotice } {
  // The core reader: encoding, depth, geometry checks; every failure a code (src/core/zsj/zsjLayer.ts).
  const parsed = readZsjLayer(text);
  if (!parsed.ok) return { ok: false, notice: { code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}) } };
  const data = parsed.data;
  const features = (data as FeatureCollection).features.filter(
    (f) => f && typeof f === 'object' && f.geometry && typeof f.geometry === 'object' && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
  );
  const outlines: ZsjLayerInfo['outlines'] = {
    type: 'FeatureCollection',
    features: features.map((feature, i) => ({
      type: 'Feature',
      geometry: feature.geometry as Polygon | MultiPolygon,
      properties: { kod: parsed.index.units[i]!.kod, nazev: parsed.index.units[i]!.nazev },
    })),
  };
  return { ok: true, layer: { name, loadedAt, count: parsed.index.units.length, index: parsed.index, outlines } };
}

export function createZsjSlice(dependencies: ZsjDependencies = {}): SliceCreator<ZsjSlice> {
  return (set, get) => {
    const factory = 'indexedDB' in dependencies ? dependencies.indexedDB : (globalThis.indexedDB ?? null);
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    const now = dependencies.now ?? (() => new Date().toISOString());

    const withDatabase = <T>(job: (db: ReportDatabase) => Promise<T>) => withReportDatabase({ factory, name: databaseName }, job);

    return {
      zsjLayer: null,
      zsjNotice: null,

      loadZsjLayer: async (content, name) => {
        if (content.length > ZSJ_LAYER_MAX_BYTES) {
          set({ zsjNotice: { code: 'zsj.tooLarge', params: { limitMb: ZSJ_LAYER_MAX_BYTES / 1024 / 1024 } } });
          return false;
        }
        const loadedAt = now();
        let text: string;
        if (typeof content === 'string') text = content;
        else {
          const decoded = decodeZsjBytes(content);
          if (!decoded.ok) {
            set({ zsjNotice: decoded.notice });
            return false;
          }
          text = decoded.text;
        }
        const parsed = parseLayer(text, name, loadedAt);
        if (!parsed.ok) {
          set({ zsjNotice: parsed.notice });
          return false;
        }
        set({ zsjLayer: parsed.layer, zsjNotice: null });
        // Kept for the next session; a failure to store leaves the layer working in this one, and says so.
        const stored: StoredZsjLayer = { name, loadedAt, text };
        const written = await withDatabase((db) => db.writeMeta(META_KEY, stored));
        if ('failed' in written) set({ zsjNotice: { code: 'zsj.notStored', params: { reason: written.failed } } });
        else if (!written.ok) set({ zsjNotice: { code: 'zsj.notStored', params: { reason: written.code } } });
        return true;
      },

      restoreZsjLayer: async () => {
        const read = await withDatabase((db) => db.readMeta(META_KEY));
        if ('failed' in read || !read.ok || !read.value) return;
        const stored = read.value as Partial<StoredZsjLayer>;
        if (typeof stored.text !== 'string' || typeof stored.name !== 'string' || typeof stored.loadedAt !== 'string') return;
        const parsed = parseLayer(stored.text, stored.name, stored.loadedAt);
        if (parsed.ok && get().zsjLayer === null) set({ zsjLayer: parsed.layer });
      },

      removeZsjLayer: async () => {
        // Without the layer there are no ZSJ to colour: the map goes back to ORP and obce.
        set({ zsjLayer: null, zsjNotice: null, ...(get().units === 'zsj' ? { units: 'admin' as const } : {}) });
        await withDatabase((db) => db.writeMeta(META_KEY, undefined));
      },

      fillZsjFromLayer: async () => {
        const layer = get().zsjLayer;
        if (!layer) return 0;
        const count = await get().applyZsjAssignments(zsjAssignments(Object.values(get().reports), layer.index));
        set({ zsjNotice: { code: 'zsj.filled', params: { count } } });
        return count;
      },
    };
  };
}
