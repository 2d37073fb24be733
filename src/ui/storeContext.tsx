import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { translate, type MessageKey, type MessageParams } from '../i18n/translate.ts';
import type { AppState, AppStore } from '../store/appStore.ts';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStore outside <StoreProvider>');
  return store;
}

/** Reads one selected value from the app store and re-renders when it changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The translator for the current language. */
export function useT(): Translate {
  const language = useAppStore((state) => state.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}
