import type { BBox } from '../core/geo/coordinates.ts';
import { DEFAULT_KRAJ, isKrajNuts3 } from '../core/units/adminUnits.ts';
import type { SliceCreator } from './appStore.ts';
import { loadCountryKraje, loadDisplayPack, loadedDisplayPack, loadLookupIndex, PackLoadError, type PackErrorCode } from './packRepository.ts';
import { bboxOf } from './bboxOf.ts';
import { afterFirstScreen } from './firstScreen.ts';

export type PackState =
  | { status: 'loading'; id: string }
  | {
      status: 'ready';
      id: string;
      nazev: string;
      describesDate: string;
      counts: { obce: number; orp: number };
      bbox: BBox;
      /** Where the boundaries come from (shown next to the map's own attribution). */
      attribution: string;
      /** The kraj's ORP, sorted by name, for the ORP list. */
      orp: Array<{ kod: string; kodRuian: string | null; nazev: string }>;
    }
  | { status: 'error'; id: string; code: PackErrorCode };

/** A camera move the map controller performs once (it compares `seq`). */
export interface ViewRequest {
  seq: number;
  bbox: BBox;
  maxZoom: number;
}

export interface RegionSlice {
  /** NUTS3 code of the selected kraj, e.g. "CZ041". */
  krajId: string;
  pack: PackState;
  view: ViewRequest | null;
  /** Loads the selected kraj's pack (call once at start-up). */
  start(): Promise<void>;
  selectKraj(nuts3: string): Promise<void>;
  /** Fits the map to one ORP of the loaded pack. */
  zoomToOrp(kod: string): void;
  requestView(bbox: BBox, maxZoom?: number): void;
}

export const createRegionSlice: SliceCreator<RegionSlice> = (set, get) => ({
  krajId: DEFAULT_KRAJ,
  pack: { status: 'loading', id: DEFAULT_KRAJ },
  view: null,

  start: () => get().selectKraj(get().krajId),

  selectKraj: async (nuts3) => {
    if (!isKrajNuts3(nuts3)) return;
    set({
      krajId: nuts3,
      pack: { status: 'loading', id: nuts3 },
      search: { query: '', suggestions: [], typing: false },
      focusedObecKod: null,
    });
    // The context (all kraje) and the lookup index are needed soon after; start them quietly once the first map is
    // up (on a weak signal they would otherwise share the bandwidth with the kraj's own boundaries).
    afterFirstScreen(() => void loadCountryKraje().catch(() => undefined));
    try {
      const pack = await loadDisplayPack(nuts3);
      if (get().krajId !== nuts3) return;
      const { manifest } = pack;
      set({
        pack: {
          status: 'ready',
          id: nuts3,
          nazev: manifest.nazev,
          describesDate: manifest.describesDate,
          counts: { obce: manifest.counts.obce, orp: manifest.counts.orp },
          bbox: manifest.bbox,
          attribution: manifest.source.attribution,
          orp: pack.orp.features
            .map(({ properties: { kod, kodRuian, nazev } }) => ({ kod, kodRuian, nazev }))
            .sort((a, b) => a.nazev.localeCompare(b.nazev, 'cs')),
        },
      });
      get().requestView(manifest.bbox, 12);
      afterFirstScreen(() => void loadLookupIndex(nuts3).catch(() => undefined));
    } catch (error: unknown) {
      if (get().krajId !== nuts3) return;
      const code: PackErrorCode = error instanceof PackLoadError ? error.code : 'pack.loadFailed';
      set({ pack: { status: 'error', id: nuts3, code } });
    }
  },

  zoomToOrp: (kod) => {
    const orp = loadedDisplayPack(get().krajId)?.orp.features.find((feature) => feature.properties.kod === kod);
    if (orp) get().requestView(bboxOf(orp), 13);
  },

  requestView: (bbox, maxZoom = 14) => set((state) => ({ view: { seq: (state.view?.seq ?? 0) + 1, bbox, maxZoom } })),
});
