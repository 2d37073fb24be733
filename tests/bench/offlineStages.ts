/**
 * Prints the bytes of each stage of the offline copy (README, "Fast on a weak signal"); part of offline.bench.ts too.
 *
 *   node --import tsx tests/bench/offlineStages.ts [--dir DIR]   (without --dir: a production build first)
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { offlineStageSizes, printStageTable } from './support/offlineStageSizes.ts';

const at = process.argv.indexOf('--dir');
const root = resolve(import.meta.dirname, '../..');
let outDir = at > 0 ? resolve(process.argv[at + 1]!) : resolve(root, 'node_modules/.cache/hlucha-mista-bench-offline-stages');
if (at < 0) {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  process.env.NODE_ENV = nodeEnv;
}
outDir = resolve(outDir);
printStageTable(offlineStageSizes(outDir));
