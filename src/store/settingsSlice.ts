import { DEFAULT_LANGUAGE, languageLoaded, loadLanguage, type Language } from '../i18n/translate.ts';
import { DEFAULT_BASEMAP, type BasemapId } from './basemapIds.ts';
import type { SliceCreator } from './appStore.ts';

export interface SettingsSlice {
  language: Language;
  basemap: BasemapId;
  setLanguage(language: Language): void;
  setBasemap(basemap: BasemapId): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  language: DEFAULT_LANGUAGE,
  basemap: DEFAULT_BASEMAP,
  // A catalogue not in the first chunk (English) loads first: the page switches when every sentence can.
  setLanguage: (language) => {
    if (languageLoaded(language)) return set({ language });
    loadLanguage(language).then(
      () => set({ language }),
      (error: unknown) => console.warn('i18n: the catalogue could not be loaded', language, error),
    );
  },
  setBasemap: (basemap) => set({ basemap, basemapChosen: true, basemapStatus: basemap === 'none' ? 'off' : 'loading' }),
});
