import { prepareCastiForSearch, prepareObceForSearch, searchPlaces, type SearchableObec } from '../core/text/searchObce.ts';
import type { SliceCreator } from './appStore.ts';
import { bboxOf } from './bboxOf.ts';
import { loadAddressPoints, loadedDisplayPack } from './packRepository.ts';

export interface ObecSuggestion {
  /** The obec's kód (of the obec the část belongs to, for a část). */
  kod: string;
  nazev: string;
  orpNazev: string;
  okresNazev: string;
  /** A část obce (from the RÚIAN address points): its kód and name; `nazev` is then the obec's. */
  castKod?: string;
  castNazev?: string;
}

export interface SearchSlice {
  /**
   * `typing`: the query is what the user typed and still waits for a choice; false once a suggestion was chosen or
   * the list closed (then the kraj's části obce arriving later must not reopen the list over the chosen name).
   */
  search: { query: string; suggestions: ObecSuggestion[]; typing: boolean };
  /** The obec the user chose in the search (highlighted until a click selects a place). */
  focusedObecKod: string | null;
  setSearchQuery(query: string): void;
  chooseObec(kod: string): void;
  /** A část obce chosen in the search: the map shows its houses (address points), its obec highlighted. */
  chooseCast(castKod: string): void;
  closeSuggestions(): void;
}

const SUGGESTION_LIMIT = 8;

/** The obce of a loaded pack prepared for search, computed once per pack. */
const searchLists = new WeakMap<object, SearchableObec[]>();
/** The části obce of a kraj (from its address points) and each one's box, once loaded. */
const castiByKraj = new Map<string, { entries: SearchableObec[]; boxes: Map<string, [number, number, number, number]> } | 'loading' | null>();

function obceOf(krajId: string): SearchableObec[] {
  const pack = loadedDisplayPack(krajId);
  if (!pack) return [];
  let list = searchLists.get(pack);
  if (!list) {
    list = prepareObceForSearch(pack.obce.features.map((feature) => feature.properties));
    searchLists.set(pack, list);
  }
  return list;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => {
  /** Loads the kraj's části obce once (the first search), then repeats the search that is typed. */
  const ensureCasti = (krajId: string): SearchableObec[] => {
    const known = castiByKraj.get(krajId);
    if (known && known !== 'loading') return known.entries;
    if (known === undefined && loadedDisplayPack(krajId)) {
      castiByKraj.set(krajId, 'loading');
      loadAddressPoints(krajId).then(
        (pack) => {
          const obce = loadedDisplayPack(krajId)?.obce.features.map((feature) => feature.properties) ?? [];
          if (!pack) return void castiByKraj.set(krajId, null);
          const boxes = new Map<string, [number, number, number, number]>();
          const box = pack.castiObce.map(() => [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number]);
          for (let i = 0; i < pack.count; i++) {
            const b = box[pack.cast[i]!]!;
            const lon = pack.lonE6[i]! / 1e6;
            const lat = pack.latE6[i]! / 1e6;
            b[0] = Math.min(b[0], lon);
            b[1] = Math.min(b[1], lat);
            b[2] = Math.max(b[2], lon);
            b[3] = Math.max(b[3], lat);
          }
          pack.castiObce.forEach((cast, index) => {
            if (Number.isFinite(box[index]![0])) boxes.set(cast.kod, box[index]!);
          });
          castiByKraj.set(krajId, { entries: prepareCastiForSearch(pack.castiObce, obce), boxes });
          const { search, krajId: current } = get();
          if (current === krajId && search.typing && search.query.trim() !== '' && search.suggestions.length < SUGGESTION_LIMIT)
            get().setSearchQuery(search.query);
        },
        () => castiByKraj.delete(krajId), // try again with the next search
      );
    }
    return [];
  };

  return {
    search: { query: '', suggestions: [], typing: false },
    focusedObecKod: null,

    setSearchQuery: (query) => {
      const krajId = get().krajId;
      const entries = query.trim() === '' ? [] : [...obceOf(krajId), ...ensureCasti(krajId)];
      const found = entries.length === 0 ? [] : searchPlaces(entries, query, SUGGESTION_LIMIT);
      set({
        search: {
          query,
          typing: query.trim() !== '',
          suggestions: found.map(({ obec: { kod, nazev, orpNazev, okresNazev }, cast }) =>
            cast ? { kod, nazev, orpNazev, okresNazev, castKod: cast.kod, castNazev: cast.nazev } : { kod, nazev, orpNazev, okresNazev },
          ),
        },
      });
    },

    chooseObec: (kod) => {
      const feature = loadedDisplayPack(get().krajId)?.obce.features.find((f) => f.properties.kod === kod);
      if (!feature) return;
      set({ search: { query: feature.properties.nazev, suggestions: [], typing: false }, focusedObecKod: kod });
      get().requestView(bboxOf(feature), 13);
    },

    chooseCast: (castKod) => {
      const known = castiByKraj.get(get().krajId);
      if (!known || known === 'loading') return;
      const entry = known.entries.find((candidate) => candidate.cast?.kod === castKod);
      const box = known.boxes.get(castKod);
      if (!entry?.cast || !box) return;
      set({ search: { query: `${entry.cast.nazev} (${entry.obec.nazev})`, suggestions: [], typing: false }, focusedObecKod: entry.obec.kod });
      // A village's houses, close enough to see them (the offline map draws address points from zoom 13).
      get().requestView(box, 15);
    },

    closeSuggestions: () => set((state) => ({ search: { ...state.search, suggestions: [], typing: false } })),
  };
};
