/**
 * The layers import downward only (README, "Architecture"): this fails `npm test` on an upward import, naming the
 * file, the line and the rule. The rule itself is in layers.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEdge, importsOf, runtimeGlobalsOf, type Violation } from './layers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

describe('layers', () => {
  it('no file in src imports a layer above its own', () => {
    const violations: Violation[] = [];
    for (const file of sourceFiles('src')) {
      for (const edge of importsOf(file, readFileSync(path.join(ROOT, file), 'utf8'), ROOT)) {
        const rule = checkEdge(edge);
        if (rule) violations.push({ ...edge, rule });
      }
    }
    expect(violations.map((v) => `${v.from}:${v.line} imports ${v.specifier}: ${v.rule}`)).toEqual([]);
  });

  it('core uses no runtime global (process, Buffer, window, document, indexedDB, …)', () => {
    const found = sourceFiles('src/core').flatMap((file) =>
      runtimeGlobalsOf(file, readFileSync(path.join(ROOT, file), 'utf8')).map((g) => `${file}:${g.line} ${g.name}`),
    );
    expect(found).toEqual([]);
    expect(runtimeGlobalsOf('x.ts', 'const a = process.env.X; const b = options.process; const window = 3;').map((g) => g.name)).toEqual(['process']);
  });

  it('the rule catches what it should (core upward, store running worker code, worker → store, cli → store, server)', () => {
    const check = (from: string, text: string) => importsOf(from, text, ROOT).map(checkEdge);
    expect(check('src/core/a/x.ts', "import { y } from '../../store/appStore.ts';")[0]).toMatch(/core/);
    expect(check('src/core/a/x.ts', "import { readFileSync } from 'node:fs';")[0]).toMatch(/runtime package/);
    expect(check('src/store/x.ts', "import { analyse } from '../worker/analyseReports.ts';")[0]).toMatch(/store/);
    expect(check('src/store/x.ts', "import type { AnalysisResult } from '../worker/analysisProtocol.ts';")).toEqual([null]);
    expect(check('src/store/x.ts', "import { type A, type B } from '../worker/packageProtocol.ts';")).toEqual([null]);
    expect(check('src/store/x.ts', "import { BASEMAPS } from '../map/basemaps.ts';")[0]).toMatch(/store must not import map/);
    expect(check('src/worker/x.ts', "import { x } from '../store/appStore.ts';")[0]).toMatch(/worker/);
    expect(check('src/cli/x.ts', "import { x } from '../store/analysisSettings.ts';")[0]).toMatch(/cli/);
    expect(check('src/map/x.ts', "export type { X } from '../worker/analysisProtocol.ts';")[0]).toMatch(/map/);
    expect(check('src/core/a/x.ts', "const m = await import('../../ui/App.tsx');")[0]).toMatch(/core/);
    expect(check('src/ui/x.tsx', "import { useStore } from '../store/appStore.ts';")).toEqual([null]);
    // The server is a top layer like cli: core and cli/packsOnDisk.ts only, and nothing in src/ imports it.
    expect(check('src/server/x.ts', "import { readObce } from '../cli/packsOnDisk.ts';")).toEqual([null]);
    expect(check('src/server/x.ts', "import { parseCommandLine } from '../cli/commandLine.ts';")).toEqual([null]);
    expect(check('src/server/x.ts', "import { main } from '../cli/main.ts';")[0]).toMatch(/server/);
    expect(check('src/server/x.ts', "import { x } from '../store/appStore.ts';")[0]).toMatch(/server/);
    expect(check('src/cli/x.ts', "import { startServer } from '../server/server.ts';")[0]).toMatch(/must not import server/);
    expect(check('src/store/x.ts', "import type { PushResponse } from '../server/reportSync.ts';")[0]).toMatch(/must not import server/);
    expect(check('src/i18n/x.ts', "import { formatMessage } from '../core/text/formatMessage.ts';")).toEqual([null]);
  });
});
