/**
 * The mayor's first screen stays small (README, "Fast on a weak signal"): this fails `npm test` when the entry
 * (src/main.tsx) reaches, through static imports, code the first map does not need — naming the import chain, so
 * the fix (a dynamic import where the thing is first used) is one look away. The benchmark
 * tests/bench/firstMap.bench.ts measures the bytes and seconds; this is the fast, deterministic guard.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf } from './layers.ts';
import { chainTo, isAssetSpecifier, isBare, packageImports, packageOf, staticClosure, staticImportsOf } from './firstScreen.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = 'src/main.tsx';

/** Packages the first screen never needs (each is loaded where it is first used, or only in a worker). */
const DENIED_PACKAGES: Record<string, string> = {
  'pdf-lib': 'the covering letter (PDF)',
  '@pdf-lib/fontkit': 'the covering letter (PDF fonts)',
  'dejavu-fonts-ttf': 'the covering letter (PDF fonts)',
  docx: 'the covering letter (DOCX)',
  proj4: 'S-JTSK coordinates (place lookup, table import, package)',
  'h3-js': 'the region overview (H3 grid)',
  'sql.js': 'the package (GeoPackage)',
  papaparse: 'the table import (CSV)',
  'read-excel-file': 'the table import (XLSX)',
  '@e965/xlsx': 'the table import (XLS, ODS)',
  '@xmldom/xmldom': 'GPX and KML',
  '@tmcw/togeojson': 'GPX and KML',
  'terra-draw': 'the drawing tools (loaded once the first map is idle)',
  'terra-draw-maplibre-gl-adapter': 'the drawing tools (loaded once the first map is idle)',
  'maplibre-gl': 'the map chunk (src/map/MapController.ts, loaded by MapView and preloaded by index.html)',
};

/** Turf's modules that pull in large libraries (polygon clipping, JSTS-like buffers, Voronoi). */
const DENIED_TURF = ['intersect', 'union', 'difference', 'buffer', 'dissolve', 'concave', 'voronoi', 'mask'];

/** Our own modules the first screen must not run: heavy, or the door to something heavy. */
const DENIED_FILES: Record<string, string> = {
  'src/map/MapController.ts': 'the map chunk, loaded by MapView',
  'src/map/drawing/mapDrawing.ts': 'the drawing tools',
  'src/core/reports/derivePlace.ts': 'the place lookup (proj4, turf)',
  'src/core/lookup/lookupPoint.ts': 'the place lookup',
  'src/core/lookup/lookupPolygon.ts': 'the place lookup (turf intersect)',
  'src/core/demo/generateDemoReports.ts': 'the demo data',
  'src/ui/actions/loadDemoReports.ts': 'the demo data',
  'src/ui/regionOverview/RegionOverviewSidebar.tsx': 'the region overview',
  'src/ui/reports/ReportForm.tsx': 'the report form (lazy part)',
  'src/ui/reports/ExportDialog.tsx': 'the obec file export (lazy part)',
  'src/ui/reports/ImportDialog.tsx': 'the obec file import (lazy part)',
  'src/store/sync/workspaceSync.ts': 'the sync engine, loaded by a browser with a shared workspace',
  'src/ui/tableImport/TableImportDialog.tsx': 'the table import',
  'src/core/ctuPackage/buildPackage.ts': 'the package',
  'src/core/aggregate/aggregateReports.ts': 'the region overview',
  'src/core/analysis/analyseReports.ts': 'the region overview',
  'src/core/nettest/nettestImport.ts': 'NetTest',
  'src/core/gpx/gpx.ts': 'GPX',
  'src/core/tableImport/tableImportSession.ts': 'the table import',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) ? [relative] : [];
  });
}

