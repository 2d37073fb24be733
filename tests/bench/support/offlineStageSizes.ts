/**
 * The bytes of each stage of the offline copy (config/offlineStages.ts) in a production build: stage 1 = the service
 * worker's precache (the entries Workbox wrote into sw.js), stage 2 = the list the build wrote into index.html.
 * Raw bytes and gzip (what crosses the network from a server that compresses).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface StageRow {
  stage: string;
  files: number;
  bytes: number;
  gzip: number;
}

function sizes(outDir: string, urls: string[]): { bytes: number; gzip: number } {
  let bytes = 0;
  let gzip = 0;
  for (const url of urls) {
    const content = readFileSync(resolve(outDir, url));
    bytes += content.byteLength;
    gzip += gzipSync(content, { level: 9 }).byteLength;
  }
  return { bytes, gzip };
}

export function offlineStageSizes(outDir: string): StageRow[] {
  const sw = readFileSync(resolve(outDir, 'sw.js'), 'utf8');
  const precached = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1]!))];
  const html = readFileSync(resolve(outDir, 'index.html'), 'utf8');
  const listed = /<script type="application\/json" id="offline-stage-2">([^<]*)<\/script>/.exec(html);
  const stage2 = listed ? (JSON.parse(listed[1]!) as { files: Array<{ url: string }> }).files.map((file) => file.url) : [];
  const packs = precached.filter((url) => url.startsWith('packs/'));
  const app = precached.filter((url) => !url.startsWith('packs/'));
  return [
    { stage: '1: app (shell, first screen, map + MapLibre worker, drawing, report form, lookup)', files: app.length, ...sizes(outDir, app) },
    { stage: "1: the kraj's packs (index, kraje of Czechia, the default kraj with address points)", files: packs.length, ...sizes(outDir, packs) },
    { stage: '2: the rest (region overview, package + letter, table import, NetTest, GPX, their workers)', files: stage2.length, ...sizes(outDir, stage2) },
  ];
}

export function printStageTable(rows: StageRow[]): void {
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;
  console.log('| offline stage | files | bytes | gzip |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.stage} | ${row.files} | ${mb(row.bytes)} | ${mb(row.gzip)} |`);
}
