/**
 * Gives components the context that actions run in (the store and, once the map exists, its commands),
 * and runs global shortcuts from the registry.
 */
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useAppStoreApi } from '../storeContext.tsx';
import type { ActionContext, ActionId, MapCommands } from './action.ts';
import { actionById, actionForKey, runAction } from './appActions.ts';

const MapCommandsContext = createContext<RefObject<MapCommands | null> | null>(null);

export function ActionsProvider({ children }: { children: ReactNode }) {
  const mapCommands = useRef<MapCommands | null>(null);
  return <MapCommandsContext.Provider value={mapCommands}>{children}</MapCommandsContext.Provider>;
}

/** Where MapView puts the map's commands once the map exists. */
export function useMapCommandsRef(): RefObject<MapCommands | null> {
  const ref = useContext(MapCommandsContext);
  if (!ref) throw new Error('useMapCommandsRef outside <ActionsProvider>');
  return ref;
}

export function useActionContext(): () => ActionContext {
  const store = useAppStoreApi();
  const mapCommands = useMapCommandsRef();
  return useCallback(() => ({ store, map: mapCommands.current }), [store, mapCommands]);
}

/** Runs a registered action by id (if enabled); returns whether it ran. */
export function useRunAction(): (id: ActionId) => boolean {
  const context = useActionContext();
  return useCallback((id) => runAction(actionById(id), context()), [context]);
}

/** Inputs whose own Ctrl+Z undoes typing (check boxes, radios and buttons leave it to the app). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'number', 'password', 'date', 'time', 'datetime-local', 'month', 'week']);

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/**
 * Global shortcuts (undo, redo). Inside a text field the browser's own undo of the typing wins; while a
 * modal dialog is open the page behind it does not react.
 */
export function useGlobalShortcuts(): void {
  const context = useActionContext();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isEditable(event.target) || document.querySelector('dialog[open]')) return;
      const { store } = context();
      const action = actionForKey(store.getState(), 'global', event);
      if (action && runAction(action, context())) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [context]);
}

/** The map's key hook: runs map-scoped shortcuts; true when the key was used. */
export function useMapKeyHandler(): (event: KeyboardEvent) => boolean {
  const context = useActionContext();
  return useCallback(
    (event) => {
      const action = actionForKey(context().store.getState(), 'map', event);
      return action !== null && runAction(action, context());
    },
    [context],
  );
}
