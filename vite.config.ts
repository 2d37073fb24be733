import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { DEFAULT_KRAJ } from './src/core/units/adminUnits.ts';
import { FIRST_SCREEN_CHUNK_GROUPS, firstScreenPlugin } from './config/firstScreen.ts';
import { offlineStagesPlugin, STAGE_2_CACHE, withoutStage2 } from './config/offlineStages.ts';

// One config for the app (Vite) and the tests (Vitest projects: fast unit tests in Node, browser tests in
// headless Chromium driven by playwright-core; see tests/e2e/README.md).
/**
 * Field mode (README, "Offline"): a service worker (vite-plugin-pwa → Workbox generateSW) precaches stage 1 of the
 * offline copy (config/offlineStages.ts: the shell and the mayor's path), the pack index, the country's kraj outlines
 * and the default kraj's pack; stage 2 (the rest of the app) is cached by the page after the first interaction and
 * by the runtime rule below when fetched online. The pack of any other kraj the user opens
 * is cached as it is fetched (stale-while-revalidate), so a chosen kraj works offline too. A new version waits until
 * the user chooses "Aktualizovat" (registerType 'prompt'). Off in `npm start` (no devOptions): the dev server's
 * modules must never come from a cache.
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  // The manifest's icons are already in the glob below.
  includeManifestIcons: false,
  manifest: {
    name: 'Hluchá místa',
    short_name: 'Hluchá místa',
    description: 'Místa bez mobilního signálu: zaznamenat v terénu, i bez připojení.',
    lang: 'cs',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#15304a',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: [
      '**/*.{js,mjs,css,html,svg,png,webmanifest}',
      'schema/*.json',
      'packs/index.json',
      'packs/CZ/kraje.display.geojson',
      `packs/${DEFAULT_KRAJ}/*`,
    ],
    // SheetJS (read only for .xls and .ods tables, ~0.4 MB per copy) is not precached: it is cached the first time
    // such a table is read (runtime caching below), so the app shell stays small for everyone else.
    globIgnores: ['**/*.map', '**/assets/xlsx-*.js'],
    // Stage 2 is not precached (config/offlineStages.ts).
    manifestTransforms: [async (entries) => withoutStage2(entries)],
    // MapLibre asks for its worker with "?v=…".
    ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^v$/],
    // The default kraj's address points (~1.5 MB) and the main bundle are larger than Workbox's 2 MB default.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/packs\//, /^\/schema\//],
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        urlPattern: ({ sameOrigin, url }) => sameOrigin && /^\/assets\/xlsx-[\w-]+\.js$/.test(url.pathname),
        handler: 'CacheFirst',
        options: { cacheName: 'hlucha-mista-sheetjs', expiration: { maxEntries: 4 } },
      },
      {
        // Stage 2 of the offline copy: hashed files (never change under their name), put here by the page after the
        // first interaction (src/store/offlineAppSlice.ts) or kept when fetched online; stage 1 is precached.
        urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/assets/'),
        handler: 'CacheFirst',
        // ignoreVary: the page stores them with a plain fetch, the app asks as a module script (CORS, Origin header).
        options: { cacheName: STAGE_2_CACHE, expiration: { maxEntries: 200 }, matchOptions: { ignoreVary: true } },
      },
      {
        urlPattern: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/packs/'),
        handler: 'StaleWhileRevalidate',
        // The kraj's display pack is asked for twice: by index.html's preload (CORS mode, with an Origin header)
        // and by the app's fetch. A server that answers "Vary: Origin" (Vite's preview does) would make the cached
        // copy miss the other one offline; a pack is the same whoever asks, so the cache ignores Vary.
        options: { cacheName: 'hlucha-mista-packs', expiration: { maxEntries: 120 }, matchOptions: { ignoreVary: true } },
      },
    ],
  },
});

export default defineConfig({
  plugins: [react(), pwa, firstScreenPlugin(), offlineStagesPlugin()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // The first screen's modules in one chunk (config/firstScreen.ts).
    rolldownOptions: { output: { codeSplitting: { groups: FIRST_SCREEN_CHUNK_GROUPS } } },
  },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          // Node answers in every language at once (the page loads English when chosen: src/i18n/translate.ts).
          setupFiles: ['src/i18n/allLanguages.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
