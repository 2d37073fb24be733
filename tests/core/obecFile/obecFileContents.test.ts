import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { exportObecFile } from '../../../src/core/obecFile/exportObecFile.ts';
import { NEAR_BORDER_M, obecFileContents } from '../../../src/core/obecFile/obecFileContents.ts';
import { asciiSlug, obecFileName } from '../../../src/core/obecFile/obecFileName.ts';
import { parseObecFile } from '../../../src/core/obecFile/parseObecFile.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import type { DerivedPlace, Report, ReportGeometry } from '../../../src/core/reports/report.ts';

// A square "obec" of about 1.4 × 2.2 km around Pernink's centre; its neighbour lies to the east.
const WEST = 12.76;
const EAST = 12.78;
const SOUTH = 50.36;
const NORTH = 50.38;
const outline: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [WEST, SOUTH],
      [EAST, SOUTH],
      [EAST, NORTH],
      [WEST, NORTH],
      [WEST, SOUTH],
    ],
  ],
};
const PERNINK = { kod: '555452', nazev: 'Pernink' };
const ABERTAMY = { kod: '554979', nazev: 'Abertamy' };
const METRES_PER_DEGREE_LON = 111_195 * Math.cos((50.37 * Math.PI) / 180);

function place(obec: { kod: string; nazev: string }, alsoIn: DerivedPlace['alsoIn'] = []): DerivedPlace {
  return {
    obec,
    orp: { kod: '4106', kodRuian: '540', nazev: 'Ostrov' },
    okres: { kod: '40436', lau1: 'CZ0412', nazev: 'Karlovy Vary' },
    kraj: { nuts3: 'CZ041', kod: '3051', nazev: 'Karlovarský kraj' },
    wgs84: { lon: 12.77, lat: 50.37 },
    sjtsk: { x: -850000, y: -1000000 },
    alsoIn,
  };
}

let counter = 0;
function report(geometry: ReportGeometry, where: DerivedPlace | null, complete = true, extra: Partial<Report> = {}): Report {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    ...createEmptyReport(geometry, { id, now: `2026-12-0${1 + (counter % 5)}T10:00:00.000Z` }),
    ...(complete ? { description: `Hlášení ${counter}`, failures: ['noSignal' as const], operators: ['all' as const] } : {}),
    place: where,
    ...extra,
  };
}

const point = (lon: number, lat: number): ReportGeometry => ({ type: 'Point', coordinates: [lon, lat] });

