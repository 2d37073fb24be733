/**
 * The offline copy in two stages (README, "Fast on a weak signal" and "Offline app"):
 *
 * - **stage 1**, the service worker's precache: what the mayor's offline path needs — the shell (HTML, manifest,
 *   icons), the first screen, the map (MapLibre and its worker), the drawing tools, the report form, the obec file's
 *   export and import, the place lookup and the kraj's packs (vite.config.ts lists the packs). It downloads once the first map is usable;
 * - **stage 2**, everything else the build makes (the region overview, the package and its letter, the table import,
 *   NetTest, GPX, the workers of those): the page puts it into the cache `STAGE_2_CACHE` after the first interaction
 *   or when asked ("Připravit celou aplikaci pro offline", src/store/offlineAppSlice.ts); the service worker serves
 *   that cache first and keeps there whatever of it is fetched online (vite.config.ts, runtime caching).
 *
 * What belongs to stage 1 is decided from the bundle: the entry's chunks and the chunks holding a module of MAYOR_PATH
 * (dynamic imports), with everything they import statically and their CSS. The stage-2 list (file and bytes) is written into
 * index.html, so that it always matches the page and the precache of the same build.
 */
import type { Plugin } from 'vite';

/** The dynamic imports of the mayor's offline path (their chunks and what those import are stage 1). */
const MAYOR_PATH = [
  /[\\/]src[\\/]map[\\/]MapController\.ts$/,
  /[\\/]src[\\/]map[\\/]drawing[\\/]mapDrawing\.ts$/,
  /[\\/]src[\\/]ui[\\/]reports[\\/]ReportForm\.tsx$/,
  // The obec file: sent to the kraj (written offline, sent when online) and read back.
  /[\\/]src[\\/]ui[\\/]reports[\\/]ExportDialog\.tsx$/,
  /[\\/]src[\\/]ui[\\/]reports[\\/]ImportDialog\.tsx$/,
  // A shared workspace's sync engine: edits made offline wait in its ledger.
  /[\\/]src[\\/]store[\\/]sync[\\/]workspaceSync\.ts$/,
  /[\\/]src[\\/]core[\\/]lookup[\\/]lookupPoint\.ts$/,
  /[\\/]src[\\/]core[\\/]reports[\\/]derivePlace\.ts$/,
  /[\\/]src[\\/]core[\\/]reports[\\/]suggestCastObce\.ts$/,
  // The English catalogue (loaded when chosen: src/i18n/translate.ts).
  /[\\/]src[\\/]i18n[\\/]en\.ts$/,
  // Registering the service worker itself (virtual:pwa-register loads it).
  /[\\/]workbox-window[\\/]/,
];
/** Files of the mayor's path that are not chunks: MapLibre's worker. */
const MAYOR_FILES = /(^|\/)maplibre-gl-worker-[\w-]+\.mjs$/;
/** What the service worker's glob would take (vite.config.ts globPatterns); the rest is left to the network. */
export const OFFLINE_FILE = /\.(js|mjs|css)$/;
/** Cached by its own runtime rule when first used (SheetJS, vite.config.ts). */
const OWN_RULE = /(^|\/)assets\/xlsx-[\w-]+\.js$/;

/** Stage 2's cache: filled by the page (offlineAppSlice.ts) and by the service worker's runtime rule for /assets/. */
export const STAGE_2_CACHE = 'hlucha-mista-stage2';
/** The id of the JSON script in index.html that lists stage 2. */
export const STAGE_2_ELEMENT_ID = 'offline-stage-2';

export interface OfflineStages {
  /** Built files of stage 1 (paths relative to the base, as the precache names them). */
  stage1: string[];
  /** Stage 2: path and bytes (uncompressed). */
  stage2: Array<{ url: string; bytes: number }>;
}

/** Known once index.html is written (before the service worker's precache is computed in closeBundle). */
export const offlineStages: OfflineStages = { stage1: [], stage2: [] };

/** For workbox.manifestTransforms: the precache without stage 2. */
export function withoutStage2<Entry extends { url: string }>(entries: Entry[]): { manifest: Entry[]; warnings: string[] } {
  const stage2 = new Set(offlineStages.stage2.map((file) => file.url));
  return { manifest: entries.filter((entry) => !stage2.has(entry.url)), warnings: [] };
}

export function offlineStagesPlugin(): Plugin {
  let base = '/';
  return {
    name: 'hlucha-mista:offline-stages',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle;
        if (!bundle) return;
        const outputs = Object.values(bundle);
        const chunks = new Map(outputs.flatMap((output) => (output.type === 'chunk' ? [[output.fileName, output] as const] : [])));
        const stage1 = new Set<string>();
        const visit = (fileName: string) => {
          if (stage1.has(fileName)) return;
          stage1.add(fileName);
          const chunk = chunks.get(fileName);
          if (!chunk) return;
          for (const css of chunk.viteMetadata?.importedCss ?? []) stage1.add(css);
          for (const imported of chunk.imports) visit(imported);
        };
        for (const chunk of chunks.values()) {
          if (chunk.isEntry || chunk.moduleIds.some((id) => MAYOR_PATH.some((path) => path.test(id)))) {
            visit(chunk.fileName);
          }
        }
        for (const output of outputs) if (MAYOR_FILES.test(output.fileName)) stage1.add(output.fileName);
        const stage2 = outputs
          .filter((output) => OFFLINE_FILE.test(output.fileName) && !stage1.has(output.fileName) && !OWN_RULE.test(output.fileName))
          .map((output) => ({
            url: output.fileName,
            bytes: output.type === 'chunk' ? Buffer.byteLength(output.code) : typeof output.source === 'string' ? Buffer.byteLength(output.source) : output.source.byteLength,
          }))
          .sort((a, b) => a.url.localeCompare(b.url));
        offlineStages.stage1 = [...stage1].sort();
        offlineStages.stage2 = stage2;
        // The page reads the list from here (offlineAppSlice.ts); `<` escaped so the JSON cannot close the script.
        const list = JSON.stringify({ base, files: stage2 }).replace(/</g, '\\u003c');
        return [{ tag: 'script', attrs: { type: 'application/json', id: STAGE_2_ELEMENT_ID }, children: list, injectTo: 'body' }];
      },
    },
  };
}
