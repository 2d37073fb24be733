/**
 * The app's side of the shared workspace, against a real server and PostgreSQL (a throwaway cluster): two mayors'
 * browsers (each its own IndexedDB) and a coordinator's requests. A report made offline waits and goes out when the
 * connection returns; the same report edited in two browsers becomes a visible conflict that a person resolves,
 * nothing lost; a retried push after a lost answer is applied once; a deletion on the server reaches the browser;
 * the coordinator's decision shows as the report's state in the kraj's process.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { PackagedLocality, PackageRecord } from '../../../src/core/ctu/packageHistory.ts';
import type { PackageListResponse, PullResponse } from '../../../src/core/sync/protocol.ts';
import { postgisUnavailable } from '../../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../../src/server/server.ts';
import { createAppStore, type AppStore } from '../../../src/store/appStore.ts';
import { startTestWorkspace, type TestWorkspace } from '../../server/support/workspace.ts';
import { loadIndexFromDisk } from '../reportsStoreKit.ts';

let t: TestWorkspace;
let server: RunningServer;
let outbox: string;
let obec = '';
let at = { lon: 0, lat: 0 };
const people = {} as Record<'mayor1' | 'mayor2' | 'bco' | 'kraj', { id: string; token: string }>;

/** The network of one browser: switchable off, or losing the answer of the next push after the server applied it. */
function network(token: string) {
  const state = { online: true, loseNextPushAnswer: false, requests: [] as string[] };
  const fetchAs: typeof fetch = async (input, init) => {
    if (!state.online) throw new TypeError('Failed to fetch');
    state.requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(input, { ...init, headers });
    if (state.loseNextPushAnswer && String(input).endsWith('/api/sync/push')) {
      state.loseNextPushAnswer = false;
      await response.text();
      throw new TypeError('network connection lost');
    }
    return response;
  };
  return { state, fetch: fetchAs };
}

async function browser(token: string, options: { offline?: boolean } = {}): Promise<{ store: AppStore; net: ReturnType<typeof network> }> {
  const net = network(token);
  net.state.online = !options.offline;
  const items = new Map<string, string>();
  const store = createAppStore({
    settingsStorage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    reports: { loadIndex: loadIndexFromDisk, indexedDB: new IDBFactory(), channelName: null, storageManager: null },
    workspace: { fetch: net.fetch, pollMs: 3_600_000, pushDelayMs: 3_600_000, ownOrigin: () => null },
  });
  onTestFinished(async () => {
    await store.getState().disconnectWorkspace();
    store.getState().closeReports();
  });
  await store.getState().loadReports();
  const connected = await store.getState().connectWorkspace(server.url);
  expect(connected).toEqual({ ok: true });
  return { store, net };
}

async function serverRows(token: string): Promise<PullResponse['changes']> {
  const response = await fetch(`${server.url}/api/sync/pull?since=0`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as PullResponse).changes;
}

