/**
 * A static file server for the load benchmarks: serves a built directory (and extra directories mounted under a
 * URL prefix) with gzip, as a production web server would (nginx's `gzip on` for text types). Each file is
 * compressed once (level 6, nginx's usual setting) and kept in memory, so compression time is not measured. Unknown
 * paths without a file extension get index.html (a single-page app's fallback). Files under /assets/ (Vite's hashed
 * names) are sent as cacheable for good, everything else `no-cache`. Only on 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
};
/** Types a server compresses (images and fonts of these kinds are compressed already or served as they are). */
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.webmanifest', '.svg', '.wasm', '.ttf']);

export interface StaticServer {
  url: string;
  /** Every response sent since the last `takeLog()`: path, bytes on the wire (body as sent, plus headers), Date.now(). */
  takeLog(): Array<{ path: string; bytes: number; at: number }>;
  close(): Promise<void>;
}

/** `mounts` maps a URL prefix ("/packs/") to a directory, looked up before `root`. */
export async function serveStatic(root: string, mounts: Record<string, string> = {}): Promise<StaticServer> {
  let log: Array<{ path: string; bytes: number; at: number }> = [];
  const cache = new Map<string, { body: Buffer; gzip: Buffer | null; type: string }>();
  const fileFor = (pathname: string): string | null => {
    for (const [prefix, directory] of Object.entries(mounts)) {
      if (pathname.startsWith(prefix)) return safeJoin(directory, pathname.slice(prefix.length));
    }
    return safeJoin(root, pathname);
  };
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = fileFor(pathname === '/' ? '/index.html' : pathname);
    if ((!file || !existsSync(file) || !statSync(file).isFile()) && extname(pathname) === '') file = join(root, 'index.html');
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      log.push({ path: pathname, bytes: 60, at: Date.now() });
      return;
    }
    let entry = cache.get(file);
    if (!entry) {
      const body = readFileSync(file);
      const extension = extname(file);
      entry = { body, gzip: COMPRESSED.has(extension) ? gzipSync(body, { level: 6 }) : null, type: TYPES[extension] ?? 'application/octet-stream' };
      cache.set(file, entry);
    }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    // Vite's hashed assets never change under their name: cached for good, as a static host serves them.
    const cacheControl = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    const headers: Record<string, string> = { 'content-type': entry.type, 'cache-control': cacheControl, vary: 'accept-encoding' };
    const body = acceptsGzip && entry.gzip ? entry.gzip : entry.body;
    if (body === entry.gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
    log.push({
      path: pathname,
      bytes: body.length + Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 17),
      at: Date.now(),
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    takeLog: () => {
      const taken = log;
      log = [];
      return taken;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function safeJoin(directory: string, pathname: string): string | null {
  const base = resolve(directory);
  const file = normalize(join(base, pathname));
  return file === base || file.startsWith(base + sep) ? file : null;
}
