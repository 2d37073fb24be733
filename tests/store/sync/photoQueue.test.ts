/**
 * The photos' own upload queue, in the app's store against a real server and PostgreSQL: a photo taken with no
 * signal waits and is uploaded once the report's push was accepted (the report itself goes without the bytes, and
 * an edit does not send them again); a photo the server refuses is failed with the server's code, and a person's
 * retry sends it again; a reload keeps the queue; a coordinator's browser fetches the mayor's photo and keeps it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { PhotoReference } from '../../../src/core/reports/report.ts';
import { postgisUnavailable } from '../../../src/server/pgCluster.ts';
import { startServer, type RunningServer } from '../../../src/server/server.ts';
import { createAppStore, type AppStore } from '../../../src/store/appStore.ts';
import { dataUrlOf, pngBytes } from '../../server/support/photos.ts';
import { startTestWorkspace, type TestWorkspace } from '../../server/support/workspace.ts';
import { loadIndexFromDisk } from '../reportsStoreKit.ts';

let t: TestWorkspace;
let server: RunningServer;
let outbox: string;
let at = { lon: 0, lat: 0 };
const people = {} as Record<'mayor1' | 'mayor2' | 'bco', { id: string; token: string }>;

/** One browser's network: switchable off as a whole, or for photo uploads only; every request's method and path. */
function network(token: string) {
  const state = { online: true, photosBlocked: false, requests: [] as string[], pushedBodies: [] as string[] };
  const fetchAs: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (!state.online) throw new TypeError('Failed to fetch');
    if (state.photosBlocked && init?.method === 'PUT') throw new TypeError('Failed to fetch');
    state.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname === '/api/sync/push' && typeof init?.body === 'string') state.pushedBodies.push(init.body);
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  return { state, fetch: fetchAs };
}

/** A browser: its own IndexedDB (pass one to reopen the same browser after a reload). */
async function browser(
  token: string,
  indexedDB = new IDBFactory(),
  options: { offline?: boolean } = {},
): Promise<{ store: AppStore; net: ReturnType<typeof network>; indexedDB: IDBFactory }> {
  const net = network(token);
  net.state.online = !options.offline;
  const items = new Map<string, string>();
  const store = createAppStore({
    settingsStorage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) },
    reports: { loadIndex: loadIndexFromDisk, indexedDB, channelName: null, storageManager: null },
    workspace: { fetch: net.fetch, indexedDB, pollMs: 3_600_000, pushDelayMs: 3_600_000, ownOrigin: () => null },
  });
  onTestFinished(() => store.getState().closeReports());
  await store.getState().loadReports();
  expect(await store.getState().connectWorkspace(server.url)).toEqual({ ok: true });
  return { store, net, indexedDB };
}

function photoOf(bytes: Uint8Array): PhotoReference {
  return { id: randomUUID(), mimeType: 'image/png', bytes: bytes.length, dataUrl: dataUrlOf('image/png', bytes) };
}

