import { lonLat } from '../core/geo/coordinates.ts';
import type { PointLookup } from '../core/lookup/lookupPoint.ts';
import { COUNTRY_PACK_ID } from '../core/packs/packFormat.ts';
import type { SliceCreator } from './appStore.ts';
import { loadLookupIndex } from './packRepository.ts';

export interface PlainLonLat {
  lon: number;
  lat: number;
}

export type Selection =
  | { status: 'idle' }
  | { status: 'looking'; point: PlainLonLat }
  | { status: 'done'; point: PlainLonLat; lookup: PointLookup }
  | { status: 'failed'; point: PlainLonLat; code: 'lookup.loadFailed' };

export interface SelectionSlice {
  selection: Selection;
  /** Describes the place at a point: obec, ORP, POU, okres, kraj and coordinates (see core lookupPoint). */
  selectPoint(lon: number, lat: number): Promise<void>;
  clearSelection(): void;
}

/** Only the latest request may write its answer (clicks can overtake each other while packs load). */
let latestRequest = 0;

async function lookupWithFallback(krajId: string, point: PlainLonLat): Promise<PointLookup> {
  const p = lonLat(point.lon, point.lat);
  // The lookup (with S-JTSK through proj4) loads with the first place asked for, not with the page.
  const { lookupPoint } = await import('../core/lookup/lookupPoint.ts');
  let answer: PointLookup | null = null;
  try {
    answer = lookupPoint(await loadLookupIndex(krajId), p);
  } catch {
    answer = null; // the kraj's lookup geometry is unavailable: the country's still answers
  }
  if (answer === null || (!answer.ok && answer.code === 'lookup.outsidePack')) {
    answer = lookupPoint(await loadLookupIndex(COUNTRY_PACK_ID), p);
  }
  return answer;
}

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selection: { status: 'idle' },

  selectPoint: async (lon, lat) => {
    const request = ++latestRequest;
    const point = { lon, lat };
    set({ selection: { status: 'looking', point }, focusedObecKod: null });
    try {
      const lookup = await lookupWithFallback(get().krajId, point);
      if (request === latestRequest) set({ selection: { status: 'done', point, lookup } });
    } catch {
      if (request === latestRequest) set({ selection: { status: 'failed', point, code: 'lookup.loadFailed' } });
    }
  },

  clearSelection: () => {
    latestRequest++;
    set({ selection: { status: 'idle' } });
  },
});
