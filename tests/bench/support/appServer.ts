/**
 * The app as the browser benchmarks need it: built by Vite (production React; mode "e2e" installs the small map
 * test hook) into node_modules/.cache/<cacheName>, and served by Vite's preview server on a free local port.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build, preview } from 'vite';

export async function buildAndServeApp(cacheName: string, mode = 'e2e'): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(import.meta.dirname, '../../..');
  const outDir = resolve(root, 'node_modules/.cache', cacheName);
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root, mode, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  return { url: `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`, close: () => server.close() };
}
