/**
 * One pipeline: the app (store → package worker's code, in-process here) and the CLI (`hlucha-mista package`) build
 * a byte-identical ČTÚ package from the same obec files, analysis settings, review, selection and generated-at.
 * Both go through core's buildPackage → preparePackage; this test fails if either path prepares anything by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../src/core/analysis/analysisSettings.ts';
import { PACKS_DIR } from '../../src/cli/packsOnDisk.ts';
import { packageLabel } from '../../src/i18n/packageLabel.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { createAppStore } from '../../src/store/appStore.ts';
import { createInProcessPackageClient } from '../../src/store/packageClient.ts';
import { loadDisplayPack } from '../../src/store/packRepository.ts';
import { loadIndexFromDisk, newProfile } from '../store/reportsStoreKit.ts';
import { requirePacks } from '../support/packs.ts';

requirePacks();
const BIN = path.resolve(import.meta.dirname, '../../src/cli/hlucha-mista.mjs');
const FIXTURES = path.resolve(import.meta.dirname, '../core/reports/fixtures');
const FILES = ['obec-file-v2.geojson', 'obec-file-v1.geojson'].map((f) => path.join(FIXTURES, f));
const GENERATED_AT = '2026-11-25T10:00:00.000Z';
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The app's packs come over HTTP; here from public/packs on disk (the same files the CLI reads). */
function servePacksFromDisk() {
  vi.stubGlobal('fetch', async (url: string) => {
    const file = path.join(PACKS_DIR, String(url).replace(/^.*?packs\//, ''));
    try {
      return new Response(readFileSync(file), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  });
}
afterEach(() => vi.unstubAllGlobals());

async function appPackage(
  settings: AnalysisSettings,
  variant: 'ctu' | 'public',
): Promise<{ zip: Uint8Array; review: string; rejected: string; confirmed: string }> {
  servePacksFromDisk();
  const profile = newProfile();
  const store = createAppStore({
    settingsStorage: profile.settings,
    reports: { loadIndex: loadIndexFromDisk, indexedDB: profile.indexedDB, channelName: null, storageManager: null, now: () => GENERATED_AT },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null, now: () => GENERATED_AT },
    review: { indexedDB: profile.indexedDB, now: () => GENERATED_AT },
    package: {
      client: createInProcessPackageClient({
        fonts: async () => ({ regular: readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')) }),
        sqlJs: () => initSqlJs(),
        label: packageLabel,
      }),
      now: () => GENERATED_AT,
    },
  });
  const state = () => store.getState();
  await loadDisplayPack('CZ041');
  store.setState({ krajId: 'CZ041' });
  for (const file of FILES) await state().importObecFile(readFileSync(file, 'utf8'));
  state().setAnalysisSettings(settings);
  await state().runAnalysis();
  const localities = state().analysis.result!.localities;
  expect(localities.length).toBeGreaterThan(1);
  // A review: one locality confirmed, one rejected; the package goes with every status but "rejected".
  state().setReviewerName('Test');
  expect(await state().reviewLocality({ type: 'setStatus', localityId: localities[0]!.id, status: 'inReview' })).toMatchObject({ ok: true });
  expect(await state().reviewLocality({ type: 'setStatus', localityId: localities[0]!.id, status: 'confirmed' })).toMatchObject({ ok: true });
  expect(await state().reviewLocality({ type: 'setStatus', localityId: localities[1]!.id, status: 'rejected' })).toMatchObject({ ok: true });
  state().setPackageSelection({ statuses: ['new', 'confirmed'] });
  state().setPackageContact({ name: 'Jana Nováková', function: 'koordinátorka', email: 'jana@kraj.example', phone: '+420 123 456 789' });
  const result = await state().buildPackage(variant);
  expect(result, JSON.stringify(state().packageJob)).not.toBeNull();
  return { zip: result!.zip, review: state().exportReview(), confirmed: localities[0]!.id, rejected: localities[1]!.id };
}

function cliPackage(settings: AnalysisSettings, review: string, statuses: readonly string[], variant: 'ctu' | 'public'): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-parity-'));
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings));
  writeFileSync(path.join(dir, 'review.json'), review);
  const out = path.join(dir, 'package.zip');
  const result = spawnSync(
    process.execPath,
    [
      BIN,
      'package',
      ...FILES,
      '--kraj',
      'CZ041',
      '--settings',
      path.join(dir, 'settings.json'),
      '--review',
      path.join(dir, 'review.json'),
      '--status',
      statuses.join(','),
      '--generated-at',
      GENERATED_AT,
      '--contact',
      'Jana Nováková;koordinátorka;jana@kraj.example;+420 123 456 789',
      '--out',
      out,
      ...(variant === 'public' ? ['--public'] : []),
    ],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(out);
}

describe('the app and the CLI build the same package', () => {
  const settings: AnalysisSettings = {
    ...DEFAULT_ANALYSIS_SETTINGS,
    distanceM: 150,
    thresholds: { ...DEFAULT_ANALYSIS_SETTINGS.thresholds, minReports: 1, validForDays: 3_000 },
  };

  // Two package builds and a CLI start each: minutes on a loaded machine.
  it('ČTÚ package: byte-identical for the same files, settings, review, selection and generated-at', { timeout: 600_000 }, async () => {
    const app = await appPackage(settings, 'ctu');
    const cli = cliPackage(settings, app.review, ['new', 'confirmed'], 'ctu');
    const files = unzipSync(app.zip);
    expect(Object.keys(files)).toContain('lokality.csv');
    // The review matters: the confirmed locality is in the package, the rejected one is not.
    const csv = new TextDecoder().decode(files['lokality.csv']!);
    expect(csv).toContain(app.confirmed);
    expect(csv).not.toContain(app.rejected);
    expect(Buffer.from(app.zip).equals(Buffer.from(cli))).toBe(true);
  });

  it('public variant: byte-identical too', { timeout: 600_000 }, async () => {
    const app = await appPackage(settings, 'public');
    expect(Buffer.from(app.zip).equals(Buffer.from(cliPackage(settings, app.review, ['new', 'confirmed'], 'public')))).toBe(true);
  });
});