/** Every module some file of src/ loads with `import()`: a door that a static import from the entry would nail open. */
function dynamicallyImported(): Map<string, string> {
  const doors = new Map<string, string>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const running = new Set(staticImportsOf(file, text, ROOT).map((edge) => `${edge.line}`));
    for (const edge of importsOf(file, text, ROOT)) {
      if (edge.target && !running.has(`${edge.line}`) && /\bimport\(/.test(text.split('\n')[edge.line - 1] ?? '')) {
        doors.set(edge.target, `${file}:${edge.line}`);
      }
    }
  }
  return doors;
}

function violations(): string[] {
  const reached = staticClosure(ENTRY, ROOT);
  const found: string[] = [];
  for (const node of reached.keys()) {
    if (isBare(node)) {
      if (isAssetSpecifier(node)) continue;
      const reason = DENIED_PACKAGES[packageOf(node)];
      if (reason) found.push(`${chainTo(node, reached)}  (${packageOf(node)}: ${reason})`);
    } else if (DENIED_FILES[node]) {
      found.push(`${chainTo(node, reached)}  (${DENIED_FILES[node]})`);
    }
  }
  for (const edge of packageImports(reached, ROOT)) {
    if (edge.to !== '@turf/turf') continue;
    const heavy = edge.names.filter((name) => DENIED_TURF.includes(name));
    if (heavy.length > 0) found.push(`${chainTo(edge.from, reached)}:${edge.line} → @turf/turf { ${heavy.join(', ')} }  (turf's heavy modules)`);
  }
  for (const [target, door] of dynamicallyImported()) {
    if (reached.has(target) && !DENIED_FILES[target]) {
      found.push(`${chainTo(target, reached)}  (imported dynamically by ${door}: the static import makes that import() ineffective)`);
    }
  }
  return found;
}

describe('first screen', () => {
  it('the entry reaches through static imports nothing the first map does not need', () => {
    expect(violations()).toEqual([]);
  });

  it('the walk follows static imports only, and names the chain', () => {
    const text = [
      "import type { A } from './a.ts';",
      "import { type B } from './b.ts';",
      "import { c, type C } from './c.ts';",
      "import './d.css';",
      "export { e } from './e.ts';",
      "export type { F } from './f.ts';",
      "const g = () => import('./g.ts');",
      "import { intersect, bbox } from '@turf/turf';",
    ].join('\n');
    const edges = staticImportsOf('src/x/y.ts', text, ROOT);
    expect(edges.map((edge) => edge.to)).toEqual(['src/x/c.ts', 'src/x/d.css', 'src/x/e.ts', '@turf/turf']);
    expect(edges[0]!.names).toEqual(['c']);
    expect(edges[3]!.names).toEqual(['intersect', 'bbox']);
    expect(isAssetSpecifier('maplibre-gl/dist/maplibre-gl.css')).toBe(true);
    expect(isAssetSpecifier('maplibre-gl/dist/maplibre-gl-worker.mjs?url')).toBe(true);
    expect(packageOf('@pdf-lib/fontkit')).toBe('@pdf-lib/fontkit');
    expect(packageOf('zustand/vanilla')).toBe('zustand');
    // The real graph: the entry reaches the store and the app's frame, and MapView's door to the map is not an edge.
    const reached = staticClosure(ENTRY, ROOT);
    expect(chainTo('src/ui/App.tsx', reached)).toBe('src/main.tsx:6 → src/ui/App.tsx');
    expect(reached.has('src/ui/MapView.tsx')).toBe(true);
    expect(reached.has('src/map/MapController.ts')).toBe(false);
  });
});

describe('offline stages', () => {
  it('the page fills the cache the service worker reads stage 2 from', async () => {
    const { STAGE_2_CACHE, STAGE_2_ELEMENT_ID } = await import('../../config/offlineStages.ts');
    const slice = readFileSync(path.join(ROOT, 'src/store/offlineAppSlice.ts'), 'utf8');
    expect(slice).toContain(`OFFLINE_STAGE_2_CACHE = '${STAGE_2_CACHE}'`);
    expect(slice).toContain(`STAGE_2_ELEMENT_ID = '${STAGE_2_ELEMENT_ID}'`);
  });
});