describe('which reports go into the obec file, and why the others do not', () => {
  const station = report(point(12.77, 50.37), place(PERNINK));
  const demo = report(point(12.765, 50.365), place(PERNINK), true, { demo: true });
  const incomplete = report(point(12.771, 50.371), place(PERNINK), false);
  const road = report(
    {
      type: 'LineString',
      coordinates: [
        [12.775, 50.37],
        [12.8, 50.37],
      ],
    },
    place(ABERTAMY, [{ ...PERNINK, share: 0.3 }]),
  );
  // 120 m east of the border, in the neighbour.
  const justOver = report(point(EAST + 120 / METRES_PER_DEGREE_LON, 50.37), place(ABERTAMY));
  const farAway = report(point(12.9, 50.4), place({ kod: '506486', nazev: 'Boží Dar' }));
  const offline = report(point(12.772, 50.372), null);
  const offlineFar = report(point(12.95, 50.2), null);
  const all = [farAway, justOver, road, incomplete, demo, station, offline, offlineFar];

  it('counts exactly what the file holds', () => {
    const contents = obecFileContents(all, PERNINK.kod, { outline });
    expect(contents.included.map((r) => r.id).sort()).toEqual([station.id, demo.id].sort());
    expect(contents.demoCount).toBe(1);
    const text = exportObecFile(contents.included, { obec: PERNINK, signOff: null, exportedAt: '2026-12-06T10:00:00.000Z', appVersion: 'test' });
    const parsed = parseObecFile(text);
    expect(parsed.ok && parsed.reports.length).toBe(contents.included.length);
  });

  it('lists every report left out with its reason: incomplete, mostly in a neighbour, just over the border, no place', () => {
    const { leftOut, elsewhereCount } = obecFileContents(all, PERNINK.kod, { outline });
    expect(leftOut.map(({ report: r, reason }) => [r.id, reason.code])).toEqual([
      [incomplete.id, 'obecFile.incomplete'],
      [road.id, 'obecFile.mostlyElsewhere'],
      [justOver.id, 'obecFile.justOutside'],
      [offline.id, 'obecFile.placeUnknown'],
    ]);
    const [incompleteReason, roadReason, overReason, offlineReason] = leftOut.map((l) => l.reason);
    expect(incompleteReason?.code === 'obecFile.incomplete' && incompleteReason.problems.map((p) => p.path).sort()).toEqual([
      'description',
      'failures',
      'operators',
    ]);
    expect(roadReason).toEqual({ code: 'obecFile.mostlyElsewhere', obec: ABERTAMY, shareHere: 0.3 });
    expect(overReason?.code === 'obecFile.justOutside' && overReason.distanceM).toBeGreaterThan(110);
    expect(overReason?.code === 'obecFile.justOutside' && overReason.distanceM).toBeLessThan(130);
    expect(overReason?.code === 'obecFile.justOutside' && overReason.obec).toEqual(ABERTAMY);
    expect(offlineReason).toEqual({ code: 'obecFile.placeUnknown', distanceM: 0 });
    // The Boží Dar report and the far placeless one are not this obec's business: only counted.
    expect(elsewhereCount).toBe(2);
  });

  it('lists a neighbour report only within the border distance', () => {
    const beyond = report(point(EAST + (NEAR_BORDER_M + 50) / METRES_PER_DEGREE_LON, 50.37), place(ABERTAMY));
    expect(obecFileContents([beyond], PERNINK.kod, { outline }).leftOut).toEqual([]);
    expect(obecFileContents([beyond], PERNINK.kod, { outline, nearBorderM: 1000 }).leftOut.map((l) => l.reason.code)).toEqual(['obecFile.justOutside']);
  });

  it('with no obec chosen: every complete report, the incomplete listed', () => {
    const contents = obecFileContents(all, null);
    expect(contents.included).toHaveLength(7);
    expect(contents.leftOut.map((l) => l.report.id)).toEqual([incomplete.id]);
  });

  it('is pure: frozen input, the same answer twice, the file order by creation time', () => {
    const frozen = Object.freeze(all.map((r) => Object.freeze(r)));
    const a = obecFileContents(frozen, PERNINK.kod, { outline });
    expect(obecFileContents(frozen, PERNINK.kod, { outline })).toEqual(a);
    expect(a.included.map((r) => r.createdAt)).toEqual([...a.included.map((r) => r.createdAt)].sort());
  });
});

describe('the file name', () => {
  it('is obec-<ascii name>-<kód>-<date>.geojson', () => {
    expect(obecFileName(PERNINK, '2026-12-06')).toBe('obec-pernink-555452-2026-12-06.geojson');
    expect(obecFileName({ kod: '506486', nazev: 'Boží Dar' }, '2026-12-06')).toBe('obec-bozi-dar-506486-2026-12-06.geojson');
    expect(obecFileName({ kod: '555461', nazev: 'Přebuz' }, '2026-12-06')).toBe('obec-prebuz-555461-2026-12-06.geojson');
    expect(obecFileName(null, '2026-12-06')).toBe('obec-vse-2026-12-06.geojson');
  });

  it('never carries path separators, markup or non-ASCII, whatever the name', () => {
    const name = obecFileName({ kod: '../5x5', nazev: 'Lhota u „Kolína“ / <script> Ústí' }, '2026-12-06');
    expect(name).toBe('obec-lhota-u-kolina-script-usti-55-2026-12-06.geojson');
    expect(name).toMatch(/^[a-z0-9.-]+$/);
    expect(obecFileName({ kod: '555452', nazev: '' }, 'zítra')).toBe('obec-555452-bez-data.geojson');
    expect(asciiSlug('Štěnovice – Čižice')).toBe('stenovice-cizice');
  });
});
