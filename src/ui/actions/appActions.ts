/**
 * The registry of user commands. The toolbar renders from it (ReportsToolbar.tsx), the keyboard runs it
 * (useGlobalShortcuts in ActionsProvider.tsx for the page, the map controller's key hook for the focused map).
 */
import { isOneOf } from '../../core/reports/enumerations.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { AppState } from '../../store/appStore.ts';
import { HISTORY_LABEL_KEYS } from '../../store/history.ts';
import type { DrawTool } from '../../store/editorSlice.ts';
import { download } from '../download.ts';
import { matchesShortcut, type ActionContext, type ActionId, type AppAction, type Shortcut } from './action.ts';

const packReady = (state: AppState) => state.pack.status === 'ready';
const browsing = (state: AppState) => state.editor.mode.kind === 'browse';
const selectedReport = (state: AppState) => {
  const id = state.editor.selectedReportId;
  return id ? (state.reports[id] ?? null) : null;
};
const toolIs = (state: AppState, tool: DrawTool) => state.editor.mode.kind === 'draw' && state.editor.mode.tool === tool;
const hasReports = (state: AppState) => Object.keys(state.reports).length > 0;
/** The history's label of the next undo or redo, as a message key. */
const historyWhat = (key: string | null): MessageKey | null => (isOneOf(HISTORY_LABEL_KEYS, key) ? key : null);

function drawTool(tool: DrawTool, labelKey: AppAction['labelKey'], hintKey: AppAction['hintKey'], key: string): AppAction {
  return {
    id: `draw.${tool}`,
    labelKey,
    hintKey,
    shortcuts: [{ key, scope: 'map' }],
    undo: 'noDataChange',
    group: 'draw',
    enabled: (state) => packReady(state) && state.editor.mode.kind !== 'editShape',
    pressed: (state) => toolIs(state, tool),
    run: ({ store }) => {
      const state = store.getState();
      state.setTool(toolIs(state, tool) ? null : tool);
    },
  };
}

