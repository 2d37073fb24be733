import { prepareObceForSearch, searchObce, type SearchableObec } from '../core/text/searchObce.ts';
import type { SliceCreator } from './appStore.ts';
import { bboxOf } from './bboxOf.ts';
import { loadedDisplayPack } from './packRepository.ts';

export interface ObecSuggestion {
  kod: string;
  nazev: string;
  orpNazev: string;
  okresNazev: string;
}

export interface SearchSlice {
  search: { query: string; suggestions: ObecSuggestion[] };
  /** The obec the user chose in the search (highlighted until a click selects a place). */
  focusedObecKod: string | null;
  setSearchQuery(query: string): void;
  chooseObec(kod: string): void;
  closeSuggestions(): void;
}

const SUGGESTION_LIMIT = 8;

/** The obce of a loaded pack prepared for search, computed once per pack. */
const searchLists = new WeakMap<object, SearchableObec[]>();
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

export const createSearchSlice: SliceCreator<SearchSlice> = (set, get) => ({
  search: { query: '', suggestions: [] },
  focusedObecKod: null,

  setSearchQuery: (query) => {
    const found = query.trim() === '' ? [] : searchObce(obceOf(get().krajId), query, SUGGESTION_LIMIT);
    set({
      search: {
        query,
        suggestions: found.map(({ kod, nazev, orpNazev, okresNazev }) => ({ kod, nazev, orpNazev, okresNazev })),
      },
    });
  },

  chooseObec: (kod) => {
    const feature = loadedDisplayPack(get().krajId)?.obce.features.find((f) => f.properties.kod === kod);
    if (!feature) return;
    set({ search: { query: feature.properties.nazev, suggestions: [] }, focusedObecKod: kod });
    get().requestView(bboxOf(feature), 13);
  },

  closeSuggestions: () => set((state) => ({ search: { ...state.search, suggestions: [] } })),
});
