import type { AppState } from './appStore.ts';

/** The obec drawn as selected: the looked-up place's obec, else the one chosen in the search. */
export function highlightedObecKod(state: AppState): string | null {
  const { selection } = state;
  if (selection.status === 'done' && selection.lookup.ok) return selection.lookup.place.obec.kod;
  return state.focusedObecKod;
}

/** The point to mark on the map, if any. */
export function markedPoint(state: AppState): { lon: number; lat: number } | null {
  return state.selection.status === 'idle' ? null : state.selection.point;
}
