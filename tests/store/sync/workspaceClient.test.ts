/**
 * The workspace client's answers for a weak signal and wrong addresses, against real local HTTP servers: a request
 * that never answers ends as `workspace.timeout` within its limit; a refused connection is `workspace.offline`; an
 * HTML page is `workspace.notAServer`; the server's coded refusals keep their code.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspaceClient, normalizeServerUrl } from '../../../src/store/sync/workspaceClient.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('workspace client', () => {
  it('a request that never answers ends as a timeout', async () => {
    const url = await listen(() => undefined); // accepts, never answers
    const client = createWorkspaceClient(url, { timeoutMs: 300 });
    expect(await client.pull('0')).toEqual({ ok: false, code: 'workspace.timeout' });
  });

  it('a refused connection is offline; an HTML page is not a server; coded refusals keep their code', async () => {
    const closed = await listen(() => undefined);
    servers[0]!.closeAllConnections();
    await new Promise((resolve) => servers.shift()!.close(resolve));
    expect((await createWorkspaceClient(closed).health()).ok).toBe(false);
    expect(await createWorkspaceClient(closed).health()).toMatchObject({ code: 'workspace.offline' });

    const html = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Vite</title>');
    });
    expect(await createWorkspaceClient(html).health()).toEqual({ ok: false, code: 'workspace.notAServer', status: 200 });

    const api = await listen((req, res) => {
      const status = req.url?.startsWith('/api/auth/me') ? 401 : req.url?.startsWith('/api/sync/pull') ? 400 : 503;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: status === 401 ? 'auth.required' : status === 400 ? 'sync.badCheckpoint' : 'database.unavailable' }));
    });
    const client = createWorkspaceClient(api);
    expect(await client.me()).toEqual({ ok: false, code: 'workspace.signedOut', status: 401, serverCode: 'auth.required' });
    expect(await client.pull('x')).toEqual({ ok: false, code: 'workspace.refused', status: 400, serverCode: 'sync.badCheckpoint' });
    expect(await client.health()).toEqual({ ok: false, code: 'workspace.serverError', status: 503, serverCode: 'database.unavailable' });
  });

  it('normalises addresses and refuses what is not one', () => {
    expect(normalizeServerUrl('hlucha.kraj-example.cz/')).toBe('https://hlucha.kraj-example.cz');
    expect(normalizeServerUrl(' http://127.0.0.1:8080/app/ ')).toBe('http://127.0.0.1:8080/app');
    expect(normalizeServerUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeServerUrl('https://user:pw@example.cz')).toBeNull();
    expect(normalizeServerUrl('')).toBeNull();
  });
});
