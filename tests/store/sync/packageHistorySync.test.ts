/**
 * The kraj's ČTÚ package history shared through the server, with two kraj staff browsers against a real server and
 * PostgreSQL: B sees the package A built (with who built it); B's next package is numbered after A's; A, building
 * offline from an old history, gets a number B took meanwhile: the server refuses it, the row says who holds the
 * number and offers to build it again; the rebuild goes through the same package command and is recorded under the
 * next free number, naming the ZIP it replaces.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../src/core/analysis/analysisSettings.ts';
import type { PackageListResponse } from '../../../src/core/sync/protocol.ts';
import { packageLabel } from '../../../src/i18n/packageLabel.ts';
import { postgisUnavailable } from '../../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../../src/server/server.ts';
import { createInProcessAnalysisClient } from '../../../src/store/analysisClient.ts';
import { createAppStore, type AppStore } from '../../../src/store/appStore.ts';
import { createInProcessPackageClient } from '../../../src/store/packageClient.ts';
import { reportFeature, startTestWorkspace, type TestWorkspace } from '../../server/support/workspace.ts';
import { loadIndexFromDisk } from '../reportsStoreKit.ts';

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let t: TestWorkspace;
let server: RunningServer;
const people = {} as Record<'mayor' | 'jana' | 'petr', { id: string; token: string }>;

async function browser(token: string, reviewer: string): Promise<{ store: AppStore; net: { online: boolean } }> {
  const net = { online: true };
  const fetchAs: typeof fetch = async (input, init) => {
    if (!net.online) throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const indexedDB = new IDBFactory();
  const items = new Map<string, string>();
  const store = createAppStore({
    settingsStorage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    reports: { loadIndex: loadIndexFromDisk, indexedDB, channelName: null, storageManager: null },
    coordinator: { client: createInProcessAnalysisClient(loadIndexFromDisk), debounceMs: null },
    review: { indexedDB, tabChannelName: null },
    package: {
      client: createInProcessPackageClient({
        fonts: async () => ({ regular: readFileSync(path.join(fontDir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(fontDir, 'DejaVuSans-Bold.ttf')) }),
        sqlJs: () => initSqlJs(),
        label: packageLabel,
      }),
    },
    workspace: { fetch: fetchAs, pollMs: 3_600_000, pushDelayMs: 3_600_000, ownOrigin: () => null },
  });
  onTestFinished(async () => {
    await store.getState().disconnectWorkspace();
    store.getState().closeReports();
    store.getState().closeReview();
  });
  const state = () => store.getState();
  await state().loadReports();
  await state().loadReview();
  store.setState({ krajId: 'CZ041' });
  state().setReviewerName(reviewer);
  state().setAnalysisSettings({
    ...DEFAULT_ANALYSIS_SETTINGS,
    distanceM: 150,
    thresholds: { ...DEFAULT_ANALYSIS_SETTINGS.thresholds, minReports: 1, validForDays: 3_000 },
  });
  state().setPackageSelection({ statuses: ['new'] });
  expect(await state().connectWorkspace(server.url)).toEqual({ ok: true });
  // Kraj staff pull the kraj's reports; the package is built from them.
  await state().runAnalysis();
  expect(state().analysis.result?.localities.length).toBeGreaterThan(0);
  return { store, net };
}

const history = (store: AppStore) => (store.getState().review.packages ?? []).map((r) => ({ number: r.number, by: r.by, sha256: r.sha256 }));
const numberOf = (n: number) => `KV-${new Date().toISOString().slice(0, 4)}-B${String(n).padStart(3, '0')}`;

describe.skipIf(postgisUnavailable() !== null)('the package history shared by two kraj staff browsers', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const [obec] = await t.obceOf('CZ041', 1);
    people.mayor = await t.addUser('starosta@example.cz', 'mayor', { obec: obec! });
    people.jana = await t.addUser('jana@kr.example.cz', 'kraj', { kraj: 'CZ041' });
    people.petr = await t.addUser('petr@kr.example.cz', 'kraj', { kraj: 'CZ041' });
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: '/tmp/hlucha-unused-outbox' });
    const at = await t.pointIn(obec!);
    const changes = [0, 1, 2].map((k) => ({ report: reportFeature(at.lon + k * 0.01, at.lat, { description: `Místo ${k}` }), baseRevision: null }));
    const pushed = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${people.mayor.token}` },
      body: JSON.stringify({ changes }),
    });
    expect(((await pushed.json()) as { accepted: string[] }).accepted).toHaveLength(3);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('B sees A’s package and numbers after it; a number taken meanwhile is refused, explained and built again under the next free one', {
    timeout: 600_000,
  }, async () => {
    const jana = await browser(people.jana.token, 'Jana Krajská');
    const petr = await browser(people.petr.token, 'Petr Krajský');

    // A builds the first package; it goes to the server with the next sync.
    expect(await jana.store.getState().buildPackage('ctu')).not.toBeNull();
    await jana.store.getState().syncWorkspace();
    expect(history(jana.store).map((r) => r.number)).toEqual([numberOf(1)]);
    expect(jana.store.getState().packageServerStates[numberOf(1)]).toEqual({ state: 'sent' });

    // B's browser pulls it (who built it comes along) and numbers its own package after it.
    await petr.store.getState().syncWorkspace();
    expect(history(petr.store)).toEqual([{ number: numberOf(1), by: 'Jana Krajská', sha256: history(jana.store)[0]!.sha256 }]);
    // A, with no signal, builds another from its old history meanwhile: it can only guess B002.
    jana.net.online = false;
    await jana.store.getState().syncWorkspace();
    expect(jana.store.getState().workspace.connection).toBe('offline');
    expect(await petr.store.getState().buildPackage('ctu')).not.toBeNull();
    expect(history(petr.store).map((r) => [r.number, r.by])).toEqual([
      [numberOf(1), 'Jana Krajská'],
      [numberOf(2), 'Petr Krajský'],
    ]);
    await petr.store.getState().syncWorkspace();
    expect(petr.store.getState().packageServerStates[numberOf(2)]).toEqual({ state: 'sent' });
    const offline = await jana.store.getState().buildPackage('ctu');
    expect(offline).not.toBeNull();
    const clashing = jana.store.getState().review.packages!.at(-1)!;
    expect(clashing.number).toBe(numberOf(2));

    // Back online: refused (B holds the number); the row knows whose package holds it.
    jana.net.online = true;
    await jana.store.getState().syncWorkspace();
    const refused = jana.store.getState().packageServerStates[numberOf(2)];
    expect(refused).toMatchObject({ state: 'refused', code: 'package.numberTaken', takenBy: { by: 'Petr Krajský', fileName: expect.any(String) } });
    expect(history(jana.store).find((r) => r.number === numberOf(2))!.sha256).toBe(clashing.sha256); // nothing replaced by itself

    // "Sestavit znovu": the same command path; recorded under the next free number, naming the ZIP it replaces.
    const rebuilt = await jana.store.getState().rebuildPackage(numberOf(2));
    expect(rebuilt).not.toBeNull();
    const record = jana.store.getState().review.packages!.at(-1)!;
    expect(record.number).toBe(numberOf(3));
    expect(record.fileName).toBe(rebuilt!.fileName);
    expect(record.replaces).toEqual({ number: numberOf(2), sha256: clashing.sha256, fileName: clashing.fileName, createdAt: clashing.createdAt });
    await jana.store.getState().syncWorkspace();
    expect(jana.store.getState().packageServerStates[numberOf(3)]).toEqual({ state: 'sent' });
    // B's package now stands in A's history under its number; every package is on the server once.
    expect(history(jana.store).map((r) => [r.number, r.by])).toEqual([
      [numberOf(1), 'Jana Krajská'],
      [numberOf(2), 'Petr Krajský'],
      [numberOf(3), 'Jana Krajská'],
    ]);
    const onServer = (
      (await (await fetch(`${server.url}/api/packages`, { headers: { authorization: `Bearer ${people.petr.token}` } })).json()) as PackageListResponse
    ).packages;
    expect(onServer.map((p) => [p.number, p.by])).toEqual([
      [numberOf(1), 'Jana Krajská'],
      [numberOf(2), 'Petr Krajský'],
      [numberOf(3), 'Jana Krajská'],
    ]);
    await petr.store.getState().syncWorkspace();
    expect(history(petr.store).map((r) => r.number)).toEqual([numberOf(1), numberOf(2), numberOf(3)]);
  });
});
