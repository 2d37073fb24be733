import { DEFAULT_LANGUAGE, type Language } from '../i18n/translate.ts';
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
  setLanguage: (language) => set({ language }),
  setBasemap: (basemap) => set({ basemap, basemapChosen: true, basemapStatus: basemap === 'none' ? 'off' : 'loading' }),
});