export const APP_ACTIONS: readonly AppAction[] = [
  drawTool('point', 'action.drawPoint', 'action.drawPoint.hint', '1'),
  drawTool('linestring', 'action.drawLine', 'action.drawLine.hint', '2'),
  drawTool('polygon', 'action.drawPolygon', 'action.drawPolygon.hint', '3'),
  {
    id: 'report.placePointAtCentre',
    labelKey: 'action.placePointAtCentre',
    hintKey: 'action.placePointAtCentre.hint',
    shortcuts: [{ key: 'Enter', scope: 'map' }],
    undo: 'undoable',
    group: 'overlay',
    enabled: (state) => toolIs(state, 'point'),
    visible: (state) => toolIs(state, 'point'),
    run: ({ store, map }) => {
      if (!map) return;
      const { lon, lat } = map.centre();
      return store.getState().placeReport({ type: 'Point', coordinates: [lon, lat] });
    },
  },
  {
    id: 'draw.cancel',
    labelKey: 'action.cancelDrawing',
    shortcuts: [{ key: 'Escape', scope: 'map' }],
    undo: 'noDataChange',
    group: 'overlay',
    enabled: (state) => state.editor.mode.kind === 'draw',
    visible: (state) => state.editor.mode.kind === 'draw',
    run: ({ store }) => store.getState().setTool(null),
  },
  {
    id: 'map.describeCentre',
    labelKey: 'action.describeCentre',
    shortcuts: [{ key: 'Enter', scope: 'map' }],
    undo: 'noDataChange',
    group: null,
    enabled: browsing,
    run: ({ store, map }) => {
      if (!map) return;
      // Many reports: a cluster under the cross opens up first (the report list reaches every report too).
      if (map.zoomIntoClusterAtCentre?.()) return;
      const { lon, lat } = map.centre();
      return store.getState().selectPoint(lon, lat);
    },
  },
  {
    id: 'report.editShape',
    labelKey: 'action.editShape',
    hintKey: 'action.editShape.hint',
    shortcuts: [{ key: 'e', scope: 'map' }],
    undo: 'noDataChange',
    group: 'edit',
    enabled: (state) => state.editor.mode.kind !== 'draw' && selectedReport(state) !== null,
    pressed: (state) => state.editor.mode.kind === 'editShape',
    run: ({ store }) => {
      const state = store.getState();
      const report = selectedReport(state);
      if (state.editor.mode.kind === 'editShape') state.finishEditShape();
      else if (report) state.startEditShape(report.id);
    },
  },
  {
    id: 'report.finishEditShape',
    labelKey: 'action.finishEditShape',
    shortcuts: [{ key: 'Escape', scope: 'map' }],
    undo: 'noDataChange',
    group: 'overlay',
    enabled: (state) => state.editor.mode.kind === 'editShape',
    visible: (state) => state.editor.mode.kind === 'editShape',
    run: ({ store }) => store.getState().finishEditShape(),
  },
  {
    id: 'report.delete',
    labelKey: 'action.deleteReport',
    shortcuts: [{ key: 'Delete', scope: 'map' }],
    undo: 'undoable',
    group: 'edit',
    enabled: (state) => selectedReport(state) !== null && state.editor.mode.kind !== 'draw',
    run: async ({ store }) => {
      const state = store.getState();
      const report = selectedReport(state);
      if (!report) return;
      state.finishEditShape();
      state.selectReport(null);
      await state.deleteReport(report.id);
    },
  },
  {
    id: 'history.undo',
    labelKey: 'action.undo',
    shortcuts: [{ key: 'z', mod: true, scope: 'global' }],
    undo: 'history',
    group: 'history',
    enabled: (state) => state.history.canUndo,
    queued: true,
    describe: (state) => {
      const whatKey = historyWhat(state.history.undoKey);
      return whatKey ? { key: 'action.undoWhat', whatKey } : null;
    },
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'history.redo',
    labelKey: 'action.redo',
    shortcuts: [
      { key: 'z', mod: true, shift: true, scope: 'global' },
      { key: 'y', mod: true, scope: 'global' },
    ],
    undo: 'history',
    group: 'history',
    enabled: (state) => state.history.canRedo,
    queued: true,
    describe: (state) => {
      const whatKey = historyWhat(state.history.redoKey);
      return whatKey ? { key: 'action.redoWhat', whatKey } : null;
    },
    run: ({ store }) => store.getState().redo(),
  },
  {
    id: 'file.export',
    labelKey: 'action.export',
    hintKey: 'action.export.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'file',
    enabled: hasReports,
    run: ({ store }) => store.getState().openDialog('export'),
  },
  {
    id: 'file.import',
    labelKey: 'action.import',
    hintKey: 'action.import.hint',
    shortcuts: [],
    undo: 'undoable',
    group: 'file',
    enabled: (state) => state.storage.state !== 'loading',
    run: ({ store }) => store.getState().openDialog('import'),
  },
  {
    id: 'demo.load',
    labelKey: 'action.loadDemo',
    hintKey: 'action.loadDemo.hint',
    shortcuts: [],
    undo: 'undoable',
    group: 'file',
    enabled: (state) => packReady(state) && state.storage.state !== 'loading',
    // The demo generator (with the lookup) loads when asked for, not with the page.
    run: ({ store }) => import('./loadDemoReports.ts').then(({ loadDemoReports }) => loadDemoReports(store)),
  },
  {
    id: 'reports.clear',
    labelKey: 'action.clearReports',
    shortcuts: [],
    undo: 'undoable',
    group: 'file',
    enabled: hasReports,
    run: ({ store }) => store.getState().openDialog('clear'),
  },
  {
    id: 'view.reports',
    labelKey: 'action.viewReports',
    hintKey: 'action.viewReports.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'view',
    enabled: () => true,
    pressed: (state) => state.appView === 'reports',
    run: ({ store }) => {
      const state = store.getState();
      state.selectLocality(null);
      state.setAppView('reports');
    },
  },
  {
    id: 'view.coordinator',
    labelKey: 'action.viewCoordinator',
    hintKey: 'action.viewCoordinator.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'view',
    enabled: () => true,
    pressed: (state) => state.appView === 'coordinator',
    run: ({ store }) => {
      const state = store.getState();
      state.setTool(null);
      state.finishEditShape();
      state.selectReport(null);
      state.setAppView('coordinator');
    },
  },
  {
    id: 'review.exportFile',
    labelKey: 'action.exportReview',
    hintKey: 'action.exportReview.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'review',
    enabled: (state) => state.review.audit.length > 0,
    run: ({ store }) => {
      const text = store.getState().exportReview();
      download(text, `posouzeni-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
    },
  },
  {
    id: 'package.open',
    labelKey: 'action.openPackage',
    hintKey: 'action.openPackage.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'package',
    enabled: (state) => packReady(state) && state.appView === 'coordinator' && state.analysis.result !== null && hasReports(state),
    run: ({ store }) => store.getState().openPackageDialog(),
  },
  {
    id: 'analysis.settings',
    labelKey: 'action.analysisSettings',
    hintKey: 'action.analysisSettings.hint',
    shortcuts: [],
    undo: 'noDataChange',
    group: 'analysisSettings',
    enabled: (state) => state.appView === 'coordinator',
    run: ({ store }) => store.getState().openAnalysisSettings(),
  },
];

const BY_ID = new Map<ActionId, AppAction>(APP_ACTIONS.map((action) => [action.id, action]));

export function actionById(id: ActionId): AppAction {
  const action = BY_ID.get(id);
  if (!action) throw new Error(`No action ${id}`);
  return action;
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The action a key press runs in a scope, if any (enabled, or queued by the store). */
export function actionForKey(state: AppState, scope: Shortcut['scope'], event: KeyEventLike): AppAction | null {
  for (const action of APP_ACTIONS) {
    if (!action.shortcuts.some((shortcut) => shortcut.scope === scope && matchesShortcut(shortcut, event))) continue;
    if (action.queued || action.enabled(state)) return action;
  }
  return null;
}

/** Runs an action if it is enabled now (or queued by the store); returns whether it ran. */
export function runAction(action: AppAction, context: ActionContext): boolean {
  if (!action.queued && !action.enabled(context.store.getState())) return false;
  Promise.resolve(action.run(context)).catch((error: unknown) => console.error(`action ${action.id}:`, error));
  return true;
}
