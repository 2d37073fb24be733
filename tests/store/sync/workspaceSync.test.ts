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
import type { PullResponse } from '../../../src/core/sync/protocol.ts';
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
const people = {} as Record<'mayor1' | 'mayor2' | 'bco', { id: string; token: string }>;

/** The network of one browser: switchable off, or losing the answer of the next push after the server applied it. */
function network(token: string) {
  const state = { online: true, loseNextPushAnswer: false };
  const fetchAs: typeof fetch = async (input, init) => {
    if (!state.online) throw new TypeError('Failed to fetch');
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

async function browser(token: string): Promise<{ store: AppStore; net: ReturnType<typeof network> }> {
  const net = network(token);
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
      notes: [{ at: '2026-12-06T10:00:00.000Z', by: 'BCO', text: 'Potvrzeno, předáme ČTÚ' }],
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
    expect(b.store.getState().reportProcessStates[kept.id]).toMatchObject({ status: 'confirmed', note: 'Potvrzeno, předáme ČTÚ' });
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
