import type { ActionId } from '../actions/action.ts';

/** 20 px stroke icons for the toolbar (decorative: every button has its text). */
const PATHS: Partial<Record<ActionId, string>> = {
  'draw.point': 'M10 18s5.5-5.3 5.5-9.5a5.5 5.5 0 0 0-11 0C4.5 12.7 10 18 10 18zM10 10.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  'draw.linestring': 'M3 16l5-7 4 4 5-9M3 16h.01M8 9h.01M12 13h.01M17 4h.01',
  'draw.polygon': 'M4 6l7-3 6 5-2 8H5zM4 6h.01M11 3h.01M17 8h.01M15 16h.01M5 16h.01',
  'draw.cancel': 'M5 5l10 10M15 5L5 15',
  'report.placePointAtCentre': 'M10 2v5M10 13v5M2 10h5M13 10h5M10 10h.01',
  'report.editShape': 'M13.5 3.5l3 3L7 16H4v-3zM11.5 5.5l3 3',
  'report.finishEditShape': 'M4 10.5l4 4 8-9',
  'report.delete': 'M4 6h12M8 6V4h4v2M6 6l1 11h6l1-11M9 9v5M11 9v5',
  'history.undo': 'M7 5L3 9l4 4M3 9h9a5 5 0 0 1 0 10h-2',
  'history.redo': 'M13 5l4 4-4 4M17 9H8a5 5 0 0 0 0 10h2',
  'file.export': 'M10 3v10M6 9l4 4 4-4M4 15v2h12v-2',
  'file.import': 'M10 13V3M6 7l4-4 4 4M4 15v2h12v-2',
  'demo.load': 'M4 4h12v12H4zM7 8h6M7 11h4',
  'reports.clear': 'M4 6h12M6 6l1 11h6l1-11M8 3h4',
  'view.reports': 'M7 5h9M7 10h9M7 15h9M4 5h.01M4 10h.01M4 15h.01',
  'view.coordinator': 'M4 16V10M8 16V4M12 16v-5M16 16V7M3 16h14',
  'review.exportFile': 'M10 3v10M6 9l4 4 4-4M4 15v2h12v-2',
};

export function ActionIcon({ id }: { id: ActionId }) {
  const d = PATHS[id];
  if (!d) return null;
  return (
    <svg className="action-icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
