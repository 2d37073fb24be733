/**
 * Builds the app once (Vite, mode "e2e": installs the small map test hook) and serves the build with
 * Vite's preview server on a free port; tests read the address with `inject('baseUrl')`.
 * Set HLUCHA_E2E_BASE_URL to test an already running server instead (e.g. `npm start`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'node_modules/.cache/hlucha-mista-e2e');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.HLUCHA_E2E_BASE_URL;
  if (external) {
    project.provide('baseUrl', external.endsWith('/') ? external : `${external}/`);
    return async () => undefined;
  }
  if (!existsSync(resolve(root, 'public/packs/index.json'))) {
    throw new Error('No boundary packs in public/packs: run `npm run geodata` first.');
  }
  // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'e2e', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({
    root,
    mode: 'e2e',
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await server.close();
  };
}
