/**
 * A user command (Excalidraw's "action"): one registered object with an i18n label key, keyboard shortcuts,
 * an enabled-when predicate and an undo policy. Toolbars, menus and the keyboard all run commands through
 * the registry (appActions.ts), so a button and its shortcut can never disagree.
 */
import type { MessageKey } from '../../i18n/translate.ts';
import type { AppState, AppStore } from '../../store/appStore.ts';

export type ActionId =
  | 'draw.point'
  | 'draw.linestring'
  | 'draw.polygon'
  | 'draw.cancel'
  | 'report.placePointAtCentre'
  | 'map.describeCentre'
  | 'report.editShape'
  | 'report.finishEditShape'
  | 'report.delete'
  | 'history.undo'
  | 'history.redo'
  | 'file.export'
  | 'file.import'
  | 'demo.load'
  | 'reports.clear'
  | 'view.reports'
  | 'view.coordinator'
  | 'review.exportFile'
  | 'package.open'
  | 'analysis.settings';

export interface Shortcut {
  /** KeyboardEvent.key, compared case-insensitively for letters. */
  key: string;
  /** Ctrl on Linux/Windows, ⌘ on macOS. */
  mod?: boolean;
  shift?: boolean;
  /** 'map': only while the map has the keyboard focus (WCAG 2.1.4: single keys never act elsewhere). */
  scope: 'global' | 'map';
}

/**
 * What undo does about the command:
 * - 'undoable': it changes reports and is one step in the store's history (Ctrl+Z reverts it);
 * - 'noDataChange': it changes only the view, a tool or a dialog (nothing to undo);
 * - 'history': it is undo or redo itself.
 */
export type UndoPolicy = 'undoable' | 'noDataChange' | 'history';

/**
 * Where the command is shown: a toolbar group, 'file' beside the list, 'overlay' on the map while a tool is on
 * (so the toolbar never changes its size and the map never jumps), null: keyboard or context only.
 */
export type ActionGroup = 'draw' | 'edit' | 'history' | 'file' | 'overlay' | 'view' | 'review' | 'package' | 'analysisSettings' | null;

/** What a command may use besides the store: the map's centre (under the keyboard crosshair). */
export interface MapCommands {
  centre(): { lon: number; lat: number };
  /** Brings [west, south, east, north] into view (nothing when it is visible already). */
  reveal(bbox: [number, number, number, number]): void;
  /** With many reports: zooms into the cluster under the centre cross; false when there is none there. */
  zoomIntoClusterAtCentre?(): boolean;
}

export interface ActionContext {
  store: AppStore;
  map: MapCommands | null;
}

export interface AppAction {
  id: ActionId;
  labelKey: MessageKey;
  /** A longer description (tooltip, aria-description), when the label needs one. */
  hintKey?: MessageKey;
  shortcuts: Shortcut[];
  undo: UndoPolicy;
  group: ActionGroup;
  enabled(state: AppState): boolean;
  /**
   * The store queues the command and ignores it when there is nothing to do (undo, redo): its shortcut runs it
   * even while the button is still disabled because the previous step is being saved.
   */
  queued?: boolean;
  /** Shown at all (a button that makes sense only in one mode); defaults to always. */
  visible?(state: AppState): boolean;
  /** For tools that stay on: aria-pressed. */
  pressed?(state: AppState): boolean;
  /** A hint that depends on the state ("Undo adding a report"): a message with {what} filled from whatKey. */
  describe?(state: AppState): { key: MessageKey; whatKey: MessageKey } | null;
  run(context: ActionContext): void | Promise<unknown>;
}

/** True when the keyboard event is this shortcut (ignoring the scope). */
export function matchesShortcut(shortcut: Shortcut, event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(shortcut.mod) !== mod || Boolean(shortcut.shift) !== event.shiftKey || event.altKey) return false;
  return event.key.length === 1 ? event.key.toLowerCase() === shortcut.key.toLowerCase() : event.key === shortcut.key;
}

function keyName(shortcut: Shortcut): string {
  return shortcut.key === ' ' ? 'Space' : shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key;
}

/** "Ctrl+Shift+Z", as shown to people. */
export function formatShortcut(shortcut: Shortcut): string {
  return [shortcut.mod ? 'Ctrl' : null, shortcut.shift ? 'Shift' : null, keyName(shortcut)].filter(Boolean).join('+');
}

/** The aria-keyshortcuts value: "Control+Shift+Z Control+Y". */
export function ariaKeyShortcuts(shortcuts: readonly Shortcut[]): string | undefined {
  if (shortcuts.length === 0) return undefined;
  return shortcuts.map((shortcut) => [shortcut.mod ? 'Control' : null, shortcut.shift ? 'Shift' : null, keyName(shortcut)].filter(Boolean).join('+')).join(' ');
}
