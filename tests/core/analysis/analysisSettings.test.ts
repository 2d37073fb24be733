/**
 * The analysis settings: what a person may type (validation), what survives a reload (persisted with the other
 * settings, junk replaced by defaults), "Obnovit výchozí", and that the analysis uses them (grouping distance,
 * evidence thresholds).
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_CLUSTER_DISTANCE_M } from '../../../src/core/cluster/clusterReports.ts';
import { DEFAULT_EVIDENCE_THRESHOLDS } from '../../../src/core/evidence/evidenceMeter.ts';
import { exportObecFile } from '../../../src/core/obecFile/exportObecFile.ts';
import { createInProcessAnalysisClient } from '../../../src/store/analysisClient.ts';
import {
  ANALYSIS_SETTING_FIELDS,
  DEFAULT_ANALYSIS_SETTINGS,
  analysisSettingsFrom,
  parseSetting,
  settingValue,
  validateAnalysisSettings,
  type AnalysisSettingField,
} from '../../../src/core/analysis/analysisSettings.ts';
import { createAppStore, type AppStore } from '../../../src/store/appStore.ts';
import { loadIndexFromDisk, newProfile, validReport, type Profile } from '../../store/reportsStoreKit.ts';

const AT = '2026-11-21T10:00:00.000Z';

function defaultTexts(): Record<AnalysisSettingField, string> {
  const texts = {} as Record<AnalysisSettingField, string>;
  for (const field of ANALYSIS_SETTING_FIELDS) texts[field] = String(settingValue(DEFAULT_ANALYSIS_SETTINGS, field));
  return texts;
}

function openCoordinatorTab(profile: Profile): AppStore {
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null, now: () => AT },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => AT },
  });
  onTestFinished(() => {
    store.getState().closeReports();
    store.getState().closeReview();
  });
  return store;
}

describe('analysis settings', () => {
  it('defaults to the core defaults: 300 m grouping, 100 m around address points, the FCC-style thresholds', () => {
    expect(DEFAULT_ANALYSIS_SETTINGS.distanceM).toBe(DEFAULT_CLUSTER_DISTANCE_M);
    expect(DEFAULT_ANALYSIS_SETTINGS.distanceM).toBe(300);
    expect(DEFAULT_ANALYSIS_SETTINGS.addressRadiusM).toBe(100);
    expect(DEFAULT_ANALYSIS_SETTINGS.thresholds).toEqual(DEFAULT_EVIDENCE_THRESHOLDS);
    const result = validateAnalysisSettings(defaultTexts());
    expect(result).toEqual({ ok: true, settings: DEFAULT_ANALYSIS_SETTINGS });
  });

  it('accepts positive numbers (a decimal comma too) and a negative RSRP limit; refuses the rest, each with its reason', () => {
    expect(parseSetting('distanceM', '450')).toEqual({ ok: true, value: 450 });
    expect(parseSetting('maxDownloadMbps', '2,5')).toEqual({ ok: true, value: 2.5 });
    expect(parseSetting('maxRsrpDbm', '−105')).toEqual({ ok: true, value: -105 });
    expect(parseSetting('distanceM', '')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseSetting('distanceM', 'abc')).toEqual({ ok: false, problem: 'notNumber' });
    expect(parseSetting('distanceM', '0')).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseSetting('distanceM', '-20')).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseSetting('addressRadiusM', '-1')).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseSetting('minReports', '2.5')).toEqual({ ok: false, problem: 'notInteger' });
    expect(parseSetting('maxUploadMbps', '0')).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseSetting('maxRsrpDbm', '111')).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseSetting('validForDays', 'Infinity')).toEqual({ ok: false, problem: 'notNumber' });

    const result = validateAnalysisSettings({ ...defaultTexts(), distanceM: '0', minReports: 'x' });
    expect(result).toEqual({ ok: false, problems: { distanceM: 'outOfRange', minReports: 'notNumber' } });
  });

  it('reads persisted settings field by field: junk and missing values fall back to the defaults', () => {
    expect(analysisSettingsFrom(null)).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    expect(analysisSettingsFrom('junk')).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    const read = analysisSettingsFrom({ distanceM: 800, addressRadiusM: -5, thresholds: { minReports: 2, maxRsrpDbm: 'x', maxDownloadMbps: 10 } });
    expect(read).toEqual({
      distanceM: 800,
      addressRadiusM: 100,
      // Settings saved before the NetTest margin existed get its default.
      measurementMarginM: 100,
      thresholds: { ...DEFAULT_EVIDENCE_THRESHOLDS, minReports: 2, maxDownloadMbps: 10 },
    });
  });

  it('is kept with the other settings (a new tab has it), and "Obnovit výchozí" restores the defaults', () => {
    const profile = newProfile();
    const store = openCoordinatorTab(profile);
    const changed = { ...DEFAULT_ANALYSIS_SETTINGS, distanceM: 2500, thresholds: { ...DEFAULT_EVIDENCE_THRESHOLDS, maxDownloadMbps: 10 } };
    store.getState().setAnalysisSettings(changed);
    expect(openCoordinatorTab(profile).getState().analysisSettings).toEqual(changed);
    store.getState().resetAnalysisSettings();
    expect(openCoordinatorTab(profile).getState().analysisSettings).toEqual(DEFAULT_ANALYSIS_SETTINGS);
  });

  it('the analysis groups by the set distance and measures evidence against the set thresholds', async () => {
    const profile = newProfile();
    const store = openCoordinatorTab(profile);
    // About 1.4 km apart: two localities at 300 m, one at 2 km.
    const a = validReport([12.87, 50.23]);
    const b = validReport([12.89, 50.23]);
    await store.getState().loadReports();
    await store.getState().loadReview();
    await store.getState().importObecFile(exportObecFile([a, b], { obec: null, signOff: null, exportedAt: AT, appVersion: 'test' }));
    await store.getState().runAnalysis();
    const before = store.getState().analysis.result!;
    expect(before.localities).toHaveLength(2);
    expect(before.localities[0]!.evidence.missing.find((m) => m.code === 'evidence.reports')).toMatchObject({ have: 1, need: 3 });

    store.getState().setAnalysisSettings({ ...DEFAULT_ANALYSIS_SETTINGS, distanceM: 2000, thresholds: { ...DEFAULT_EVIDENCE_THRESHOLDS, minReports: 2 } });
    await store.getState().runAnalysis();
    const after = store.getState().analysis.result!;
    expect(after.localities).toHaveLength(1);
    expect(after.localities[0]!.reportIds.sort()).toEqual([a.id, b.id].sort());
    expect(after.localities[0]!.evidence.met).toContain('evidence.reports');
  });
});
