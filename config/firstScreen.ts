/**
 * The mayor's first screen on a weak signal (README, "Fast on a weak signal"), as build configuration:
 *
 * - every module the page's entry (src/main.tsx) imports statically goes into ONE chunk: left to itself the bundler
 *   splits what the entry shares with lazily loaded parts into a score of small chunks, each a request of its own
 *   (at a 150 ms round trip and six connections that alone costs a second);
 * - index.html preloads the map's chunk (MapLibre; a dynamic import that src/ui/MapView.tsx starts as the entry runs)
 *   and every chunk it imports, so that they download beside the entry instead of after it; MapLibre's worker is
 *   asked for by the entry itself as it starts (src/map/mapWorker.ts), so that it follows them on the wire;
 * - a few lines of inline script in index.html, placed before the stylesheet (a classic script after a stylesheet
 *   waits for it), preload the display boundaries of the kraj the page will open (the one remembered in the
 *   settings, else the default), which the store would otherwise ask for only once the entry has downloaded and run.
 *
 * What stays out of the entry is decided by the imports themselves (dynamic imports, src/ui/lazy/parts.tsx); the
 * benchmark tests/bench/firstMap.bench.ts measures the result.
 */
import type { Plugin } from 'vite';
import { DEFAULT_KRAJ } from '../src/core/units/adminUnits.ts';

/** What packRepository.loadDisplayPack fetches, in that order; the settings' key and shape are appStore's. */
const DISPLAY_PACK_FILES = ['manifest.json', 'obce.display.geojson', 'orp.display.geojson', 'kraje.display.geojson'];
const SETTINGS_KEY = 'hlucha-mista.settings';

/**
 * Preloads (fetch, CORS same-origin: what `fetch(url)` asks) the display pack of the kraj the page will open, and
 * the English catalogue's chunk when the page will open in English (`englishChunk`, null: none built).
 */
function packPreloadScript(base: string, englishChunk: string | null): string {
  const english = englishChunk
    ? `if(s&&s.state&&s.state.language==='en'){var e=document.createElement('link');e.rel='modulepreload';e.crossOrigin='anonymous';` +
      `e.href=${JSON.stringify(`${base}${englishChunk}`)};document.head.appendChild(e)}`
    : '';
  return (
    `(function(){var k=${JSON.stringify(DEFAULT_KRAJ)};try{var s=JSON.parse(localStorage.getItem(${JSON.stringify(SETTINGS_KEY)})||'null');` +
    `var v=s&&s.state&&s.state.krajId;if(typeof v==='string'&&/^CZ0[0-9]{2}$/.test(v))k=v;${english}}catch(e){}` +
    `${JSON.stringify(DISPLAY_PACK_FILES)}.forEach(function(f){var l=document.createElement('link');l.rel='preload';l.as='fetch';` +
    `l.crossOrigin='anonymous';l.href=${JSON.stringify(`${base}packs/`)}+k+'/'+f;document.head.appendChild(l)})})();`
  );
}

const ENTRY = /[\\/]src[\\/]main\.tsx$/;
const MAP_CHUNK = /[\\/]src[\\/]map[\\/]MapController\.ts$/;
const ENGLISH_CHUNK = /[\\/]src[\\/]i18n[\\/]en\.ts$/;

/**
 * Packages whose entry re-exports one module per function (turf: `import { bbox } from '@turf/turf'`). Tree-shaking
 * keeps only what is used, but the chunk group below would capture every module the barrel names — and with them
 * what lazily loaded parts use (turf's polygon intersection of the place lookup: polyclip-ts, bignumber.js), which
 * would then be downloaded with the first screen. Through a barrel the walk follows only the functions imported.
 */
const BARREL = /[\\/]node_modules[\\/]@turf[\\/]turf[\\/]/;

type ModuleInfoOf = (id: string) => { exports: string[] } | null;

/** The barrel's modules that export a name the importer imports from it (the barrel itself when that is not known). */
function barrelModulesUsed(importerCode: string, barrel: string, infoOf: ModuleInfoOf): string[] {
  const names = new Set<string>();
  let namespace = false;
  for (const match of importerCode.matchAll(/import\s*(\*\s*as\s+\w+|\{([^}]*)\})\s*from\s*["']@turf\/turf["']/g)) {
    if (match[2] === undefined) namespace = true;
    else for (const part of match[2].split(',')) if (part.trim()) names.add(part.trim().split(/\s+as\s+/)[0]!.trim());
  }
  const dependencies = (infoOf(barrel) as { importedIds?: string[] } | null)?.importedIds ?? [];
  if (namespace || names.size === 0) return [barrel];
  return [...dependencies.filter((dependency) => infoOf(dependency)?.exports.some((name) => names.has(name)))];
}

/** The modules statically reachable from the entry, known once the module graph is built (before chunking). */
const firstScreenModules = new Set<string>();

/** For build.rolldownOptions.output.codeSplitting.groups: the entry's static closure as one chunk. */
export const FIRST_SCREEN_CHUNK_GROUPS = [{ name: 'first-screen', test: (id: string) => firstScreenModules.has(id), priority: 100 }];

export function firstScreenPlugin(): Plugin {
  let base = '/';
  return {
    name: 'hlucha-mista:first-screen',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    buildEnd() {
      firstScreenModules.clear();
      const entry = [...this.getModuleIds()].find((id) => ENTRY.test(id));
      if (!entry) return; // a worker's build, or a page without the app's entry (the benchmark's bare page)
      const queue = [entry];
      while (queue.length > 0) {
        const id = queue.pop()!;
        if (firstScreenModules.has(id)) continue;
        firstScreenModules.add(id);
        const info = this.getModuleInfo(id);
        for (const imported of info?.importedIds ?? []) {
          if (!BARREL.test(imported)) queue.push(imported);
          else queue.push(...barrelModulesUsed(info?.code ?? '', imported, (dependency) => this.getModuleInfo(dependency)));
        }
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const inHtml = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+)"/g)].map((match) => match[1]!));
        const mapChunk = chunks.find((chunk) => chunk.facadeModuleId !== null && MAP_CHUNK.test(chunk.facadeModuleId));
        const tags: Array<{ tag: string; attrs: Record<string, string | boolean>; children?: string; injectTo: 'head' }> = [];
        const english = chunks.find((chunk) => chunk.facadeModuleId !== null && ENGLISH_CHUNK.test(chunk.facadeModuleId));
        if (mapChunk) {
          // The map's chunk and everything it imports, also through the chunks it imports: a module found only once
          // its importer has arrived costs a round trip more before the map can start.
          const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
          const files: string[] = [];
          const queue = [mapChunk.fileName];
          while (queue.length > 0) {
            const file = queue.shift()!;
            if (files.includes(file)) continue;
            files.push(file);
            queue.push(...(byName.get(file)?.imports ?? []));
          }
          for (const file of files) {
            if (!inHtml.has(file)) tags.push({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` }, injectTo: 'head' });
          }
        }
        // The packs' preloads go before the stylesheet: a classic script after a stylesheet waits until it has loaded
        // (a round trip and the CSS's bytes, ~0.5 s on the benchmark's line), and so would the preloads it makes.
        const preload = `<script>${packPreloadScript(base, english?.fileName ?? null)}</script>\n    `;
        const at = html.indexOf('<script type="module"');
        html = at >= 0 ? `${html.slice(0, at)}${preload}${html.slice(at)}` : html.replace('</head>', `${preload}</head>`);
        return { html, tags };
      },
    },
  };
}