async function serverPhoto(reportId: string, photoId: string, token: string): Promise<{ status: number; bytes: Uint8Array }> {
  const response = await fetch(`${server.url}/api/photos/${reportId}/${photoId}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe.skipIf(postgisUnavailable() !== null)("the photos' upload queue", () => {
  beforeAll(async () => {
    t = await startTestWorkspace();
    const obec = (await t.obceOf('CZ041', 1))[0]!;
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

  it('offline the photo waits; online it is uploaded after the report, which went without its bytes; an edit does not send it again; the coordinator gets it', async () => {
    const { store, net } = await browser(people.mayor1.token);
    const png = pngBytes(64, 48);
    const photo = photoOf(png);
    net.state.online = false;
    const created = await store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon, at.lat] }, { description: 'Za školou', failures: ['noSignal'], operators: ['o2'], photo });
    if (!created.ok) throw new Error('not created');
    await store.getState().syncWorkspace();
    expect(store.getState().reportSyncStates[created.id]).toBe('waiting');
    expect(store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'waiting' });

    net.state.online = true;
    await store.getState().syncWorkspace();
    expect(store.getState().reportSyncStates[created.id]).toBe('sent');
    expect(store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'sent' });
    const photoPut = `PUT /api/photos/${created.id}/${photo.id}`;
    expect(net.state.requests.indexOf(photoPut)).toBeGreaterThan(net.state.requests.indexOf('POST /api/sync/push'));
    expect(net.state.pushedBodies.join('')).not.toContain('base64');
    expect(Buffer.from((await serverPhoto(created.id, photo.id, people.mayor1.token)).bytes).equals(Buffer.from(png))).toBe(true);
    // The local report keeps its bytes (the obec file and the package embed them).
    expect(store.getState().reports[created.id]?.photo?.dataUrl).toBe(photo.dataUrl);

    await store.getState().updateReport(created.id, { description: 'Za školou, i na hřišti' });
    await store.getState().syncWorkspace();
    expect(store.getState().reportSyncStates[created.id]).toBe('sent');
    expect(net.state.requests.filter((r) => r.startsWith('PUT ')).length).toBe(1);
    expect(net.state.pushedBodies.join('')).not.toContain('base64');

    // The coordinator's browser pulls the report with the reference only, fetches the bytes and keeps them locally.
    const coordinator = await browser(people.bco.token);
    await coordinator.store.getState().syncWorkspace();
    const copy = coordinator.store.getState().reports[created.id];
    expect(copy?.description).toBe('Za školou, i na hřišti');
    expect(copy?.photo).toEqual({ id: photo.id, mimeType: 'image/png', bytes: png.length, dataUrl: photo.dataUrl });
    expect(coordinator.net.state.requests).toContain(`GET /api/photos/${created.id}/${photo.id}`);
    // Not the coordinator's to send: no upload state, no upload.
    expect(coordinator.store.getState().reportPhotoStates[created.id]).toBeUndefined();
    expect(coordinator.net.state.requests.filter((r) => r.startsWith('PUT '))).toEqual([]);
    await coordinator.store.getState().disconnectWorkspace();
    await store.getState().disconnectWorkspace();
  });

  it('a photo the server refuses is failed with its code; a reload keeps the queue; a retry sends it again', async () => {
    const first = await browser(people.mayor1.token);
    const png = pngBytes(30, 30, [[10, 90, 200]]);
    const photo = photoOf(png);
    first.net.state.photosBlocked = true;
    const created = await first.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon + 0.0005, at.lat] }, { description: 'U rybníka', failures: ['noSignal'], operators: ['o2'], photo });
    if (!created.ok) throw new Error('not created');
    await first.store.getState().syncWorkspace();
    expect(first.store.getState().reportSyncStates[created.id]).toBe('sent');
    expect(first.store.getState().reportPhotoStates[created.id]?.state).toBe('waiting');
    expect(first.store.getState().workspace.failure).toBe('workspace.offline');

    // Meanwhile someone stores other bytes under that photo id: the server will refuse this browser's.
    const other = pngBytes(30, 30, [[250, 200, 0]]);
    const theirs = await fetch(`${server.url}/api/photos/${created.id}/${photo.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${people.mayor2.token}`, 'content-type': 'image/png' },
      body: other as Uint8Array<ArrayBuffer>,
    });
    expect(theirs.status).toBe(201);

    first.net.state.photosBlocked = false;
    await first.store.getState().syncWorkspace();
    expect(first.store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'failed', code: 'photo.differs' });
    // The report itself stays sent; only its photo is refused.
    expect(first.store.getState().reportSyncStates[created.id]).toBe('sent');

    // A reload (the same browser's IndexedDB): the queue is still there, with the refusal and its code.
    first.store.getState().closeReports();
    const reopened = await browser(people.mayor1.token, first.indexedDB);
    expect(reopened.store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'failed', code: 'photo.differs' });

    // A person retries: sent again, and refused again with the same code (nothing silently replaced on the server).
    await reopened.store.getState().retryPhotoUpload(created.id);
    expect(reopened.net.state.requests).toContain(`PUT /api/photos/${created.id}/${photo.id}`);
    expect(reopened.store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'failed', code: 'photo.differs' });
    expect(Buffer.from((await serverPhoto(created.id, photo.id, people.bco.token)).bytes).equals(Buffer.from(other))).toBe(true);
    await reopened.store.getState().disconnectWorkspace();
  });

  it('a reload keeps a waiting photo, and it goes out when the connection returns', async () => {
    const first = await browser(people.mayor1.token);
    const png = pngBytes(24, 16, [[0, 120, 60]]);
    const photo = photoOf(png);
    first.net.state.online = false;
    const created = await first.store
      .getState()
      .createReport({ type: 'Point', coordinates: [at.lon - 0.0005, at.lat] }, { description: 'Hájovna', failures: ['noSignal'], operators: ['o2'], photo });
    if (!created.ok) throw new Error('not created');
    await first.store.getState().syncWorkspace();
    expect(first.store.getState().reportPhotoStates[created.id]?.state).toBe('waiting');
    first.store.getState().closeReports();

    const reopened = await browser(people.mayor1.token, first.indexedDB, { offline: true });
    expect(reopened.store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'waiting' });
    reopened.net.state.online = true;
    await reopened.store.getState().syncWorkspace();
    expect(reopened.store.getState().reportPhotoStates[created.id]).toEqual({ photoId: photo.id, state: 'sent' });
    expect(Buffer.from((await serverPhoto(created.id, photo.id, people.bco.token)).bytes).equals(Buffer.from(png))).toBe(true);
    await reopened.store.getState().disconnectWorkspace();
  });
});
