import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPackFile, PackLoadError } from '../../../src/core/packs/packLoader.ts';

// A real HTTP server: each path answers as a pack server on a bad day would.
let server: Server;
let packsUrl = '';
beforeAll(async () => {
  server = createServer((request, response) => {
    const file = request.url?.split('/').pop();
    if (request.url?.startsWith('/packs/CZ041/manifest.json')) return response.end(JSON.stringify({ id: 'CZ041' }));
    if (file === 'obce.geojson' && request.url?.includes('/missing/')) return response.writeHead(404).end();
    if (file === 'obce.geojson' && request.url?.includes('/broken/')) return response.writeHead(500).end();
    if (file === 'obce.geojson' && request.url?.includes('/html/')) return response.end('<!doctype html><title>index</title>');
    if (file === 'obce.geojson' && request.url?.includes('/stalls/')) {
      response.write('{"type":"FeatureCollection","features":[');
      return; // and nothing more, for ever
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  packsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packs`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error: unknown) {
    return error instanceof PackLoadError ? error.code : `not coded: ${String(error)}`;
  }
}

describe('fetchPackFile (the one pack loader of the page, the workers and Node)', () => {
  it('reads a pack file as JSON', async () => {
    expect(await fetchPackFile(packsUrl, 'CZ041', 'manifest.json')).toEqual({ id: 'CZ041' });
  });

  it('says pack.notFound for a missing file and for a page answered instead of JSON (a dev server)', async () => {
    expect(await codeOf(fetchPackFile(packsUrl, 'missing', 'obce.geojson'))).toBe('pack.notFound');
    expect(await codeOf(fetchPackFile(packsUrl, 'html', 'obce.geojson'))).toBe('pack.notFound');
  });

  it('says pack.loadFailed for a server error, no server, and a body that stops arriving', async () => {
    expect(await codeOf(fetchPackFile(packsUrl, 'broken', 'obce.geojson'))).toBe('pack.loadFailed');
    expect(await codeOf(fetchPackFile('http://127.0.0.1:9/packs', 'CZ041', 'obce.geojson'))).toBe('pack.loadFailed');
    expect(await codeOf(fetchPackFile(packsUrl, 'stalls', 'obce.geojson', 300))).toBe('pack.loadFailed');
  });
});
