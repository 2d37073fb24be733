/**
 * The letter's settings in the package dialog's store: ČTÚ until changed, kept per kraj, remembered across a
 * reload, and junk in storage replaced by the default.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_LETTER_SETTINGS } from '../../src/core/ctuPackage/letterSettings.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { letterSettingsOf } from '../../src/store/packageSlice.ts';
import { loadIndexFromDisk, newProfile, type Profile } from './reportsStoreKit.ts';

function openTab(profile: Profile): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null },
  });
  onTestFinished(() => {
    store.getState().closeReports();
    store.getState().closeReview();
  });
  return store;
}

describe('letter settings in the store', () => {
  it('address ČTÚ until changed, are kept per kraj and survive a reload', () => {
    const profile = newProfile();
    const store = openTab(profile);
    expect(letterSettingsOf(store.getState())).toEqual(DEFAULT_LETTER_SETTINGS);
    store.getState().setLetterSettings({ reference: 'KK/9/26', place: 'Karlovy Vary' });
    store.getState().setLetterSettings({ sender: { name: 'Krajský úřad Karlovarského kraje', address: ['Závodní 353/88'], dataBox: 'siqbxt2', email: '' } });
    const karlovarsky = store.getState().krajId;
    expect(letterSettingsOf(store.getState())).toMatchObject({ reference: 'KK/9/26', place: 'Karlovy Vary', addressee: DEFAULT_LETTER_SETTINGS.addressee });

    // Another kraj has settings of its own.
    store.setState({ krajId: 'CZ042' });
    expect(letterSettingsOf(store.getState())).toEqual(DEFAULT_LETTER_SETTINGS);
    store.setState({ krajId: karlovarsky });

    const reopened = openTab(profile);
    expect(reopened.getState().letterSettingsByKraj[karlovarsky]).toMatchObject({ reference: 'KK/9/26', sender: { dataBox: 'siqbxt2' } });
  });

  it('drop stored settings the letter would refuse', async () => {
    const profile = newProfile();
    await profile.settings.setItem(
      'hlucha-mista.settings',
      JSON.stringify({
        state: { letterSettingsByKraj: { CZ041: { addressee: { dataBox: 'bad' } }, XX: { reference: 'a' }, CZ042: { reference: 'ÚK/1' } } },
        version: 1,
      }),
    );
    const store = openTab(profile);
    expect(store.getState().letterSettingsByKraj.CZ041).toBeUndefined();
    expect(store.getState().letterSettingsByKraj.XX).toBeUndefined();
    expect(store.getState().letterSettingsByKraj.CZ042?.reference).toBe('ÚK/1');
  });
});