describe.skipIf(postgisUnavailable() !== null)('the app syncing with the shared workspace', () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    obec = (await t.obceOf('CZ041', 1))[0]!;
    at = await t.pointIn(obec);
    people.mayor1 = await t.addUser('starosta@example.cz', 'mayor', { obec });
    people.mayor2 = await t.addUser('mistostarosta@example.cz', 'mayor', { obec });
    people.bco = await t.addUser('bco@example.cz', 'bco', { kraj: 'CZ041' });
    people.kraj = await t.addUser('kraj@example.cz', 'kraj', { kraj: 'CZ041' });
    outbox = mkdtempSync(path.join(tmpdir(), 'hlucha-outbox-'));
    server = await startServer({ port: 0, workspace: t.workspace, mailOutbox: outbox });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
    if (outbox) rmSync(outbox, { recursive: true, force: true });
  });

  it('a report made with no signal waits in the outbox, then goes out once when the connection returns', async () => {
    const { store, net } = await browser(people.mayor1.token);
    expect(store.getState().workspace.identity?.user?.email).toBe('starosta@example.cz');
    net.state.online = false;
    const created = await store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon, at.lat] }, { description: 'Hasičská zbrojnice', failures: ['callsFail'], operators: ['o2'] });
    if (!created.ok) throw new Error('not created');
    await store.getState().syncWorkspace();
    expect(store.getState().workspace.connection).toBe('offline');
    expect(store.getState().workspace.failure).toBe('workspace.offline');
    expect(store.getState().reportSyncStates[created.id]).toBe('waiting');

    net.state.online = true;
    await store.getState().syncWorkspace();
    expect(store.getState().workspace.connection).toBe('online');
    expect(store.getState().reportSyncStates[created.id]).toBe('sent');
    const rows = (await serverRows(people.bco.token)).filter((c) => c.id === created.id);
    expect(rows).toHaveLength(1);
    expect((rows[0] as { properties: { description: string } }).properties.description).toBe('Hasičská zbrojnice');
  });

  it('a push whose answer is lost is sent again and applied once', async () => {
    const { store, net } = await browser(people.mayor1.token);
    const created = await store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon + 0.0004, at.lat] }, { description: 'Náves', failures: ['noSignal'], operators: ['all'] });
    if (!created.ok) throw new Error('not created');
    net.state.loseNextPushAnswer = true;
    await store.getState().syncWorkspace();
    expect(store.getState().reportSyncStates[created.id]).toBe('waiting');
    await store.getState().syncWorkspace();
    expect(store.getState().reportSyncStates[created.id]).toBe('sent');
    const rows = (await serverRows(people.bco.token)).filter((c) => c.id === created.id);
    expect(rows).toHaveLength(1);
    expect((rows[0] as { properties: { revision: number } }).properties.revision).toBe(1);
  });

  it('the same report edited in two browsers: the second gets a visible conflict, chooses, and both browsers end with the choice', async () => {
    const a = await browser(people.mayor1.token);
    const created = await a.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon - 0.0004, at.lat] }, { description: 'U kostela', failures: ['noSignal'], operators: ['o2'] });
    if (!created.ok) throw new Error('not created');
    await a.store.getState().syncWorkspace();
    const b = await browser(people.mayor2.token);
    expect(b.store.getState().reports[created.id]?.description).toBe('U kostela');
    expect(b.store.getState().reportSyncStates[created.id]).toBe('sent');

    await a.store.getState().updateReport(created.id, { description: 'U kostela, i uvnitř' });
    await b.store.getState().updateReport(created.id, { description: 'U kostela a na hřbitově' });
    await a.store.getState().syncWorkspace();
    expect(a.store.getState().reportSyncStates[created.id]).toBe('sent');
    await b.store.getState().syncWorkspace();
    expect(b.store.getState().reportSyncStates[created.id]).toBe('conflict');
    const [conflict] = b.store.getState().syncConflicts;
    expect(conflict).toMatchObject({
      id: created.id,
      localDescription: 'U kostela a na hřbitově',
      server: { deleted: false, description: 'U kostela, i uvnitř' },
    });
    // Nothing lost: B's edit is still in B's browser while the conflict waits.
    expect(b.store.getState().reports[created.id]?.description).toBe('U kostela a na hřbitově');

    await b.store.getState().resolveSyncConflict(created.id, 'mine');
    expect(b.store.getState().reportSyncStates[created.id]).toBe('sent');
    expect(b.store.getState().syncConflicts).toEqual([]);
    await a.store.getState().syncWorkspace();
    expect(a.store.getState().reports[created.id]?.description).toBe('U kostela a na hřbitově');
    expect(a.store.getState().reportSyncStates[created.id]).toBe('sent');
  });

  it("a deletion reaches the other browser; the coordinator's decision shows as the report's state", async () => {
    const a = await browser(people.mayor1.token);
    const kept = await a.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon, at.lat + 0.0004] }, { description: 'Hřiště', failures: ['noSignal'], operators: ['o2'] });
    const removed = await a.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon, at.lat - 0.0004] }, { description: 'Omylem', failures: ['noSignal'], operators: ['o2'] });
    if (!kept.ok || !removed.ok) throw new Error('not created');
    await a.store.getState().syncWorkspace();
    const b = await browser(people.mayor2.token);
    expect(b.store.getState().reports[removed.id]).toBeDefined();
    await a.store.getState().deleteReport(removed.id);
    await a.store.getState().syncWorkspace();
    await b.store.getState().syncWorkspace();
    expect(b.store.getState().reports[removed.id]).toBeUndefined();

    const localityId = `loc-${randomUUID().slice(0, 8)}`;
    const review = {
      localityId,
      status: 'confirmed',
      priority: 'high',
      notes: [
        { at: '2026-12-06T10:00:00.000Z', by: 'BCO', text: 'Potvrzeno, předáme ČTÚ', forMayor: true },
        { at: '2026-12-06T10:05:00.000Z', by: 'BCO', text: 'Interní: ověřit u operátora' },
      ],
      mergedInto: null,
      updatedAt: '2026-12-06T10:00:00.000Z',
    };
    const pushed = await fetch(`${server.url}/api/review/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${people.bco.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kraj: 'CZ041', reviews: [{ review, reportIds: [kept.id], baseRevision: null }] }),
    });
    expect(pushed.status).toBe(200);
    await b.store.getState().syncWorkspace();
    // The note for the obec, not the later internal one (which never reaches the mayor's browser).
    expect(b.store.getState().reportProcessStates[kept.id]).toMatchObject({ status: 'confirmed', note: 'Potvrzeno, předáme ČTÚ' });
    const received = await (await fetch(`${server.url}/api/review/pull?since=0`, { headers: { authorization: `Bearer ${people.mayor2.token}` } })).text();
    expect(received).toContain('Potvrzeno, předáme ČTÚ');
    expect(received).not.toContain('Interní');
    // The coordinator's own copy has both; its process state shows the note for the obec too.
    const forBco = await (await fetch(`${server.url}/api/review/pull?since=0`, { headers: { authorization: `Bearer ${people.bco.token}` } })).text();
    expect(forBco).toContain('Interní');
  });

  it('deleted on the server while edited here: a conflict; keeping mine brings the report back for everyone', async () => {
    const a = await browser(people.mayor1.token);
    const created = await a.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon + 0.0008, at.lat] }, { description: 'Lávka', failures: ['noSignal'], operators: ['o2'] });
    if (!created.ok) throw new Error('not created');
    await a.store.getState().syncWorkspace();
    const b = await browser(people.mayor2.token);
    await b.store.getState().deleteReport(created.id);
    await b.store.getState().syncWorkspace();
    await a.store.getState().updateReport(created.id, { description: 'Lávka přes řeku, i na druhém břehu' });
    await a.store.getState().syncWorkspace();
    expect(a.store.getState().syncConflicts).toMatchObject([{ id: created.id, server: { deleted: true } }]);
    expect(a.store.getState().reports[created.id]?.description).toBe('Lávka přes řeku, i na druhém břehu');
    await a.store.getState().resolveSyncConflict(created.id, 'mine');
    expect(a.store.getState().reportSyncStates[created.id]).toBe('sent');
    await b.store.getState().syncWorkspace();
    expect(b.store.getState().reports[created.id]?.description).toBe('Lávka přes řeku, i na druhém břehu');
  });

  it('kraj staff: a package recorded offline waits, goes to the server when connected, and again when marked sent; a refusal shows its code', async () => {
    const { store, net } = await browser(people.kraj.token);
    const serverPackages = async (token = people.kraj.token) =>
      ((await (await fetch(`${server.url}/api/packages`, { headers: { authorization: `Bearer ${token}` } })).json()) as PackageListResponse).packages;
    const locality = (id: string, status: PackagedLocality['status']): PackagedLocality => ({
      id,
      number: `KV-2026-00${id.slice(-2)}`,
      status,
      priority: 'normal',
      domain: 'mobile',
      obce: [obec],
      reports: 1,
      reportsKey: `${randomUUID()}@1`,
      lastObservation: null,
      evidenceLevel: 1,
      ctuNotes: [],
    });
    // The package history as the app records it after a build (packageSlice / ctuLoop.recordBuiltPackage).
    const built: PackageRecord = {
      number: 'KV-2026-B001',
      nuts3: 'CZ041',
      createdAt: '2026-12-06T09:00:00.000Z',
      by: 'Ing. Jana Krajská',
      fileName: 'ctu-KV-2026-B001.zip',
      sha256: 'ab'.repeat(32),
      selection: { statuses: ['confirmed'], orp: 'all', from: null, to: null },
      localities: [locality('loc-01', 'confirmed'), locality('loc-02', 'confirmed')],
      sent: null,
    };
    net.state.online = false;
    await store.getState().changeReview((review) => ({ review: { ...review, packages: [built] }, value: null }));
    expect(store.getState().packageServerStates).toEqual({ 'KV-2026-B001': { state: 'waiting' } });
    await store.getState().syncWorkspace();
    expect(store.getState().workspace.connection).toBe('offline');
    expect(store.getState().packageServerStates['KV-2026-B001']).toEqual({ state: 'waiting' });
    expect(await serverPackages()).toEqual([]);

    net.state.online = true;
    await store.getState().syncWorkspace();
    expect(store.getState().packageServerStates['KV-2026-B001']).toEqual({ state: 'sent' });
    const [stored] = await serverPackages();
    expect(stored).toMatchObject({ number: 'KV-2026-B001', by: 'Ing. Jana Krajská', sha256: built.sha256, sent: null });
    expect(stored!.localities.map((l) => [l.id, l.status])).toEqual([
      ['loc-01', 'confirmed'],
      ['loc-02', 'confirmed'],
    ]);

    // "Odeslat" marks it sent (the record as sendPackage leaves it): waiting again until the server has that too.
    const sent = { at: '2026-12-06T10:00:00.000Z', by: 'Ing. Jana Krajská' };
    await store.getState().changeReview((review) => ({
      review: { ...review, packages: (review.packages ?? []).map((r) => (r.number === built.number ? { ...r, sent } : r)) },
      value: null,
    }));
    expect(store.getState().packageServerStates['KV-2026-B001']).toEqual({ state: 'waiting' });
    await store.getState().syncWorkspace();
    expect(store.getState().packageServerStates['KV-2026-B001']).toEqual({ state: 'sent' });
    expect((await serverPackages())[0]!.sent).toEqual(sent);
    expect(await serverPackages(people.bco.token)).toHaveLength(1);
    expect(await serverPackages(people.mayor1.token)).toEqual([]);

    // Another browser's package under the same number (another ZIP): refused with its code, kept visible; a retry asks again.
    // (Built offline: online, the browser would have pulled the server's history first and numbered it B002.)
    const other = await browser(people.kraj.token, { offline: true });
    const clash: PackageRecord = { ...built, sha256: 'cd'.repeat(32), createdAt: '2026-12-06T11:00:00.000Z', sent: null };
    await other.store.getState().changeReview((review) => ({ review: { ...review, packages: [clash] }, value: null }));
    other.net.state.online = true;
    await other.store.getState().syncWorkspace();
    expect(other.store.getState().packageServerStates['KV-2026-B001']).toEqual({
      state: 'refused',
      code: 'package.numberTaken',
      takenBy: { by: built.by, createdAt: built.createdAt, fileName: built.fileName },
    });
    const posts = () => other.net.state.requests.filter((r) => r === 'POST /api/packages').length;
    const afterRefusal = posts();
    await other.store.getState().syncWorkspace();
    expect(posts()).toBe(afterRefusal); // not sent again by itself
    await other.store.getState().retryPackageUpload('KV-2026-B001');
    expect(posts()).toBe(afterRefusal + 1); // the person's retry asks again
    expect(other.store.getState().packageServerStates['KV-2026-B001']).toEqual({
      state: 'refused',
      code: 'package.numberTaken',
      takenBy: { by: built.by, createdAt: built.createdAt, fileName: built.fileName },
    });
    expect(await serverPackages()).toHaveLength(1);
    expect((await serverPackages())[0]!.sha256).toBe(built.sha256);

    // A mayor's browser records nothing on the server, whatever its history holds.
    const mayor = await browser(people.mayor1.token);
    await mayor.store.getState().changeReview((review) => ({ review: { ...review, packages: [{ ...built, number: 'KV-2026-B007' }] }, value: null }));
    await mayor.store.getState().syncWorkspace();
    expect(mayor.store.getState().packageServerStates).toEqual({});
    expect((await serverPackages()).map((p) => p.number)).toEqual(['KV-2026-B001']);
  });

  it('an address that is not a workspace server is refused with its code, and the app stays browser-only', async () => {
    const items = new Map<string, string>();
    const store = createAppStore({
      settingsStorage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
      reports: { loadIndex: loadIndexFromDisk, indexedDB: new IDBFactory(), channelName: null, storageManager: null },
      workspace: { fetch: async () => new Response('<!doctype html><p>Vite</p>', { headers: { 'content-type': 'text/html' } }), ownOrigin: () => null },
    });
    onTestFinished(() => store.getState().closeReports());
    expect(await store.getState().connectWorkspace('not a url at all ::')).toEqual({ ok: false, code: 'workspace.badAddress' });
    expect(await store.getState().connectWorkspace('http://127.0.0.1:9')).toEqual({ ok: false, code: 'workspace.notAServer' });
    expect(store.getState().workspace.connection).toBe('off');
    expect(store.getState().workspace.serverUrl).toBeNull();
  });
});
