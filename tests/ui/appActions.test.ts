import { describe, expect, it } from 'vitest';
import { cs } from '../../src/i18n/cs.ts';
import { en } from '../../src/i18n/en.ts';
import { matchesShortcut, type Shortcut } from '../../src/ui/actions/action.ts';
import { APP_ACTIONS } from '../../src/ui/actions/appActions.ts';

const key = (event: Partial<KeyboardEvent> & { key: string }) => ({ ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...event });

describe('the action registry', () => {
  it('has unique ids, and every label and hint in Czech and English', () => {
    expect(new Set(APP_ACTIONS.map((action) => action.id)).size).toBe(APP_ACTIONS.length);
    for (const action of APP_ACTIONS) {
      for (const messageKey of [action.labelKey, action.hintKey].filter((k) => k !== undefined)) {
        expect(cs[messageKey].length, messageKey).toBeGreaterThan(0);
        expect(en[messageKey].length, messageKey).toBeGreaterThan(0);
      }
    }
  });

  it('gives every command that changes reports an undo policy, and only undo/redo the "history" one', () => {
    const history = APP_ACTIONS.filter((action) => action.undo === 'history').map((action) => action.id);
    expect(history.sort()).toEqual(['history.redo', 'history.undo']);
    for (const id of ['report.delete', 'report.placePointAtCentre', 'demo.load', 'reports.clear', 'file.import'] as const) {
      expect(APP_ACTIONS.find((action) => action.id === id)?.undo, id).toBe('undoable');
    }
  });

  it('keeps single-key shortcuts to the focused map (WCAG 2.1.4)', () => {
    for (const action of APP_ACTIONS) {
      for (const shortcut of action.shortcuts) {
        if (!shortcut.mod) expect(shortcut.scope, `${action.id} ${shortcut.key}`).toBe('map');
      }
    }
  });

  it('matches Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y as the browser reports them', () => {
    const undo: Shortcut = { key: 'z', mod: true, scope: 'global' };
    const redo: Shortcut = { key: 'z', mod: true, shift: true, scope: 'global' };
    expect(matchesShortcut(undo, key({ key: 'z', ctrlKey: true }))).toBe(true);
    expect(matchesShortcut(undo, key({ key: 'z', metaKey: true }))).toBe(true);
    expect(matchesShortcut(undo, key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut(redo, key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesShortcut(redo, key({ key: 'z', shiftKey: true }))).toBe(false);
    expect(matchesShortcut({ key: 'Enter', scope: 'map' }, key({ key: 'Enter' }))).toBe(true);
  });
});
