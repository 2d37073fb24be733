/**
 * The app reads its own package back (issue 16, defect 7): dropping the ZIP restores its reports and review after
 * verifying it against its manifest; a tampered package changes nothing.
 */
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it, onTestFinished } from 'vitest';
import { clusterReports } from '../../src/core/cluster/clusterReports.ts';
import { buildSubmissionPackage } from '../../src/core/ctuPackage/buildSubmissionPackage.ts';
import { isSubmissionPackage } from '../../src/core/ctuPackage/importSubmissionPackage.ts';
import { buildPackageLocalities } from '../../src/core/ctuPackage/packageLocalities.ts';
import { zipEntryNames } from '../../src/core/files/zipDirectory.ts';
import { derivePlace } from '../../src/core/reports/derivePlace.ts';
import type { Report } from '../../src/core/reports/report.ts';
import type { ReviewState } from '../../src/core/review/reviewModel.ts';
import { createAppStore, type AppStore } from '../../src/store/appStore.ts';
import { createInProcessAnalysisClient } from '../../src/store/analysisClient.ts';
import { importPackageZip } from '../../src/store/packageImport.ts';
import { countryObecIndex } from '../support/packs.ts';
import { pdfFonts } from '../support/pdfFonts.ts';
import { loadSqlJs } from '../support/sqlJs.ts';
import { loadIndexFromDisk, newProfile, validReport, type Profile } from './reportsStoreKit.ts';

const AT = '2026-11-25T10:00:00.000Z';

function placed(at: [number, number], description: string): Report {
  const report = { ...validReport(at, { description }) };
  const place = derivePlace(countryObecIndex(), report.geometry);
  if (!place.ok) throw new Error('no place');
  return { ...report, place: place.place };
}

function openTab(profile: Profile): AppStore {
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

async function packageOf(reports: Report[], review: ReviewState): Promise<Uint8Array> {
  const clustering = clusterReports(reports, { distanceM: 300 });
  const { zip } = await buildSubmissionPackage({
    localities: buildPackageLocalities(reports, clustering, review, AT),
    kraj: { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
    contact: { name: 'Jana', function: 'referentka', email: '', phone: '' },
    outline: null,
    fonts: pdfFonts(),
    label: (key) => key,
    generatedAt: AT,
    appVersion: 'test',
    selection: {},
    boundaries: { source: 'test', describesDate: '2024-06', attribution: '' },
    includeReporters: false,
    sqlJs: await loadSqlJs(),
    review,
  });
  return zip;
}

describe('loading a ČTÚ package back into the app', () => {
  const a = placed([12.87, 50.23], 'U školy');
  const b = placed([12.8707, 50.2301], 'U školy, za rohem');
  const c = placed([12.91, 50.23], 'Na kopci');
  const localityId = `L-${[a, b].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id))[0]!.id}`;
  const review: ReviewState = {
    reviews: {
      [localityId]: {
        localityId,
        status: 'inReview',
        priority: 'high',
        notes: [{ at: AT, by: 'Jana', text: 'Ověřit', forCtu: true }],
        mergedInto: null,
        updatedAt: AT,
        number: 'KV-2026-0007',
      },
    },
    pins: {},
    audit: [],
  };

  it('recognises a package by its central directory alone, and a ZIP of something else as not one', async () => {
    const zip = await packageOf([a, b, c], review);
    const names = await zipEntryNames(zip.length, async (start, end) => zip.subarray(start, end));
    expect(names).toContain('manifest.json');
    expect(isSubmissionPackage(names!)).toBe(true);
    const other = zipSync({ 'nettest.csv': new TextEncoder().encode('open_test_uuid\n') });
    const otherNames = await zipEntryNames(other.length, async (start, end) => other.subarray(start, end));
    expect(otherNames).toEqual(['nettest.csv']);
    expect(isSubmissionPackage(otherNames!)).toBe(false);
    expect(await zipEntryNames(5, async () => new Uint8Array(5))).toBeNull();
  });

  it('restores the reports and the review (number, priority, notes for ČTÚ) in an empty profile, and a second load changes nothing', async () => {
    const zip = await packageOf([a, b, c], review);
    const store = openTab(newProfile());
    await store.getState().loadReports();
    await store.getState().loadReview();
    const summary = await importPackageZip(store, zip, 'balicek.zip');
    expect(summary).toMatchObject({ ok: true, added: 3 });
    expect(Object.keys(store.getState().reports).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(store.getState().review.reviews[localityId]).toMatchObject({
      status: 'inReview',
      priority: 'high',
      number: 'KV-2026-0007',
      notes: [{ text: 'Ověřit', forCtu: true }],
    });
    expect(store.getState().editor.importResult).toMatchObject({ fileName: 'balicek.zip', summary: { added: 3 } });
    const again = await importPackageZip(store, zip, 'balicek.zip');
    expect(again).toMatchObject({ ok: true, added: 0, unchanged: 3 });
  });

  it('refuses a tampered package whole: nothing is loaded', async () => {
    const files = unzipSync(await packageOf([a, b, c], review));
    files['data/hlaseni.obec-file.geojson'] = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    const store = openTab(newProfile());
    await store.getState().loadReports();
    await store.getState().loadReview();
    const summary = await importPackageZip(store, zipSync(files), 'upraveny.zip');
    expect(summary).toMatchObject({ ok: false, fileProblem: { code: 'package.tampered' } });
    expect(Object.keys(store.getState().reports)).toEqual([]);
    expect(store.getState().review.reviews).toEqual({});
  });
});
