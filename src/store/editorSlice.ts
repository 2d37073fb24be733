/**
 * The report editor's state: which report is open, which drawing tool is active, what the last placement
 * said (refused with problems, outside "Moje obec", near existing reports) and which dialog is open.
 * Shared by the UI (toolbar, form, list) and the map controller (drawing modes, highlight). Plain data only.
 * The data itself (reports, history, storage) is the reports slice (reportsContract.ts).
 */
import { findNearbyReports, NEARBY_RADIUS_M } from '../core/reports/findNearbyReports.ts';
import type { PositionCapture, Report, ReportGeometry } from '../core/reports/report.ts';
import type { ReportProblem } from '../core/reports/validateReport.ts';
import type { ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import type { SliceCreator } from './appStore.ts';
import type { EditableReportFields } from './reportsContract.ts';

/** The drawing tools (terra-draw modes of the same names). */
export const DRAW_TOOLS = ['point', 'linestring', 'polygon'] as const;
export type DrawTool = (typeof DRAW_TOOLS)[number];

export type EditorMode =
  /** Looking at the map; clicks describe places or select reports. */
  | { kind: 'browse' }
  /** Placing a new report with a tool. */
  | { kind: 'draw'; tool: DrawTool }
  /** Moving a report or editing its vertices. */
  | { kind: 'editShape'; reportId: string };

export type EditorNotice =
  /** A geometry was refused (self-intersecting polygon, outside Czechia…): nothing was saved. */
  | { kind: 'refused'; problems: ReportProblem[] }
  /** The report lies outside "Moje obec": it is assigned to the obec it lies in, and the mayor is told. */
  | { kind: 'outsideMyObec'; reportId: string; obec: { kod: string; nazev: string } };

/** Reports close to one just placed ("Není to stejné místo jako…?"). */
export interface NearbyOffer {
  reportId: string;
  /** `overlap`: lines, the share of the shorter along the other; areas, the shared share of the smaller; points null. */
  candidates: Array<{ id: string; distanceM: number; overlap: number | null }>;
}

export type EditorDialog = 'export' | 'import' | 'clear';

/** What the last import (a file, or the demo data) did, shown until dismissed. */
export interface ImportResult {
  source: 'file' | 'demo';
  fileName: string | null;
  summary: ImportSummary;
}

export interface EditorState {
  mode: EditorMode;
  selectedReportId: string | null;
  notice: EditorNotice | null;
  nearby: NearbyOffer | null;
  dialog: EditorDialog | null;
  /** The report created last by this person (its form takes the focus when it opens). */
  createdReportId: string | null;
  importResult: ImportResult | null;
  /** New reports whose "Není to stejné místo…?" was neither answered nor dismissed: it comes back when reopened. */
  nearbyPending: Readonly<Record<string, true>>;
  /** The report whose form was closed last (the list confirms it, or asks about an empty one). */
  closedReportId: string | null;
}

export interface EditorSlice {
  editor: EditorState;
  setTool(tool: DrawTool | null): void;
  /** Opens a report's form and highlights it on the map (null closes the form). */
  selectReport(id: string | null): void;
  startEditShape(id: string): void;
  finishEditShape(): void;
  /**
   * Creates a report at a drawn (or, in field mode, captured) geometry and opens its form; refused geometries
   * become a notice. Field mode passes the fields it knows (environment, observation) and the capture.
   */
  placeReport(geometry: ReportGeometry, options?: { fields?: Partial<EditableReportFields>; capture?: PositionCapture }): Promise<boolean>;
  /** Saves a moved or reshaped geometry; false when refused (the notice says why). */
  reshapeReport(id: string, geometry: ReportGeometry): Promise<boolean>;
  /** Deletes the report just placed and opens an existing one instead ("it is the same place"). */
  openNearbyInstead(existingId: string): Promise<void>;
  dismissNearby(): void;
  dismissNotice(): void;
  openDialog(dialog: EditorDialog): void;
  closeDialog(): void;
  showImportResult(result: ImportResult | null): void;
  dismissClosedReport(): void;
}

const INITIAL: EditorState = {
  mode: { kind: 'browse' },
  selectedReportId: null,
  notice: null,
  nearby: null,
  dialog: null,
  createdReportId: null,
  importResult: null,
  nearbyPending: {},
  closedReportId: null,
};

function withoutKey(record: Readonly<Record<string, true>>, key: string): Readonly<Record<string, true>> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

function nearbyCandidates(reports: readonly Report[], geometry: ReportGeometry, id: string): NearbyOffer['candidates'] {
  return findNearbyReports(reports, geometry, NEARBY_RADIUS_M, id).map(({ report, distanceM, overlap }) => ({ id: report.id, distanceM, overlap }));
}

/** The reporter of the newest report of this person (not demo data): a new report starts with it. */
function lastReporter(reports: Record<string, Report>): Report['reporter'] {
  let newest: Report | null = null;
  for (const report of Object.values(reports)) {
    if (report.demo || !report.reporter) continue;
    if (!newest || report.createdAt > newest.createdAt) newest = report;
  }
  return newest?.reporter ?? null;
}

export const createEditorSlice: SliceCreator<EditorSlice> = (set, get) => {
  const patch = (changes: Partial<EditorState>) => set((state) => ({ editor: { ...state.editor, ...changes } }));

  /** The notice for a report that lies outside "Moje obec" (null when inside or no obec is chosen). */
  const outsideNotice = (id: string): EditorNotice | null => {
    const { myObecKod, reports } = get();
    const place = reports[id]?.place;
    if (!myObecKod || !place || place.obec.kod === myObecKod) return null;
    return { kind: 'outsideMyObec', reportId: id, obec: place.obec };
  };

  return {
    editor: INITIAL,

    setTool: (tool) =>
      patch({
        mode: tool ? { kind: 'draw', tool } : { kind: 'browse' },
        notice: null,
        nearby: null,
        ...(tool ? { selectedReportId: null } : {}),
      }),

    selectReport: (id) => {
      const { editor, reports } = get();
      let nearby = editor.nearby && editor.nearby.reportId === id ? editor.nearby : null;
      let nearbyPending = editor.nearbyPending;
      // An offer left unanswered comes back with the report (the neighbours may have changed meanwhile).
      if (id && !nearby && nearbyPending[id] && reports[id]) {
        const candidates = nearbyCandidates(Object.values(reports), reports[id].geometry, id);
        if (candidates.length > 0) nearby = { reportId: id, candidates };
        else nearbyPending = withoutKey(nearbyPending, id);
      }
      const closing = editor.selectedReportId !== null && editor.selectedReportId !== id ? editor.selectedReportId : null;
      patch({
        selectedReportId: id,
        mode: editor.mode.kind === 'draw' ? editor.mode : { kind: 'browse' },
        nearby,
        nearbyPending,
        closedReportId: id === null ? (closing ?? editor.closedReportId) : null,
        notice: editor.notice?.kind === 'outsideMyObec' && editor.notice.reportId === id ? editor.notice : null,
        createdReportId: editor.createdReportId === id ? id : null,
      });
    },

    startEditShape: (id) => {
      if (!get().reports[id]) return;
      patch({ mode: { kind: 'editShape', reportId: id }, selectedReportId: id, notice: null, nearby: null });
    },

    finishEditShape: () => patch({ mode: { kind: 'browse' } }),

    placeReport: async (geometry, options) => {
      const reporter = lastReporter(get().reports);
      const result = await get().createReport(
        geometry,
        { ...(reporter ? { reporter } : {}), ...options?.fields },
        options?.capture ? { capture: options.capture } : undefined,
      );
      if (!result.ok) {
        patch({ notice: { kind: 'refused', problems: result.problems } });
        return false;
      }
      const reports = get().reports;
      const candidates = nearbyCandidates(Object.values(reports), geometry, result.id);
      patch({
        closedReportId: null,
        nearbyPending: candidates.length > 0 ? { ...get().editor.nearbyPending, [result.id]: true } : get().editor.nearbyPending,
        mode: { kind: 'browse' },
        selectedReportId: result.id,
        createdReportId: result.id,
        notice: outsideNotice(result.id),
        nearby: candidates.length > 0 ? { reportId: result.id, candidates } : null,
      });
      return true;
    },

    reshapeReport: async (id, geometry) => {
      const result = await get().updateGeometry(id, geometry);
      if (!result.ok) {
        patch({ notice: { kind: 'refused', problems: result.problems } });
        return false;
      }
      patch({ notice: outsideNotice(id) });
      return true;
    },

    openNearbyInstead: async (existingId) => {
      const offer = get().editor.nearby;
      if (offer) await get().deleteReport(offer.reportId);
      patch({
        nearbyPending: offer ? withoutKey(get().editor.nearbyPending, offer.reportId) : get().editor.nearbyPending,
        nearby: null,
        notice: null,
        selectedReportId: existingId,
        createdReportId: null,
        mode: { kind: 'browse' },
      });
    },

    dismissNearby: () => {
      const offer = get().editor.nearby;
      patch({ nearby: null, nearbyPending: offer ? withoutKey(get().editor.nearbyPending, offer.reportId) : get().editor.nearbyPending });
    },
    dismissClosedReport: () => patch({ closedReportId: null }),
    dismissNotice: () => patch({ notice: null }),
    // The import dialog shows only what is imported while it is open (not the last import's result, beside the list).
    openDialog: (dialog) => patch(dialog === 'import' ? { dialog, importResult: null } : { dialog }),
    closeDialog: () => patch({ dialog: null }),
    showImportResult: (importResult) => patch({ importResult }),
  };
};
